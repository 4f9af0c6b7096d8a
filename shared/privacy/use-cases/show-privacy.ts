/**
 * @module show-privacy
 * `/c500 privacy`: what C500 holds about the member, in a few lines, with **Download my data**
 * and **Erase me**. In a server or in DMs: it is about the person, not the server.
 */
import type { DiscordMessage, DocumentStore } from '../../ports';
import { invoker, refusals, type Interaction } from '../../discord';
import { privacyAnswers } from '../rules/privacy-messages';
import { erasureRecordOf } from './erasure-record';
import { findMemberData, identitiesOf, type FoundDocument } from './find-member-data';
import { keptElsewhereOf } from './erase-member';
import type { PrivacyDeps } from './privacy-deps';

export async function showPrivacy(deps: PrivacyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const member = invoker(interaction);
  if (!member) return refusals.staleComponent;
  const found = await findMemberData(deps.store, member.id);
  const lines = [...summaryOf(found), ...(await keptElsewhereOf(deps, identitiesOf(found, member.id)))];
  if (lines.length === 0) return privacyAnswers.nothingKept;
  const erasure = await deps.store.get(erasureRecordOf(member.id));
  return privacyAnswers.summary(lines, member.id, deps.publicBaseUrl, erasure?.erasedAt);
}

/** What C500 holds about the member in a few lines (`2 × one purchase…`), or undefined: nothing. */
export async function memberDataSummary(store: DocumentStore, memberId: string): Promise<string[] | undefined> {
  const found = await findMemberData(store, memberId);
  return found.length === 0 ? undefined : summaryOf(found);
}

function summaryOf(found: readonly FoundDocument[]): string[] {
  const counts = new Map<string, number>();
  for (const { document } of found) counts.set(document.about, (counts.get(document.about) ?? 0) + 1);
  return [...counts].map(([about, count]) => `${count} × ${about}`).slice(0, 12);
}
