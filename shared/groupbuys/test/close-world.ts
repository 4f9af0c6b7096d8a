/**
 * What the close's tests run on: the embedded store, the local Stripe (saved cards made
 * through its own setup flow: a customer, a setup-mode session, a test card saved on its page),
 * its events kept for the test to deliver, Discord's outbox, a clock that moves only when
 * told, and the tasks scheduled kept for the test to run. A group buy and its pledges are
 * seeded as the front half leaves them at the close: `open`, each pledge `pledged` (or
 * `waitlisted`) with its customer and card.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalPayments } from '../../local/stripe/payments';
import type { TestCardKind } from '../../local/stripe/test-cards';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { withPaymentModules } from '../../router/payment-wiring';
import { PaymentRefused } from '../../errors';
import { builderPath } from '../../onboarding';
import { expireCheckout, handleStripeEvent, parseCheckoutExpiry, type StripeEvent } from '../../payments';
import { ordersCollection, type Order } from '../../orders';
import type { OffSessionCharge, OffSessionChargeRequest, Payments, ScheduledTask, TaskQueue } from '../../ports';
import { discordMembersOnly } from '../../../test/support/bidders';
import { groupBuyPath, pledgePath, pledgesCollection, type GroupBuy, type Pledge, type PledgeStatus } from '../rules/group-buy';
import { parseGroupBuyTask } from '../rules/charge-tasks';
import { closeSettleMs } from '../rules/close-task';
import type { GroupBuyCloseDeps } from '../use-cases/close-deps';
import { runGroupBuyTask } from '../use-cases/run-group-buy-task';

export const GUILD = '900000000000000065';
export const CHANNEL = '910000000000000065';
export const BUILDER = '800000000000000065';
export const buyer = (n: number): string => `81${String(n).padStart(16, '0')}`;
const startMs = Date.parse('2026-12-10T18:00:00Z');

export interface SeededPledge {
  buyerId: string;
  quantity?: number;
  card?: TestCardKind;
  status?: PledgeStatus;
  /** The shipping fixed when the card was saved (the group buy ships under the builder's profile). */
  shippingCents?: number;
  /** Stripe refuses the off-session charge's request itself (no PaymentIntent made): the pledge is paid on a Checkout link. */
  requestRefused?: boolean;
}

/** Stripe's answers as a test wants them: the local Stripe's, or a process that dies after Stripe answered. */
export type ChargeHook = (request: OffSessionChargeRequest, charge: () => Promise<OffSessionCharge>) => Promise<OffSessionCharge>;

/** A clock that moves only when told. */
function testClock() {
  let nowMs = startMs;
  return { now: () => new Date(nowMs), set: (ms: number) => void (nowMs = ms), ms: () => nowMs };
}
type TestClock = ReturnType<typeof testClock>;

/** The local Stripe, its events kept in order for the test to deliver, and the port the use cases get, with the test's hook before each off-session charge. */
function localStripe(store: LocalDocumentStore, clock: TestClock, writesPerSecond?: number) {
  const events: StripeEvent[] = [];
  let seq = 0;
  const stripe = new LocalPayments({
    store,
    baseUrl: 'http://local',
    clock,
    ...(writesPerSecond ? { writesPerSecond } : {}),
    sendEvent: async (type, object) => {
      seq += 1;
      events.push({ id: `evt_${seq}`, type, created: Math.floor(clock.ms() / 1000), data: { object: object as StripeEvent['data']['object'] } });
    },
  });
  const hook: { charge: ChargeHook } = { charge: (_request, charge) => charge() };
  const payments = Object.create(stripe) as Payments;
  payments.chargeOffSession = (request) => hook.charge(request, () => stripe.chargeOffSession(request));
  return { stripe, payments, events, hook };
}

/** The use cases' deps: payments with every module's registration, as the functions wire it. */
async function closeDeps(
  store: LocalDocumentStore,
  discord: DiscordOutbox,
  clock: TestClock,
  payments: Payments,
  tasks: TaskQueue,
): Promise<GroupBuyCloseDeps> {
  return {
    ...withPaymentModules({
      bidders: discordMembersOnly,
      store,
      discord,
      payments,
      tasks,
      clock,
      book: new InMemoryAuctionBook(),
      marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
      auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
      publicBaseUrl: 'https://c500.example',
      currency: 'usd',
    }),
    platformFeeBps: 1000,
    publicBaseUrl: 'https://c500.example',
  };
}

/** A member's card saved as the setup checkout saves it: their customer, the session, the test card on its page. */
async function savedCard(stripe: LocalPayments, clock: TestClock, buyerId: string, card: TestCardKind) {
  const { customerId } = await stripe.createCustomer({ idempotencyKey: `customer:${buyerId}`, metadata: { member_id: buyerId } });
  const session = await stripe.createCardSetupSession({
    idempotencyKey: `setup:${buyerId}`,
    customerId,
    currency: 'usd',
    consentText: 'Charged only if the minimum is met.',
    metadata: { member_id: buyerId },
    successUrl: 'https://c500.example/ok',
    cancelUrl: 'https://c500.example/no',
    expiresAt: new Date(clock.ms() + 3_600_000),
  });
  await stripe.saveCard(session.sessionId, card);
  const setup = await stripe.readCardSetup(session.sessionId);
  if (!setup.paymentMethodId) throw new Error(`no card saved for ${buyerId}`);
  return { customerId, setupSessionId: session.sessionId, paymentMethodId: setup.paymentMethodId };
}

export interface GroupBuyTerms {
  moq: number;
  cap?: number;
  priceCents?: number;
  pledges: SeededPledge[];
}

/** The group buy at its close, `open`, with these pledges (each card saved at the local Stripe). */
async function seedGroupBuy(store: LocalDocumentStore, stripe: LocalPayments, clock: TestClock, terms: GroupBuyTerms, groupBuyId: string): Promise<GroupBuy> {
  const nowMs = clock.ms();
  const pledged = terms.pledges.filter((p) => (p.status ?? 'pledged') === 'pledged');
  const groupBuy: GroupBuy = {
    groupBuyId,
    guildId: GUILD,
    channelId: CHANNEL,
    builderId: BUILDER,
    builderName: 'Maker',
    title: 'Tofu65 case',
    priceCents: terms.priceCents ?? 12_500,
    currency: 'usd',
    moq: terms.moq,
    ...(terms.cap !== undefined ? { cap: terms.cap } : {}),
    opensAt: new Date(nowMs - 7 * 86_400_000).toISOString(),
    // Closed a settle window ago: the close is due now.
    closesAt: new Date(nowMs - closeSettleMs).toISOString(),
    shipsMonth: '2027-06',
    tranches: [
      { milestone: 'parts-in', percent: 30 },
      { milestone: 'done', percent: 70 },
    ],
    status: 'open',
    messageId: '920000000000000065',
    pledgedUnits: pledged.reduce((sum, p) => sum + (p.quantity ?? 1), 0),
    pledgers: pledged.length,
    byInteraction: '930000000000000065',
    createdAt: new Date(nowMs - 7 * 86_400_000).toISOString(),
  };
  await store.set(groupBuyPath(groupBuy.groupBuyId), groupBuy);
  for (const [i, p] of terms.pledges.entries()) {
    const at = new Date(nowMs - 86_400_000 + i * 1000).toISOString();
    const pledge: Pledge = {
      groupBuyId: groupBuy.groupBuyId,
      buyerId: p.buyerId,
      buyerName: `member ${i + 1}`,
      quantity: p.quantity ?? 1,
      status: p.status ?? 'pledged',
      joinedAt: at,
      pledgedAt: at,
      ...(await savedCard(stripe, clock, p.buyerId, p.card ?? 'works')),
      shippingAddress: { name: `Member ${i + 1}`, line1: '1 Main St', city: 'Springfield', postalCode: '12345', country: 'US' },
      ...(p.shippingCents !== undefined ? { shippingCents: p.shippingCents } : {}),
    };
    await store.set(pledgePath(groupBuy.groupBuyId, p.buyerId), pledge);
  }
  return groupBuy;
}

/** The tasks scheduled, kept for the test to run as Cloud Tasks would (each name once), the clock moved for them. */
function testQueue(clock: TestClock) {
  const scheduled: ScheduledTask[] = [];
  const ran = new Set<string>();
  const tasks: TaskQueue = {
    schedule: async (task) => (scheduled.some((t) => t.name === task.name) ? 'already-scheduled' : (scheduled.push(task), 'scheduled')),
    cancel: async () => false,
  };
  const dueNow = (queue: string) => scheduled.filter((t) => t.queue === queue && t.runAt.getTime() <= clock.ms() && !ran.has(t.name));
  const waiting = (queue: string) => scheduled.filter((t) => t.queue === queue && !ran.has(t.name));
  return { scheduled, ran, tasks, dueNow, waiting };
}

/** `groupBuyId`: the seeded group buy's id (`gb65` unless a test types it in a command, which takes only ids of 8 characters). */
export async function closeWorld(options: { writesPerSecond?: number; groupBuyId?: string } = {}) {
  const groupBuyId = options.groupBuyId ?? 'gb65';
  const clock = testClock();
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const { stripe, payments, events, hook } = localStripe(store, clock, options.writesPerSecond);
  const queue = testQueue(clock);
  // The builder's account and the members' cards were made days before the close: in Stripe's same store, outside the close's rate limit.
  const earlier = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const { accountId } = await earlier.createConnectedAccount({ builderId: BUILDER, country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await stripe.completeOnboarding(accountId);
  await store.set(builderPath(BUILDER), {
    discordUserId: BUILDER,
    displayName: 'Maker',
    stripeAccountId: accountId,
    chargesEnabled: true,
    transfersActive: true,
  });
  const deps = await closeDeps(store, discord, clock, payments, queue.tasks);

  /** Runs the group buy tasks due by the clock, in the order scheduled, until none is due (the queue's way, without its timers). */
  async function runTasks(most = 500): Promise<number> {
    for (let ran = 0; ran <= most; ran++) {
      const [task] = queue.dueNow('groupbuy-close');
      if (!task) return ran;
      const parsed = parseGroupBuyTask(task.payload);
      if (!parsed) throw new Error(`a task this module cannot read: ${JSON.stringify(task.payload)}`);
      await runGroupBuyTask(deps, parsed);
      queue.ran.add(task.name);
    }
    throw new Error('the group buy tasks never end');
  }

  /** Each second, the tasks then due: the batches a second apart, run as the queue would, the clock moved for them. */
  async function runCharging(most = 500): Promise<void> {
    for (let i = 0; i < most; i++) {
      await runTasks();
      const next = queue.waiting('groupbuy-close');
      if (next.length === 0) return;
      clock.set(Math.max(clock.ms(), Math.min(...next.map((t) => t.runAt.getTime()))));
    }
    throw new Error('the charging never ends');
  }

  /** The checkout expiries armed (a pay link's) and due, run as their task would at their time. */
  async function runExpiries(): Promise<void> {
    for (const task of queue.dueNow('checkout-expiry')) {
      const expiry = parseCheckoutExpiry(task.payload);
      if (expiry) await expireCheckout(deps, expiry);
      queue.ran.add(task.name);
    }
  }

  /** Stripe's events so far, delivered to the payments subscriber in order (and forgotten). */
  async function deliver(): Promise<void> {
    for (const event of events.splice(0)) await handleStripeEvent(deps, event);
  }

  const reads = worldReads(store, stripe, discord, groupBuyId);
  return {
    deps,
    store,
    stripe,
    discord,
    events,
    scheduled: queue.scheduled,
    seed: async (terms: GroupBuyTerms) => {
      const groupBuy = await seedGroupBuy(store, earlier, clock, terms, groupBuyId);
      events.splice(0);
      const refused = new Set(await Promise.all(terms.pledges.filter((p) => p.requestRefused).map(async (p) => (await reads.pledge(p.buyerId)).customerId)));
      if (refused.size > 0)
        hook.charge = (request, charge) =>
          refused.has(request.customerId) ? Promise.reject(new PaymentRefused('Your card was declined.', { stripeCode: 'card_declined' })) : charge();
      return groupBuy;
    },
    runTasks,
    runCharging,
    runExpiries,
    deliver,
    ...reads,
    setChargeHook: (charge: ChargeHook) => void (hook.charge = charge),
    advance: (ms: number) => clock.set(clock.ms() + ms),
    now: clock.now,
  };
}

/** What the tests read of the world: the group buy, its pledges and orders, the DMs, Stripe's PaymentIntents. */
function worldReads(store: LocalDocumentStore, stripe: LocalPayments, discord: DiscordOutbox, groupBuyId: string) {
  return {
    pledge: async (buyerId: string) => (await store.get(pledgePath(groupBuyId, buyerId))) as Pledge,
    pledges: async () => (await store.query(pledgesCollection(groupBuyId))).map((d) => d.data),
    groupBuy: async () => (await store.get(groupBuyPath(groupBuyId))) as GroupBuy,
    orders: async (): Promise<Order[]> => (await store.query(ordersCollection)).map((d) => d.data),
    dmsTo: (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => e.message.content ?? ''),
    /** Stripe's PaymentIntents made off session: a charge key made twice would be two. */
    paymentIntents: async () => (await stripe.listPaymentIntents()).filter((p) => p.off_session),
  };
}

export type CloseWorld = Awaited<ReturnType<typeof closeWorld>>;
