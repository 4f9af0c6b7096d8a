/**
 * @module probe-rate
 * How many probe bids a minute reach the book. The scheduled probe bids once every five
 * minutes and an operator's `npm run probe` a few times more; anyone holding the probe's key
 * could otherwise send hundreds a second, each a script call on the book and a decision kept
 * in Redis. Past the limit a probe bid is acknowledged and dropped: nothing is written, and the
 * probe that sent it reads no decision and says so.
 */

/** Probe bids a minute the book decides: twelve times the scheduled probe's rate, room for an operator's runs. */
export const probeBidsPerMinute = 12;

/** Whether a probe bid, the `countInMinute`th of its minute (itself included), goes to the book. */
export function probeBidAdmitted(countInMinute: number): boolean {
  return countInMinute <= probeBidsPerMinute;
}
