/**
 * The daily reconciliation's lines the alerts read: `reconcile.unexplained`, one ERROR per
 * currency with the cents nothing explains (none when all is explained), and
 * `reconcile.finished` after every run, so a run that stopped is seen by its absence.
 */
import { releasedLot } from '../../disputes/test/released-lot';
import { journalCollection, journalPath } from '../../journal';
import { reconcileAndReport } from '../use-cases/reconcile';
import { logLinesOf } from '../../../test/support/log-lines';

async function reconciledLines(w: Awaited<ReturnType<typeof releasedLot>>['w']) {
  const since = new Date(w.deps.clock.now().getTime() - 2 * 86_400_000);
  const { lines } = await logLinesOf(() => reconcileAndReport(w.deps, since));
  return {
    unexplained: lines.filter((line) => line.event === 'reconcile.unexplained'),
    finished: lines.filter((line) => line.event === 'reconcile.finished'),
  };
}

describe('the daily reconciliation’s lines for the alerts', () => {
  it('GIVEN every line of a released lot explained THEN no reconcile.unexplained line and one reconcile.finished', async () => {
    const { w } = await releasedLot();
    const { unexplained, finished } = await reconciledLines(w);
    expect(unexplained).toEqual([]);
    expect(finished).toEqual([expect.objectContaining({ severity: 'INFO', unexplained: 0, uncleared: 0 })]);
  });

  it('GIVEN the journal lost the host’s 6,000 transfer THEN one ERROR reconcile.unexplained line of 6,000 usd, and the run still finishes', async () => {
    const { w } = await releasedLot();
    const entries = await w.store.query(journalCollection);
    const hostCut = entries.find((e) => e.data.kind === 'release' && e.data.postings.some((p) => p.amountCents === -6_000));
    if (!hostCut) throw new Error('the released lot has no host transfer in its journal');
    await w.store.delete(journalPath(hostCut.data.entryId));
    const { unexplained, finished } = await reconciledLines(w);
    expect(unexplained).toEqual([expect.objectContaining({ severity: 'ERROR', currency: 'usd', cents: 6_000 })]);
    expect(finished).toHaveLength(1);
  });
});
