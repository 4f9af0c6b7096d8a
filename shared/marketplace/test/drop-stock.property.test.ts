/**
 * The stock of a ready-to-ship drop under any sequence of Buy Now presses, payments,
 * expiries, refunds and shipments, each Stripe event delivered once or twice: every unit
 * is either available or held by exactly one order, and never below zero.
 */
import fc from 'fast-check';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { recordingPayments } from '../../../test/support/recording-payments';
import { buyNow } from '../use-cases/buy-now';
import { handleStripeEvent } from '../../payments';
import { orderPath, ordersCollection } from '../../orders';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { stockShardsOf, dropPath, stockShardsPath, type Drop } from '../rules/drop';
import { createStockShards, dropWithStock } from '../use-cases/drop-stock';
import type { TaskQueue } from '../../ports';
import { buttonPress } from '../../../test/support/interactions';
import { builderPath } from '../../onboarding';
import { withPaymentModules } from '../../router/payment-wiring';
import { discordMembersOnly } from '../../../test/support/bidders';

const stock = 3;
const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };

type Step = { kind: 'press'; buyer: number } | { kind: 'pay' | 'expire' | 'refund'; pick: number; twice: boolean } | { kind: 'ship'; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('press' as const), buyer: fc.integer({ min: 0, max: 5 }) }),
  fc.record({ kind: fc.constantFrom('pay' as const, 'expire' as const, 'refund' as const), pick: fc.nat(), twice: fc.boolean() }),
  fc.record({ kind: fc.constant('ship' as const), pick: fc.nat() }),
);

async function world() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const { payments, events } = recordingPayments(store, clock, 0);
  const { accountId } = await payments.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await store.set(builderPath('b'), { discordUserId: 'b', displayName: 'B', stripeAccountId: accountId, chargesEnabled: true });
  // Its units in stock shards, as /c500 drop makes them.
  const drop: Drop = {
    dropId: 'drop1',
    guildId: 'g',
    builderId: 'b',
    builderName: 'B',
    title: 'Board',
    description: 'd',
    priceCents: 12000,
    currency: 'usd',
    kind: 'ready-to-ship',
    stock,
    stockShards: stockShardsOf(stock).length,
    channelId: 'c',
    createdAt: clock.now().toISOString(),
  };
  await store.set(dropPath('drop1'), drop);
  await createStockShards(store, drop);
  const deps = withPaymentModules({
    bidders: discordMembersOnly,
    store,
    discord,
    payments,
    tasks,
    clock,
    book: new InMemoryAuctionBook(),
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
    publicBaseUrl: 'http://local',
    currency: 'usd',
  });
  /** Hands Stripe's events to the subscriber, each once or twice. */
  const deliver = async (twice: boolean) => {
    for (const event of events.splice(0)) for (let i = 0; i < (twice ? 2 : 1); i++) await handleStripeEvent(deps, event);
  };
  return { store, payments, deps, deliver };
}

describe('the stock of a ready-to-ship drop', () => {
  it('is always available or held by exactly one order, whatever people and Stripe do', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 25 }), async (steps) => {
        const w = await world();
        /** The orders this run shipped: a unit shipped stays with the buyer, refund or not. */
        const shipped = new Set<string>();
        for (const s of steps) {
          const orders = (await w.store.query(ordersCollection)).map((d) => d.data);
          const pick = <T>(list: T[], n: number) => list[n % Math.max(1, list.length)];
          if (s.kind === 'press') await buyNow(w.deps, buttonPress('buy:drop1', `buyer${s.buyer}`, { channelId: 'c', guildId: 'g' }));
          if (s.kind === 'pay') {
            const order = pick(
              orders.filter((o) => o.status === 'awaiting-payment'),
              s.pick,
            );
            if (order?.checkoutSessionId) await w.payments.paySession(order.checkoutSessionId);
            await w.deliver(s.twice);
          }
          if (s.kind === 'expire') {
            const order = pick(
              orders.filter((o) => o.status === 'awaiting-payment'),
              s.pick,
            );
            if (order?.checkoutSessionId) await w.payments.expireCheckoutSession(order.checkoutSessionId);
            await w.deliver(s.twice);
          }
          if (s.kind === 'refund') {
            const order = pick(
              orders.filter((o) => o.chargeId && o.status !== 'refunded'),
              s.pick,
            );
            if (order?.chargeId) await w.payments.refundCharge(order.chargeId);
            await w.deliver(s.twice);
          }
          if (s.kind === 'ship') {
            const order = pick(
              orders.filter((o) => o.status === 'paid'),
              s.pick,
            );
            if (order) {
              await w.store.update(orderPath(order.orderId), { status: 'shipped' });
              shipped.add(order.orderId);
            }
          }
          const shards = (await w.store.query(stockShardsPath('drop1'))).map((d) => d.data.available ?? 0);
          expect(Math.min(...shards)).toBeGreaterThanOrEqual(0);
          const available = shards.reduce((total, n) => total + n, 0);
          // Which orders hold a unit, stated from what this run did (never from the order's own `stockReturned`):
          // one waiting for its payment, paid, being built or shipped, or refunded after it was shipped.
          const after = (await w.store.query(ordersCollection)).map((d) => d.data);
          const holding = after.filter(
            (o) => ['awaiting-payment', 'paid', 'building', 'shipped'].includes(o.status) || (o.status === 'refunded' && shipped.has(o.orderId)),
          );
          expect(available + holding.length).toBe(stock);
          // And the drop as readers see it shows those units.
          expect(((await dropWithStock(w.store, 'drop1')) as Drop).stockAvailable).toBe(available);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('spreads a rush of Buy Nows on one drop over its shards: no document takes every press', async () => {
    const w = await world();
    w.store.resetWriteCounts();
    await Promise.all([0, 1, 2].map((b) => buyNow(w.deps, buttonPress('buy:drop1', `rusher${b}`, { channelId: 'c', guildId: 'g' }))));
    expect((await dropWithStock(w.store, 'drop1'))?.stockAvailable).toBe(0);
    const stockWrites = w.store.hottestDocuments(20).filter((d) => d.path.startsWith('drops/drop1'));
    expect(stockWrites.every((d) => d.writes <= 1)).toBe(true);
    expect(stockWrites.some((d) => d.path === 'drops/drop1')).toBe(false);
  });
});
