/**
 * What each lot's line on the run sheet says: up next, live with its leader, sold, offered
 * to a runner-up, unsold or not run, and the outcome the totals are counted from.
 */
import { outcomeOf, runSheet, type LotView } from '../rules/show-messages';
import type { AuctionOffer, AuctionSnapshot } from '../../auctions';
import { aShow, lot, result, won } from './show-board-fixtures';

const snapshot = (over: Partial<AuctionSnapshot>): AuctionSnapshot => ({ priceCents: 4_000, endsAtMs: 1_000, ...over }) as AuctionSnapshot;
const lineOf = (view: LotView) => runSheet(aShow([view.lot]), [view], 1_000).embeds?.[0]?.description?.split('\n')[2];

test('a lot not yet up says it is up next at its opening price', () => {
  const view = { lot: lot(1), number: 1 };
  expect(outcomeOf(view)).toEqual({ kind: 'up-next' });
  expect(lineOf(view)).toBe('` 1` **Board 1** by <@builder-id-1> · up next, opens at $25.00');
});

test('a skipped lot says why it was not run, or that the show ended before it', () => {
  const because = { lot: lot(2, { state: 'skipped', skippedBecause: 'the builder pulled it' }), number: 12 };
  expect(outcomeOf(because)).toEqual({ kind: 'skipped', reason: 'the builder pulled it' });
  expect(lineOf(because)).toBe('`12` **Board 2** by <@builder-id-2> · not run: the builder pulled it');
  expect(outcomeOf({ lot: lot(2, { state: 'skipped' }), number: 2 })).toEqual({ kind: 'skipped', reason: 'the show ended before it' });
});

test('an unsold lot gives its auction’s reason, nobody bid when none is recorded, and taken down when cancelled', () => {
  const reserve = { lot: lot(1, { state: 'done', auctionId: 'a1' }), number: 1, auction: result('a1', { unsoldReason: 'reserve-not-met' }) };
  expect(lineOf(reserve)).toBe('` 1` **Board 1** by <@builder-id-1> · unsold: the reserve wasn’t met.');
  const { unsoldReason: _drop, ...noReason } = result('a1', {});
  expect(outcomeOf({ ...reserve, auction: noReason })).toEqual({ kind: 'unsold', reason: 'nobody bid.' });
  expect(outcomeOf({ ...reserve, auction: result('a1', { status: 'cancelled' }) })).toEqual({ kind: 'unsold', reason: 'it was taken down' });
});

test('a won lot shows its winner and price, and says paid once paid', () => {
  const view = { lot: lot(1, { state: 'done', auctionId: 'a1' }), number: 1, auction: won('a1', 'Ana', 6_000) };
  expect(outcomeOf(view)).toEqual({ kind: 'sold', bidderId: 'Ana-id', bidderName: 'Ana', priceCents: 6_000, paid: false });
  expect(lineOf(view)).toBe('` 1` **Board 1** by <@builder-id-1> · ✅ sold to **Ana** for **$60.00**');
  expect(lineOf({ ...view, auction: won('a1', 'Ana', 6_000, { status: 'paid' }) })).toBe(
    '` 1` **Board 1** by <@builder-id-1> · ✅ sold to **Ana** for **$60.00** (paid)',
  );
});

test('a lot offered to a runner-up says second chance at the runner-up’s price, and a sale once the runner-up paid', () => {
  const offer: AuctionOffer = { rank: 1, bidderId: 'Bo-id', bidderName: 'Bo', priceCents: 5_500, orderId: 'o1' };
  const view = { lot: lot(1, { state: 'done', auctionId: 'a1' }), number: 1, auction: won('a1', 'Ana', 6_000, { offer }) };
  expect(outcomeOf(view)).toEqual({ kind: 'second-chance', bidderId: 'Bo-id', bidderName: 'Bo', priceCents: 5_500 });
  expect(lineOf(view)).toBe('` 1` **Board 1** by <@builder-id-1> · 🔁 second chance offered to **Bo** at $55.00');
  const paidLate = { ...view, auction: won('a1', 'Ana', 6_000, { offer, status: 'paid' }) };
  expect(outcomeOf(paidLate)).toEqual({ kind: 'sold', bidderId: 'Bo-id', bidderName: 'Bo', priceCents: 5_500, paid: true });
});

test('a live lot shows the price and leader from the book, or no bids yet', () => {
  const up = lot(1, { state: 'live', auctionId: 'a1' });
  const led = { lot: up, number: 1, live: snapshot({ priceCents: 4_000, leaderId: 'Cy-id', leaderName: 'Cy', endsAtMs: 9_000 }) };
  expect(outcomeOf(led)).toEqual({ kind: 'live', priceCents: 4_000, leaderId: 'Cy-id', leaderName: 'Cy', endsAtMs: 9_000 });
  expect(lineOf(led)).toBe('` 1` **Board 1** by <@builder-id-1> · 🔴 **live** · $40.00, **Cy** leads');
  expect(outcomeOf({ ...led, live: snapshot({ leaderId: 'Cy-id' }) })).toEqual({ kind: 'live', priceCents: 4_000, leaderId: 'Cy-id', endsAtMs: 1_000 });
  expect(lineOf({ lot: up, number: 1 })).toBe('` 1` **Board 1** by <@builder-id-1> · 🔴 **live** · $25.00, no bids yet');
});

test('a live lot whose auction is still live in the store ends when that auction ends, at the opening price', () => {
  const view = { lot: lot(1, { state: 'live', auctionId: 'a1' }), number: 1, auction: result('a1', { status: 'live' }) };
  expect(outcomeOf(view)).toEqual({ kind: 'live', priceCents: 2_500, endsAtMs: Date.parse('2026-11-27T20:51:00Z') });
});

test('a live lot whose auction is not stored yet has no known end (0), not NaN, which JSON would turn into null', () => {
  const view = { lot: lot(1, { state: 'live', auctionId: 'a1' }), number: 1 };
  expect(outcomeOf(view)).toEqual({ kind: 'live', priceCents: 2_500, endsAtMs: 0 });
});
