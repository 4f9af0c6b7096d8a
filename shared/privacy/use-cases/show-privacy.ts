/**
 * @module show-privacy
 * `/c500 privacy`: what C500 holds about the member, in a few lines, with **Download my data**
 * and **Erase me**. In a server or in DMs: it is about the person, not the server.
 */
import type { DiscordMessage } from '../../ports';
import { invoker, refusals, type Interaction } from '../../discord';
import { privacyAnswers } from '../rules/privacy-messages';
import { findMemberData } from './find-member-data';
import type { PrivacyDeps } from './privacy-deps';

export async function showPrivacy(deps: PrivacyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const member = invoker(interaction);
  if (!member) return refusals.staleComponent;
  const found = await findMemberData(deps.store, member.id);
  if (found.length === 0) return privacyAnswers.nothingKept;
  const counts = new Map<string, number>();
  for (const { document } of found) counts.set(document.about, (counts.get(document.about) ?? 0) + 1);
  const lines = [...counts].map(([about, count]) => `${count} × ${about}`);
  return privacyAnswers.summary(lines.slice(0, 12), member.id, deps.publicBaseUrl);
}
