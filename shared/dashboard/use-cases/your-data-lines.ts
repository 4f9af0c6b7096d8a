/**
 * @module your-data-lines
 * The Your data page: what C500 keeps about the signed-in member, a line each: the store's
 * documents, and what the live auction books keep too (a max standing in an auction still
 * running), as \`/c500 privacy\` says.
 */
import { memberDataSummary } from '../../privacy';
import { yourDataPage } from '../rules/pages/your-data-page';
import { eraseFormToken } from '../rules/erase-form';
import type { DashboardSession } from '../rules/session';
import type { DashboardDeps } from './dashboard-deps';

export async function yourDataHtml(
  deps: Pick<DashboardDeps, 'store' | 'keptElsewhere' | 'clock' | 'settings'>,
  frame: Parameters<typeof yourDataPage>[0],
  session: Pick<DashboardSession, 'sessionId' | 'userId'>,
): Promise<string> {
  const memberId = session.userId;
  const lines = [...((await memberDataSummary(deps.store, memberId)) ?? []), ...((await deps.keptElsewhere?.(memberId)) ?? [])];
  // The Erase me form lasts 15 minutes from now (rules/erase-form).
  const erase = eraseFormToken(session.sessionId, deps.clock.now().getTime(), deps.settings.sessionKey);
  return yourDataPage(frame, lines.length > 0 ? lines : undefined, erase);
}
