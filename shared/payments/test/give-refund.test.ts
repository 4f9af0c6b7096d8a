/**
 * `/c500 refund` against the local simulator: the refund is asked once under its key however
 * the command or Stripe's answer comes back, Stripe's `charge.refunded` moves the order
 * whether it lands before or after the answer, and nothing is counted twice.
 */
import { withRefunds } from '../../journal';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { giveRefund } from '../use-cases/give-refund';
import { recordRefund } from '../use-cases/record-refund';
import { refundFailed } from '../use-cases/refund-failed';
import { type Order } from '../../orders';
import { orderPath } from '../../orders';
import type { StripeEvent } from '../rules/stripe-event';
import { openShowCheckouts } from '../../shows/use-cases/show-checkout';
import { auctionOfferOrderId } from '../../auctions/use-cases/auction-offers';
import type { Payments } from '../../ports';
import { paidCharge, paymentDepsFor } from '../../../test/support/payment-deps';
import { command } from '../../../test/support/interactions';
import { BUILDERS, SHOW_ID, WINNER, showPaymentsWorld } from '../../../test/support/show-payments';
import { anOrder } from '../../../test/support/orders';

const GUILD = '900000000000000001';
const BUILDER = '800000000000000021';
const BUYER = '800000000000000031';
const start = Date.parse('2026-11-22T12:00:00Z');
let nowMs = start;
const clock = { now: () => new Date(nowMs) };

/** A paid $250.00 order; Stripe's `charge.refunded` reaches the webhook's handler at once (before the refund's answer), unless held. */
/** `failures`: when the bank's failure of a refund is sent, days after every look at the charge (as usual) or in its very second. */
async function world(failures: 'days-later' | 'same-second' = 'days-later') {
  nowMs = start;
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const held: StripeEvent[] = [];
  let hold = false;
  let events = 0;
  const deliver = (event: StripeEvent) => (event.type === 'charge.refund.updated' ? refundFailed(deps, event) : recordRefund(deps, event));
  const payments = new LocalPayments({
    store,
    baseUrl: 'http://local',
    clock,
    sendEvent: async (type, object) => {
      if (type === 'charge.refund.updated' && failures === 'days-later') {
        // The bank sends it back days later: Stripe's event is made after the refund and every look at the charge, and what comes next later still.
        nowMs += 3 * 86_400_000;
        const failure = {
          id: `evt_${++events}`,
          type,
          created: Math.floor(clock.now().getTime() / 1000),
          data: { object: object as StripeEvent['data']['object'] },
        };
        await refundFailed(deps, failure);
        // Whatever anyone does about it comes in a later second.
        return void (nowMs += 1_000);
      }
      if (type !== 'charge.refunded' && type !== 'charge.refund.updated') return;
      const event = {
        id: `evt_${++events}`,
        type,
        created: Math.floor(clock.now().getTime() / 1000),
        data: { object: object as StripeEvent['data']['object'] },
      };
      if (hold) held.push(event);
      else await deliver(event);
    },
  });
  const deps = paymentDepsFor({ store, discord, payments, clock });
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'k3v9m2qa');
  const order: Order = anOrder({
    orderId: 'k3v9m2qa',
    dropKind: 'commission',
    guildId: GUILD,
    buyerId: BUYER,
    builderId: BUILDER,
    builderName: 'Juno',
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    status: 'paid',
    createdAt: clock.now().toISOString(),
    paymentIntentId,
    chargeId,
  });
  await store.set(orderPath('k3v9m2qa'), order);
  const refundCommand = (options: Record<string, string | number> = {}) =>
    command({ name: 'c500', path: ['refund'], options: { order: 'k3v9m2qa', ...options }, userId: BUILDER });
  return {
    deps,
    payments,
    discord,
    refundCommand,
    holdEvents: () => void (hold = true),
    /** Delivers the events held back, as sent or newest first (Stripe promises no order). */
    deliverHeld: async (order: 'as-sent' | 'newest-first' = 'as-sent') => {
      const events = held.splice(0);
      for (const event of order === 'as-sent' ? events : events.reverse()) await deliver(event);
    },
    chargeId,
    order: async () => withRefunds(store, (await store.get(orderPath('k3v9m2qa'))) as Order),
    dmsToBuyer: () => discord.entries.filter((e) => e.kind === 'dm' && e.userId === BUYER).map((e) => e.message.content ?? ''),
  };
}

/** Stripe's stand-in, whose next refund is made and its answer lost (a timeout). */
function losingNextRefund(payments: LocalPayments): Payments {
  let lose = true;
  return new Proxy(payments, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (name !== 'refund') return value.bind(target);
      return async (...args: unknown[]) => {
        const answer = (await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) as unknown;
        if (!lose) return answer;
        lose = false;
        throw Object.assign(new Error('Request timed out'), { type: 'StripeConnectionError' });
      };
    },
  }) as Payments;
}

describe('/c500 refund', () => {
  it('refunds part, then the rest, each counted once whether charge.refunded lands before or after Stripe’s answer', async () => {
    const w = await world();
    expect((await giveRefund(w.deps, w.refundCommand({ amount: 40, reason: 'Missing keycaps' }))).content).toContain('Refunded $40.00');
    expect(await w.order()).toMatchObject({ status: 'paid', refundedCents: 4_000 });
    w.holdEvents();
    const rest = await giveRefund(w.deps, w.refundCommand());
    expect(rest.content).toContain('Refunded $210.00');
    expect(rest.content).toContain('Nothing is left');
    await w.deliverHeld();
    expect((await w.payments.listRefunds()).map((r) => [r.amount, r.metadata.order_id]).reverse()).toEqual([
      [4_000, 'k3v9m2qa'],
      [21_000, 'k3v9m2qa'],
    ]);
    expect(await w.order()).toMatchObject({ status: 'refunded', refundedCents: 25_000 });
    expect((await giveRefund(w.deps, w.refundCommand({ amount: 1 }))).content).toContain('already refunded');
    // The buyer heard of each refund from the command, with its amount and reason, and of nothing twice.
    expect(w.dmsToBuyer()).toEqual([expect.stringContaining('“Missing keycaps”'), expect.stringContaining('$210.00')]);
  });

  it('refunds the whole amount again, as the failure DM says, after a refund it gave failed at the buyer’s bank', async () => {
    const w = await world();
    expect((await giveRefund(w.deps, w.refundCommand())).content).toContain('Refunded $250.00');
    const [given] = (await w.order()).givenRefunds ?? [];
    await w.payments.failRefund(given?.refundId as string);
    expect(await w.order()).toMatchObject({ status: 'paid', refundedCents: 0 });
    const again = await giveRefund(w.deps, w.refundCommand());
    expect(again.content).toContain('Refunded $250.00');
    expect((await w.payments.listRefunds()).map((r) => [r.amount, r.status]).reverse()).toEqual([
      [25_000, 'failed'],
      [25_000, 'succeeded'],
    ]);
    expect(await w.order()).toMatchObject({ status: 'refunded', refundedCents: 25_000 });
  });

  it('agrees with Stripe’s refunded total when a refund failed before the next one was given, whatever order their events arrive in', async () => {
    for (const order of ['as-sent', 'newest-first'] as const) {
      // Everything in one of Stripe's seconds, as a busy show makes it.
      const w = await world('same-second');
      // $6.48 refunded from Stripe's dashboard; the bank sends it back, its event still on its way.
      await w.payments.refundCharge(w.chargeId, 648);
      w.holdEvents();
      const [dashboards] = await w.payments.listRefunds();
      await w.payments.failRefund(dashboards?.id as string);
      // The builder refunds all that is left as C500 knows it: Stripe's total is then that refund alone (the first one failed).
      expect((await giveRefund(w.deps, w.refundCommand())).content).toContain('Refunded $243.52');
      await w.deliverHeld(order);
      const stripeTotal = (await w.payments.listRefunds()).filter((r) => r.status === 'succeeded').reduce((sum, r) => sum + r.amount, 0);
      expect({ order, refunded: (await w.order()).refundedCents }).toEqual({ order, refunded: stripeTotal });
      expect(stripeTotal).toBe(24_352);
    }
  });

  it('asks Stripe once under one key when the command comes back, after a lost answer or as a redelivery', async () => {
    const w = await world();
    const interaction = w.refundCommand({ amount: 25 });
    const flaky = { ...w.deps, payments: losingNextRefund(w.payments) };
    await expect(giveRefund(flaky, interaction)).rejects.toThrow('timed out');
    expect((await giveRefund(flaky, interaction)).content).toContain('Refunded $25.00');
    expect((await giveRefund(flaky, interaction)).content).toContain('Refunded $25.00');
    expect((await w.payments.listRefunds()).map((r) => r.amount)).toEqual([2_500]);
    expect((await w.order()).givenRefunds).toEqual([
      expect.objectContaining({ idempotencyKey: 'refund:k3v9m2qa:1', amountCents: 2_500, refundId: expect.stringMatching(/^re_local_/) }),
    ]);
    expect(await w.order()).toMatchObject({ refundedCents: 2_500 });
    expect(w.dmsToBuyer()).toHaveLength(1);
  });

  it('finishes a refund an earlier command wrote down and never got through, so it reserves nothing for good', async () => {
    const w = await world();
    const down = { ...w.deps, payments: { ...w.payments, refund: () => Promise.reject(new Error('Stripe is down')) } as unknown as Payments };
    await expect(giveRefund(down, w.refundCommand({ amount: 30 }))).rejects.toThrow('Stripe is down');
    expect((await giveRefund(w.deps, w.refundCommand({ amount: 20 }))).content).toContain('$200.00 is left');
    expect((await w.payments.listRefunds()).map((r) => r.amount).reverse()).toEqual([3_000, 2_000]);
    expect(await w.order()).toMatchObject({ refundedCents: 5_000 });
    expect(w.dmsToBuyer()).toEqual([expect.stringContaining('$30.00'), expect.stringContaining('$20.00')]);
  });

  it('refuses more than is left while an earlier refund’s charge.refunded has not come yet, and says how much is left', async () => {
    const w = await world();
    w.holdEvents();
    await giveRefund(w.deps, w.refundCommand({ amount: 200 }));
    expect((await giveRefund(w.deps, w.refundCommand({ amount: 50.01 }))).content).toContain('At most $50.00');
    expect((await w.payments.listRefunds()).map((r) => r.amount)).toEqual([20_000]);
  });

  it('writes nothing down for good and answers Stripe’s refusal when Stripe will not refund', async () => {
    const w = await world();
    // Refunded in full from the dashboard, its event not here yet: the order still looks refundable.
    w.holdEvents();
    await w.payments.refundCharge((await w.order()).chargeId as string);
    expect((await giveRefund(w.deps, w.refundCommand({ amount: 10 }))).content).toContain('Stripe refused');
    expect((await w.order()).givenRefunds).toEqual([expect.objectContaining({ refusal: expect.stringContaining('greater than') })]);
    expect(w.dmsToBuyer()).toHaveLength(0);
  });
});

describe('/c500 refund of a show lot paid with others in one charge', () => {
  it('refunds only that lot: it is refunded in full and the other lot keeps its price', async () => {
    const w = showPaymentsWorld();
    await w.setUp();
    const [juno] = BUILDERS;
    await w.account(juno);
    await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 25_000 });
    await w.hammer({ auctionId: 'auct0002', builderId: juno, item: 'Mode Sonnet', priceCents: 12_345 });
    await openShowCheckouts(w.deps, SHOW_ID);
    const [session] = await w.payments.listSessions();
    await w.payments.paySession(session?.id as string);
    await w.deliver(w.event('checkout.session.completed', 'evt_paid'));
    const [lotA, lotB] = [auctionOfferOrderId('auct0001', 0), auctionOfferOrderId('auct0002', 0)];

    const answer = await giveRefund(w.deps, command({ name: 'c500', path: ['refund'], options: { order: lotB }, userId: juno }));
    expect(answer.content).toContain('Refunded $123.45');
    await w.deliver(w.event('charge.refunded', 'evt_lot_refund'));
    expect(await w.order(lotB)).toMatchObject({ status: 'refunded', refundedCents: 12_345 });
    expect((await w.order(lotA)).status).toBe('paid');
    expect((await w.order(lotA)).refundedCents).toBe(0);
    expect(w.dmsTo(WINNER).filter((m) => /refunded/i.test(m.content ?? ''))).toHaveLength(1);
  });
});
