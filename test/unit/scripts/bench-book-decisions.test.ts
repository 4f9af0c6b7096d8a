import { bookDecisionsOf } from '../../../scripts/bench/book-decisions';
import { logEntryOf } from '../../../scripts/slo/logging-filter';

const trace = 'projects/c500-local/traces/0af7651916cd43dd8448eb211c80319c';
/** The run's herd: deliveries begun from 0 to 1,000 ms after the clock's zero. */
const run = { fromMs: Date.parse('2026-11-29T19:00:00.000Z'), toMs: Date.parse('2026-11-29T19:00:01.000Z') };
const at = (ms: number) => new Date(Date.parse('2026-11-29T19:00:00.000Z') + ms).toISOString();

/** The line the bid subscriber writes at a delivery's end, `ms` after its start. */
const delivered = (span: string, endMs: number, ms: number, fn = 'auctionBids') =>
  logEntryOf({
    severity: 'INFO',
    message: 'delivery handled',
    time: at(endMs),
    function: fn,
    ms,
    'logging.googleapis.com/trace': trace,
    'logging.googleapis.com/spanId': span,
  });

/** The line decideBid writes as the book answers. */
const decided = (span: string, answeredMs: number, fields: Record<string, unknown> = {}) =>
  logEntryOf({
    severity: 'INFO',
    message: 'bid decided',
    time: at(answeredMs),
    event: 'bid.decided',
    auctionId: 'a1',
    outcome: 'accepted',
    reason: 'leading',
    repeat: false,
    gatheredMs: 30.4,
    scriptMs: 4.2,
    'logging.googleapis.com/trace': trace,
    'logging.googleapis.com/spanId': span,
    ...fields,
  });

describe('the book’s own decision time, read from the bid subscriber’s lines', () => {
  it('counts from the delivery’s start to the book’s answer, less the window’s wait, joined by the delivery’s span', () => {
    // Delivery started at 100 (ended at 180 after 80 ms); the book answered at 145: 45 ms, 30.4 of them in the window.
    const decisions = bookDecisionsOf([decided('s1', 145), delivered('s1', 180, 80)], run);
    expect(decisions).toEqual([{ decisionMs: expect.closeTo(14.6, 5), gatheredMs: 30.4, scriptMs: 4.2, sealed: false }]);
  });

  it('counts a bid refused after the hammer, which names no auction, as the book’s decision all the same', () => {
    const decisions = bookDecisionsOf([decided('s1', 145, { auctionId: undefined, outcome: 'refused', reason: 'not-found' }), delivered('s1', 180, 80)], run);
    expect(decisions).toHaveLength(1);
  });

  it('marks the bids taken sealed in the final call', () => {
    const decisions = bookDecisionsOf([decided('s1', 145, { reason: 'sealed' }), delivered('s1', 180, 80)], run);
    expect(decisions.map((d) => d.sealed)).toEqual([true]);
  });

  it('leaves out deliveries begun outside the run, redeliveries, chat bids (no bid delivery) and lines without the book’s timing', () => {
    const decisions = bookDecisionsOf(
      [
        // Begun 20 ms before the run, and 1,010 ms after its start (it lasts 1,000).
        decided('s0', 45),
        delivered('s0', 60, 80),
        decided('s1', 1_045),
        delivered('s1', 1_090, 80),
        decided('s2', 145, { repeat: true }),
        delivered('s2', 180, 80),
        decided('s3', 145),
        delivered('s3', 180, 80, 'chatBids'),
        decided('s4', 145, { gatheredMs: undefined }),
        delivered('s4', 180, 80),
        decided('s5', 145),
      ],
      run,
    );
    expect(decisions).toEqual([]);
  });

  it('never reads a decision below zero when the lines’ whole milliseconds round the other way', () => {
    // Started at 100, answered at 130 by the lines' clock, 30.4 ms of it in the window.
    const [decision] = bookDecisionsOf([decided('s1', 130), delivered('s1', 180, 80)], run);
    expect(decision?.decisionMs).toBe(0);
  });
});
