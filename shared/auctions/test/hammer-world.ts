/**
 * A live auction and the hammer's dependencies on local stand-ins, for tests that drive
 * `closeAuction` against a book they filled themselves.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { defaultLadder } from '../rules/auction-book';
import { auctionPath, type Auction } from '../rules/auction';
import type { AuctionBook } from '../../ports';
import type { HammerDeps } from '../use-cases/auction-deps';
import { discordMembersOnly } from '../../../test/support/bidders';
import { terms, t0 } from './book-model-fixtures';

/** Auction `a1`, live with sudden death, its end and final call as given. */
export function liveAuction(endMs: number, finalCallMs: number, over: Partial<Auction> = {}): Auction {
  return {
    auctionId: 'a1',
    guildId: terms().guildId,
    channelId: 'c1',
    messageId: 'm1',
    builderId: 'builder',
    builderName: 'B',
    item: 'Keyboard',
    currency: 'usd',
    startCents: 1_000,
    reserveCents: 0,
    counterBidSeconds: 10,
    suddenDeath: true,
    settleMs: 0,
    finalCallSeconds: finalCallMs / 1000,
    ladder: [...defaultLadder],
    startedAt: new Date(t0).toISOString(),
    endsAt: new Date(endMs).toISOString(),
    status: 'live',
    ...over,
  };
}

interface HammerWorld {
  store: LocalDocumentStore;
  book: AuctionBook;
  clock: { now: () => Date };
  discord?: DiscordOutbox;
  bidders?: HammerDeps['bidders'];
  secondChanceDepth?: number;
}

/** The hammer's dependencies, the auction stored first. */
export async function hammerDeps(auction: Auction, world: HammerWorld): Promise<HammerDeps> {
  const { store, book, clock } = world;
  await store.set(auctionPath(auction.auctionId), auction);
  return {
    lots: { channelHeldBy: async () => undefined, hammered: async () => undefined, settled: async () => undefined },
    bidders: world.bidders ?? discordMembersOnly,
    store,
    book,
    discord: world.discord ?? new DiscordOutbox(),
    tasks: { schedule: async () => 'scheduled', cancel: async () => false },
    clock,
    payments: new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined }),
    auctions: { payMinutes: 60, secondChanceDepth: world.secondChanceDepth ?? 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 0 },
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    publicBaseUrl: 'http://local',
  };
}
