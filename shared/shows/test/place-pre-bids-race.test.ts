/**
 * The race at a lot's open (issue 61, attack 5), made deterministic: a live bid lands in the
 * book between the moment the pre-bids read its price and the moment they are placed. A lot
 * with pre-bids opens to them first: the book refuses a live bid as too early until they are
 * all in, so no live bidder is told they lead before them. And should a live bid get in anyway
 * (the hold lapsed), each pre-bid is a proxy that bids the book's own minimum as it stands
 * then, so none is refused as too low and the lot's price is the proxy rule's over all of them.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalPayments } from '../../local/stripe/payments';
import { termsOf } from '../../auctions/use-cases/auction-terms';
import type { AuctionBook } from '../../ports';
import { paymentDepsFor } from '../../../test/support/payment-deps';
import { placePreBids, preBidsToPlace } from '../use-cases/place-pre-bids';
import { lotPreBidsPath } from '../rules/pre-bid';
import { result } from './show-board-fixtures';

const opensAtMs = Date.parse('2026-11-27T20:50:00Z');
const [ann, bo, cy] = ['100000000000000101', '100000000000000102', '100000000000000103'];

async function lotWithPreBids(hold: { preBidsUntilMs?: number } = {}) {
  const clock = { ms: opensAtMs + 50, now: () => new Date(clock.ms) };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox(undefined, { clock });
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const deps = paymentDepsFor({ store, discord, payments, clock });
  const auction = result('lotauct1', {
    status: 'live',
    messageId: 'm1',
    startedAt: new Date(opensAtMs).toISOString(),
    endsAt: new Date(opensAtMs + 60_000).toISOString(),
    unsoldReason: undefined,
    show: { showId: 'show0001', lotId: 'lot00001', hostId: 'host-id', hostName: 'Host', hostCutBps: 1_000 },
  });
  await deps.book.open({ ...termsOf(auction, 'm1'), ...hold });
  await store.set(lotPreBidsPath('show0001', 'lot00001'), {
    showId: 'show0001',
    lotId: 'lot00001',
    bidderIds: [ann, bo],
    bids: [
      { bidderId: ann, bidderName: 'ann', maxCents: 10_000, setAtMs: 1 },
      { bidderId: bo, bidderName: 'bo', maxCents: 8_500, setAtMs: 2 },
    ],
  });
  return { deps, discord, auction };
}

const live = (bidId: string, atMs: number) => ({
  bidId,
  guildId: 'g1',
  bidderId: cy,
  bidderName: 'cy',
  amountCents: 4_000,
  maxCents: 4_000,
  responseToken: 't',
  atMs,
  receivedAtMs: atMs + 20,
});

/** The book as the pre-bids meet it: right after they read its price, a live bid lands, answered `outcome`. */
function liveBidAfterTheRead(book: AuctionBook, outcome = 'leading'): AuctionBook {
  let landed = false;
  return Object.assign(Object.create(book) as AuctionBook, {
    read: async (auctionId: string) => {
      const seen = await book.read(auctionId);
      if (!landed) {
        landed = true;
        expect((await book.placeBid({ auctionId }, live('live-1', opensAtMs + 20))).outcome).toBe(outcome);
      }
      return seen;
    },
  });
}

describe('pre-bids placed when a live bid lands between their read and their placing', () => {
  it('are each placed, none refused as too low, and the lot stands at one step over the second-best max', async () => {
    const { deps, discord, auction } = await lotWithPreBids();
    await placePreBids({ ...deps, book: liveBidAfterTheRead(deps.book) }, auction, await preBidsToPlace(deps, auction));
    // ann's $100 leads at one step over bo's $85; cy's $40 live bid is passed.
    expect(await deps.book.read('lotauct1')).toMatchObject({ leaderId: ann, priceCents: 8_800, bidCount: 3 });
    const dmTo = (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => JSON.stringify(e.message));
    // The leader is not told anything went wrong; bo is told he was outbid at once, at the book's price.
    expect(dmTo(ann)).toEqual([]);
    expect(dmTo(bo).join('\n')).toContain('was outbid at once: the price is **$88.00**');
  });
});

describe('a lot that opens to its pre-bids first', () => {
  const hold = { preBidsUntilMs: opensAtMs + 30_000 };

  it('refuses a live bid landing before its pre-bids as too early, places them all, then takes live bids', async () => {
    const { deps, discord, auction } = await lotWithPreBids(hold);
    await placePreBids({ ...deps, book: liveBidAfterTheRead(deps.book, 'too-early') }, auction, await preBidsToPlace(deps, auction));
    // Only the pre-bids are in: ann's $100 leads at one step over bo's $85, and cy was never told he led.
    expect(await deps.book.read('lotauct1')).toMatchObject({ leaderId: ann, priceCents: 8_800, bidCount: 2 });
    expect(discord.entries.filter((e) => e.kind === 'dm' && e.userId === cy)).toEqual([]);
    // All in: a live bid is taken now (cy's $40 is under the minimum).
    expect((await deps.book.placeBid({ auctionId: 'lotauct1' }, live('live-2', opensAtMs + 100))).outcome).toBe('too-low');
  });

  it('takes live bids once the hold lapses, should whoever places the pre-bids be gone', async () => {
    const { deps } = await lotWithPreBids(hold);
    expect((await deps.book.placeBid({ auctionId: 'lotauct1' }, live('live-1', opensAtMs + 29_000))).outcome).toBe('too-early');
    expect((await deps.book.placeBid({ auctionId: 'lotauct1' }, live('live-2', opensAtMs + 30_000))).outcome).toBe('leading');
  });
});
