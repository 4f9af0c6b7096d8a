/**
 * The book's own decision time in a bench run, read back from the lines the runtime's bid
 * subscriber writes in production too: each delivery's `delivery handled` line (its end, and
 * how long it ran: so its start, when the bid's work reached the subscriber after the Pub/Sub
 * hop) and the bid's `bid decided` line (written as the book answered, with how long the bid
 * waited in the gathering's window and how long its script call took). Both are written in
 * the delivery's span, which joins them. The decision is the delivery's start to the book's
 * answer, less the window's wait: the subscriber's own time before the book, and the script.
 * Times are the lines' own, to the millisecond.
 *
 * A run's decisions are those whose delivery started while its herd ran: a bid the book refused
 * because it came after the hammer (on a loaded machine, most can) names no auction, and is a
 * decision all the same.
 *
 * @example
 * const decisions = bookDecisionsOf(runLogOf(dataDir), { fromMs: herdStartMs, toMs: Date.now() });
 * percentile(decisions.map((d) => d.decisionMs), 99);
 */
import type { LogEntry } from '../slo/logging-filter';

/** One bid's time in the subscriber up to the book's answer. */
export interface BookDecision {
  /** From the delivery's start to the book's answer, less `gatheredMs`. */
  decisionMs: number;
  /** How long it waited in the gathering's window for its batch to leave. */
  gatheredMs: number;
  /** How long its batch's script call took to answer. */
  scriptMs: number;
  /** Taken sealed, in the final call. */
  sealed: boolean;
}

/** The bid subscriber, as its delivery lines name it. */
const bidSubscriber = 'auctionBids';

const spanOf = (entry: LogEntry): string | undefined =>
  typeof entry.trace === 'string' && typeof entry.spanId === 'string' ? `${entry.trace}/${entry.spanId}` : undefined;

/** The first decision of each Discord bid whose delivery started from `fromMs` to `toMs` (a redelivery's, `repeat`, left out), in log order. */
export function bookDecisionsOf(entries: readonly LogEntry[], during: { fromMs: number; toMs: number }): BookDecision[] {
  const startedAt = new Map<string, number>();
  for (const entry of entries) {
    const { message, function: fn, ms } = entry.jsonPayload;
    const span = spanOf(entry);
    const endMs = Date.parse(entry.timestamp ?? '');
    if (message !== 'delivery handled' || fn !== bidSubscriber || span === undefined || typeof ms !== 'number' || Number.isNaN(endMs)) continue;
    startedAt.set(span, endMs - ms);
  }
  const decisions: BookDecision[] = [];
  for (const entry of entries) {
    const { event, repeat, gatheredMs, scriptMs, reason } = entry.jsonPayload;
    if (event !== 'bid.decided' || repeat !== false) continue;
    if (typeof gatheredMs !== 'number' || typeof scriptMs !== 'number') continue;
    const span = spanOf(entry);
    const startMs = span === undefined ? undefined : startedAt.get(span);
    const answeredMs = Date.parse(entry.timestamp ?? '');
    // A chat bid, or a delivery whose end was never written (a process killed mid-delivery): no start to count from.
    if (startMs === undefined || Number.isNaN(answeredMs) || startMs < during.fromMs || startMs > during.toMs) continue;
    // The lines' times are whole milliseconds and the wait a tenth's: a decision inside the rounding reads as 0, never below.
    decisions.push({ decisionMs: Math.max(0, answeredMs - startMs - gatheredMs), gatheredMs, scriptMs, sealed: reason === 'sealed' });
  }
  return decisions;
}
