/**
 * The money side of a show without the runtime: the embedded store, the local Stripe
 * simulator (its webhook events caught, for the test to deliver and redeliver), the
 * Discord outbox and a hand-moved clock. Lots are hammered as the hammer leaves them:
 * the auction awaiting payment, the winner's order made by `offerOrder`.
 */
import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { InMemoryAuctionBook } from '../../shared/local/upstash/in-memory-auction-book';
import { auctionOfferOrderId, offerOrder } from '../../shared/auctions/use-cases/auction-offers';
import type { PaymentDeps, StripeEvent } from '../../shared/payments';
import { orderPath, type Order, type Refunds } from '../../shared/orders';
import { withRefunds } from '../../shared/journal';
import { journalDebtsOf, journalMoneyOf } from './orders';
import { receiveStripeEvent, withPaymentModules, type PaymentWiringDeps } from '../../shared/router/payment-wiring';
import { addLotToShowCheckout } from '../../shared/shows/use-cases/show-checkout';
import { defaultLadder, auctionPath, type Auction, type AuctionOffer } from '../../shared/auctions';
import { builderPath, type Builder, type TwitchLink } from '../../shared/onboarding';
import { showPath, type Show } from '../../shared/shows/rules/show';
import type { ScheduledTask, TaskQueue } from '../../shared/ports';
import { discordMembersOnly } from './bidders';
import { personPseudonym } from '../../shared/log';

export const GUILD = '900000000000000001';
export const SHOW_CHANNEL = '910000000000000009';
export const HOST = '800000000000000010';
export const BUILDERS = ['800000000000000021', '800000000000000022'] as const;
export const WINNER = '800000000000000031';
export const RUNNER_UP = '800000000000000032';
export const SHOW_ID = 'show0001';

export interface Caught {
  type: string;
  object: Record<string, unknown>;
}

/** A clock the test moves by hand. */
type HandClock = { now: () => Date };

/** What a lot's hammer is given: sold to `winner` (the default winner if none), a runner-up offered `runnerUpCents` if any (their hidden max is higher). */
type HammeredLot = { auctionId: string; builderId: string; item: string; priceCents: number; winner?: string; runnerUpCents?: number };

export function showPaymentsWorld(options: { hostCutBps?: number; platformFeeBps?: number } = {}) {
  let nowMs = Date.parse('2026-11-27T20:00:00Z');
  const clock: HandClock = { now: () => new Date(nowMs) };
  const { deps, store, discord, payments, caught, scheduled } = paymentsOnLocalStandIns(clock, options.platformFeeBps ?? 1_000);
  const hostCutBps = options.hostCutBps ?? 1_500;
  const show = runningShow(clock, hostCutBps);
  let events = 0;

  const world = {
    deps,
    store,
    discord,
    payments,
    caught,
    scheduled,
    show,
    advance: (ms: number) => void (nowMs += ms),
    async setUp(): Promise<void> {
      await store.set(showPath(SHOW_ID), show);
    },

    /** A lot's hammer as it leaves things: sold to `winner`, the runner-up next in line. */
    async hammer(lot: HammeredLot): Promise<Auction> {
      const { auction, offer } = hammeredAuction(clock, hostCutBps, lot);
      await store.set(auctionPath(lot.auctionId), auction);
      // Sold before the delivery gate: these stories follow a lot's money from its proof (the gate's own tests are live's delivery-gate-release).
      const { lastPayoutAt: _gated, ...sold } = offerOrder(deps, auction, offer);
      await store.set(orderPath(offer.orderId), sold);
      await addLotToShowCheckout(deps, auction, offer);
      return auction;
    },

    /** The order as stored, with what the journal says was refunded of it (`refundedCents`: the order keeps no such field). */
    order: async (orderId: string): Promise<Order & Refunds> => withRefunds(store, (await store.get(orderPath(orderId))) as Order),
    /** What the order's builder and host still owe C500 from it, as the journal has it. */
    journalDebts: (orderId: string) => journalDebtsOf(store, orderId),
    /** What the journal says each party of the order holds of what was transferred to them: sent less reversed. */
    journalNets: async (orderId: string): Promise<{ builder: number; host: number }> => {
      const money = await journalMoneyOf(store, orderId);
      return { builder: money.builder.sentCents - money.builder.reversedCents, host: money.host.sentCents - money.host.reversedCents };
    },
    auction: (auctionId: string) => store.get(auctionPath(auctionId)) as Promise<Auction>,

    /** The last webhook event of this type the simulator sent, as Stripe would deliver it. */
    event(type: string, id = `evt_${++events}`): StripeEvent {
      const found = [...caught].reverse().find((c) => c.type === type);
      if (!found) throw new Error(`the simulator sent no ${type}`);
      return { id, type, created: Math.floor(clock.now().getTime() / 1000), data: { object: found.object as StripeEvent['data']['object'] } };
    },

    // As the Stripe subscriber delivers it: a dispute's to disputes, the rest to payments.
    deliver: (event: StripeEvent) => receiveStripeEvent(deps, event),

    dmsTo: (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => e.message),

    /** An onboarded account that can take transfers, and its builder record; `canSell` false without `onboarded`. */
    account(userId: string, onboarded = true): Promise<Builder & { twitch: TwitchLink }> {
      return builderAccount(payments, store, clock, userId, onboarded);
    },
  };
  return world;
}

/** The payment modules wired to the embedded store, the Stripe simulator (its events caught), the Discord outbox and a task queue that only records. */
function paymentsOnLocalStandIns(clock: HandClock, platformFeeBps: number) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const caught: Caught[] = [];
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async (type, object) => void caught.push({ type, object }) });
  const scheduled: ScheduledTask[] = [];
  // A name is taken once, as in Cloud Tasks: scheduling it again makes no second task.
  const taken = (task: ScheduledTask) => scheduled.some((t) => t.queue === task.queue && t.name === task.name);
  const tasks: TaskQueue = { schedule: async (task) => (taken(task) ? 'already-scheduled' : (scheduled.push(task), 'scheduled')), cancel: async () => false };
  const deps: PaymentWiringDeps & PaymentDeps = withPaymentModules({
    bidders: discordMembersOnly,
    store,
    book: new InMemoryAuctionBook(),
    discord,
    tasks,
    clock,
    payments,
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 3, counterBidSeconds: 10, settleMs: 2_000 },
    marketplace: { platformFeeBps, checkoutMinutes: 30, currency: 'usd' },
    publicBaseUrl: 'http://local',
    currency: 'usd',
  });
  return { deps, store, discord, payments, caught, scheduled };
}

/** The host's show, running, no lot added yet. */
function runningShow(clock: HandClock, hostCutBps: number): Show {
  return {
    showId: SHOW_ID,
    guildId: GUILD,
    channelId: SHOW_CHANNEL,
    hostId: HOST,
    hostName: 'Hosty',
    title: 'Friday night keebs',
    currency: 'usd',
    status: 'running',
    lots: [],
    hostCutBps,
    gapSeconds: 10,
    createdAt: clock.now().toISOString(),
    step: 0,
  };
}

/** The lot's auction as the hammer leaves it, awaiting payment, and the winner's offer. */
function hammeredAuction(clock: HandClock, hostCutBps: number, lot: HammeredLot): { auction: Auction; offer: AuctionOffer } {
  const winner = lot.winner ?? WINNER;
  const offer: AuctionOffer = {
    rank: 0,
    bidderId: winner,
    bidderName: `bidder-${winner.slice(-2)}`,
    priceCents: lot.priceCents,
    orderId: auctionOfferOrderId(lot.auctionId, 0),
  };
  const auction: Auction = {
    auctionId: lot.auctionId,
    guildId: GUILD,
    channelId: SHOW_CHANNEL,
    builderId: lot.builderId,
    builderName: `builder-${lot.builderId.slice(-2)}`,
    item: lot.item,
    currency: 'usd',
    startCents: 1_000,
    reserveCents: 0,
    counterBidSeconds: 10,
    suddenDeath: false,
    settleMs: 2_000,
    ladder: [...defaultLadder],
    startedAt: clock.now().toISOString(),
    endsAt: clock.now().toISOString(),
    status: 'awaiting-payment',
    closedAt: clock.now().toISOString(),
    priceCents: lot.priceCents,
    winner: { bidderId: winner, bidderName: offer.bidderName, priceCents: lot.priceCents },
    offer,
    runnerUps:
      lot.runnerUpCents === undefined
        ? []
        : [{ bidderId: RUNNER_UP, bidderName: 'runner', topCents: lot.runnerUpCents + 5_000, offerCents: lot.runnerUpCents, atMs: clock.now().getTime() }],
    show: { showId: SHOW_ID, lotId: `lot-${lot.auctionId}`.slice(0, 8), hostId: HOST, hostName: 'Hosty', hostCutBps },
  };
  return { auction, offer };
}

/** A connected account on the simulator (onboarded unless `onboarded` is false) and the builder record that names it. */
async function builderAccount(
  payments: LocalPayments,
  store: LocalDocumentStore,
  clock: HandClock,
  userId: string,
  onboarded: boolean,
): Promise<Builder & { twitch: TwitchLink }> {
  const { accountId } = await payments.createConnectedAccount({
    builderId: userId,
    country: 'US',
    serviceAgreement: 'full',
    // As onboarding keys it: by the builder's keyed pseudonym, never their id (Stripe keeps its keys).
    idempotencyKey: `acct:${personPseudonym(userId)}`,
  });
  if (onboarded) await payments.completeOnboarding(accountId);
  const builder: Builder & { twitch: TwitchLink } = {
    discordUserId: userId,
    displayName: `user-${userId.slice(-2)}`,
    stripeAccountId: accountId,
    transfersActive: onboarded,
    twitch: { userId: `t${userId}`, login: `keebs${userId.slice(-2)}`, displayName: 'K', linkedAt: clock.now().toISOString() },
  };
  await store.set(builderPath(userId), builder);
  return builder;
}

export type ShowPaymentsWorld = ReturnType<typeof showPaymentsWorld>;
