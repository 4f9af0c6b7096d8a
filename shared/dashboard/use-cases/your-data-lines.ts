/**
 * @module your-data-lines
 * The Your data page: what C500 keeps about the signed-in member, a line each: the store's
 * documents, and what the live auction books keep too (a max standing in an auction still
 * running), as \`/c500 privacy\` says; and above Erase me, what an erasure cannot undo, offered first
 * as \`/c500 privacy\` offers it (privacy's \`eraseOffer\`).
 */
import { eraseOffer, memberDataSummary } from '../../privacy';
import { yourDataPage } from '../rules/pages/your-data-page';
import { eraseFormToken } from '../rules/erase-form';
import type { DashboardSession } from '../rules/session';
import type { DashboardDeps } from './dashboard-deps';

export async function yourDataHtml(
  deps: Pick<DashboardDeps, 'store' | 'keptElsewhere' | 'leaveFirst' | 'clock' | 'settings'>,
  frame: Parameters<typeof yourDataPage>[0],
  session: Pick<DashboardSession, 'sessionId' | 'userId'>,
): Promise<string> {
  const memberId = session.userId;
  const lines = [...((await memberDataSummary(deps.store, memberId)) ?? []), ...((await deps.keptElsewhere?.(memberId)) ?? [])];
  // The Erase me form lasts 15 minutes from now (rules/erase-form).
  const erase = eraseFormToken(session.sessionId, deps.clock.now().getTime(), deps.settings.sessionKey);
  if (lines.length === 0) return yourDataPage(frame, undefined, erase);
  // Above Erase me, what it cannot undo, as `/c500 privacy` asks before its Yes: the same offer, from the same code.
  return yourDataPage(frame, lines, erase, await eraseOffer(deps, memberId));
}
