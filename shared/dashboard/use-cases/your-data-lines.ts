/**
 * @module your-data-lines
 * The Your data page: what C500 keeps about the signed-in member, a line each: the store's
 * documents, and what the live auction books keep too (a max standing in an auction still
 * running), as \`/c500 privacy\` says.
 */
import { memberDataSummary } from '../../privacy';
import { yourDataPage } from '../rules/pages/your-data-page';
import type { DashboardDeps } from './dashboard-deps';

export async function yourDataHtml(
  deps: Pick<DashboardDeps, 'store' | 'keptElsewhere'>,
  frame: Parameters<typeof yourDataPage>[0],
  memberId: string,
): Promise<string> {
  const lines = [...((await memberDataSummary(deps.store, memberId)) ?? []), ...((await deps.keptElsewhere?.(memberId)) ?? [])];
  return yourDataPage(frame, lines.length > 0 ? lines : undefined);
}
