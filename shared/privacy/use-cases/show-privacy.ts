/**
 * @module show-privacy
 * `/c500 privacy`: what C500 holds about the member, in a few lines, with **Download my data**
 * and **Erase me**. In a server or in DMs: it is about the person, not the server.
 */
import type { DiscordMessage, DocumentStore } from '../../ports';
import { invoker, refusals, type Interaction } from '../../discord';
import { privacyAnswers } from '../rules/privacy-messages';
import { recordName } from '../rules/member-data';
import { erasureRecordOf } from './erasure-record';
import { findMemberData, identitiesOf, type FoundDocument } from './find-member-data';
import { keptElsewhereOf } from './erase-member';
import type { PrivacyDeps } from './privacy-deps';

export async function showPrivacy(deps: PrivacyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const member = invoker(interaction);
  if (!member) return refusals.staleComponent;
  const found = await findMemberData(deps.store, member.id);
  const lines = [...summaryOf(found, member.id), ...(await keptElsewhereOf(deps, identitiesOf(found, member.id)))];
  if (lines.length === 0) return privacyAnswers.nothingKept;
  const erasure = await deps.store.get(erasureRecordOf(member.id));
  return privacyAnswers.summary(lines, member.id, deps.publicBaseUrl, erasure?.erasedAt);
}

/** What C500 holds about the member in a few lines (`2 × one purchase…`), or undefined: nothing. */
export async function memberDataSummary(store: DocumentStore, memberId: string): Promise<string[] | undefined> {
  const found = await findMemberData(store, memberId);
  return found.length === 0 ? undefined : summaryOf(found, memberId);
}

/** Each record named as the erasure's answers name it (an open pledge by what it may still do), counted. */
function summaryOf(found: readonly FoundDocument[], memberId: string): string[] {
  const counts = new Map<string, number>();
  for (const record of found) {
    const name = recordName(record, memberId);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([about, count]) => `${count} × ${about}`).slice(0, 12);
}
