/**
 * The stream delay on the reference model: the hammer falls at the stated end plus the delay,
 * bids are judged against that moment, and soft close and sudden death work on the shifted end.
 * The snapshot keeps the stated end (what the overlay counts down to) and the delay beside it.
 */
import fc from 'fast-check';
import { extendedEndMs, hammerAtMs, hammerDueMs } from '../rules/auction-book';
import { bid, opened, t0 } from './book-model-fixtures';

const end = t0 + 60_000;
const delays = fc.integer({ min: 0, max: 60 }).map((s) => s * 1_000);

describe('the hammer’s moment with a stream delay', () => {
  it('is the stated end plus the delay, and due once the settle window after it has passed', () => {
    expect(hammerAtMs({ endsAtMs: end, streamDelayMs: 3_000 })).toBe(end + 3_000);
    expect(hammerDueMs({ endsAtMs: end, streamDelayMs: 3_000, settleMs: 2_000 })).toBe(end + 5_000);
    expect(hammerDueMs({ endsAtMs: end, streamDelayMs: 0, settleMs: 2_000 })).toBe(end + 2_000);
  });

  it('puts a counter-bid’s hammer a whole second on, with the stated end the delay before it', () => {
    expect(extendedEndMs(end + 1_500, { counterBidMs: 10_000, streamDelayMs: 3_000 })).toBe(end + 9_000);
    expect(extendedEndMs(end + 1_000, { counterBidMs: 10_000, streamDelayMs: 3_000 })).toBe(end + 8_000);
    expect(extendedEndMs(end, { counterBidMs: 10_000, streamDelayMs: 0 })).toBe(end + 10_000);
  });
});

describe('a bid judged against the shifted end', () => {
  it('is judged when made a millisecond before the stated end plus the delay, and closed when made at it', async () => {
    await fc.assert(
      fc.property(delays, (delayMs) => {
        const hammer = end + delayMs;
        const model = opened({ streamDelayMs: delayMs, suddenDeath: true, counterBidMs: 0, settleMs: 2_000 });
        expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: hammer - 1 })).outcome).toBe('leading');
        expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 5_000, { atMs: hammer })).outcome).toBe('closed');
        expect(model.read('a1')).toMatchObject({ leaderId: 'ann', endsAtMs: end, streamDelayMs: delayMs });
      }),
    );
  });

  it('takes a bid made in time that reaches the book inside the settle window after the hammer, and none after it', () => {
    const model = opened({ streamDelayMs: 3_000, suddenDeath: true, counterBidMs: 0, settleMs: 2_000 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: end + 2_500, receivedAtMs: end + 4_999 })).outcome).toBe('leading');
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 5_000, { atMs: end + 2_900, receivedAtMs: end + 5_000 })).outcome).toBe('closed');
  });

  it('refuses the hammer before the delay and settle window are over, and closes at that moment', () => {
    const model = opened({ streamDelayMs: 3_000, settleMs: 2_000 });
    expect(model.hammer('a1', 0, end + 4_999)).toEqual({ kind: 'early', dueAtMs: end + 5_000 });
    expect(model.hammer('a1', 0, end + 5_000)).toMatchObject({ kind: 'closed' });
  });
});

describe('soft close on the shifted end', () => {
  it('extends when a bid leaves less than the counter-bid time before the hammer, and not when it leaves exactly that', async () => {
    await fc.assert(
      fc.property(
        delays,
        fc.integer({ min: 1, max: 30 }).map((s) => s * 1_000),
        (delayMs, counterBidMs) => {
          const hammer = end + delayMs;
          const near = opened({ streamDelayMs: delayMs, counterBidMs });
          const inside = near.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: hammer - counterBidMs + 1 }));
          // The new hammer is `counterBidMs` after the bid, rounded up a second; the stated end the delay before it.
          expect(inside).toMatchObject({ extended: true, snapshot: { endsAtMs: hammer + 1_000 - delayMs, version: 1 } });
          const far = opened({ streamDelayMs: delayMs, counterBidMs });
          expect(far.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: hammer - counterBidMs })).extended).toBe(false);
        },
      ),
    );
  });

  it('counts a bid made after the stated end but before the hammer as a counter-bid, so viewers see the clock go back up', () => {
    const model = opened({ streamDelayMs: 12_000, counterBidMs: 10_000 });
    const late = model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: end + 5_000 }));
    // Hammer at end + 15 s; the stated end the overlay counts to is 12 s before it.
    expect(late).toMatchObject({ outcome: 'leading', extended: true, snapshot: { endsAtMs: end + 3_000 } });
    expect(model.placeBid({ auctionId: 'a1' }, bid('bob', 2_000, { atMs: end + 14_999 })).outcome).toBe('leading');
    expect(model.placeBid({ auctionId: 'a1' }, bid('cat', 9_000, { atMs: end + 25_000 })).outcome).toBe('closed');
  });

  it('never moves a sudden-death end, however late before the hammer the bid', () => {
    const model = opened({ streamDelayMs: 3_000, suddenDeath: true, counterBidMs: 0 });
    expect(model.placeBid({ auctionId: 'a1' }, bid('ann', 1_000, { atMs: end + 2_999 }))).toMatchObject({
      outcome: 'leading',
      extended: false,
      snapshot: { endsAtMs: end, version: 0 },
    });
  });
});
