/**
 * Delivered, not just shipped (issue 78): a paid drop order proved on stream sends nothing of
 * its last payout until the carrier delivered it and the server's window passed (then the
 * order sweep sends it, once), or the buyer pressed Received (then it goes at once). Against
 * the local Stripe, whose transfers are read back as `GET /_local/stripe/transfers` lists them;
 * the clock is moved by hand, never waited on.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { proveOrder, releaseWaitingOrder } from '../use-cases/prove-order';
import { ordersVerified } from '../rules/live-messages';
import { builderPath, type Builder, type TwitchLink } from '../../onboarding';
import { applyOrderFact, orderPath, type Order } from '../../orders';
import { guildPath } from '../../guild';
import { confirmReceived, sweepOrders } from '../../marketplace';
import { receivedButtonId } from '../../marketplace/rules/delivery';
import { paidCharge, paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder } from '../../../test/support/orders';
import { dmButtonPress } from '../../../test/support/interactions';
import { logLinesOf } from '../../../test/support/log-lines';

const day = 86_400_000;
const guildId = '900000000000000001';
const buyer = '800000000000000031';

async function world() {
  let nowMs = Date.parse('2026-11-22T12:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const { accountId } = await payments.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await payments.completeOnboarding(accountId);
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'gate0001');
  const order: Order = anOrder({
    orderId: 'gate0001',
    lastPayoutAt: 'delivery',
    guildId,
    buyerId: buyer,
    builderId: 'b',
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    status: 'paid',
    paymentIntentId,
    chargeId,
  });
  await store.set(orderPath(order.orderId), order);
  const builder: Builder & { twitch: TwitchLink } = {
    discordUserId: 'b',
    displayName: 'B',
    stripeAccountId: accountId,
    twitch: { userId: 't', login: 'bkeebs', displayName: 'B', linkedAt: clock.now().toISOString() },
  };
  await store.set(builderPath('b'), builder);
  const deps = paymentDepsFor({ store, discord, payments, clock });
  const releaseWaiting = async (orderId: string) => void (await releaseWaitingOrder(deps, orderId));
  const fact = (change: Parameters<typeof applyOrderFact>[2]) =>
    store.runTransaction(async (tx) => applyOrderFact(tx, (await tx.get(orderPath(order.orderId))) as Order, change));
  return {
    deps,
    payments,
    store,
    discord,
    advance: (ms: number) => void (nowMs += ms),
    now: () => clock.now().toISOString(),
    prove: () => proveOrder(deps, builder, order.orderId, {}, 'i-proof'),
    ship: () => fact({ kind: 'shipped', at: clock.now().toISOString(), tracking: 'EZ1000000001', carrier: 'usps', byInteraction: 'i-ship' }),
    parcel: (status: 'in-transit' | 'delivered' | 'returned', byEvent: string) =>
      fact({ kind: 'parcel-moved', status, at: clock.now().toISOString(), byEvent }),
    sweep: () => sweepOrders({ store, clock, discord, delivery: { deliveryDays: 30, addressDays: 90 }, releaseWaiting }),
    transfers: async () => (await payments.listTransfers()).filter((t) => t.metadata?.order_id === order.orderId),
    order: async () => (await store.get(orderPath(order.orderId))) as Order,
    press: () => confirmReceived({ store, discord, clock, releaseWaiting }, dmButtonPress(receivedButtonId(order.orderId), buyer)),
  };
}

describe('the delivery gate before a drop order’s last payout', () => {
  it('GIVEN a paid drop order proved on stream THEN the buyer hears it, the builder reads that the payout waits for delivery, and nothing is transferred', async () => {
    const w = await world();
    const outcome = await w.prove();
    expect(outcome).toMatchObject({ ok: true, waitsFor: 'shipping' });
    expect(ordersVerified([outcome], 'https://twitch.tv/bkeebs').content).toContain('your payout leaves once it is delivered');
    expect(await w.transfers()).toEqual([]);
    expect((await w.order()).status).toBe('building');
    expect(w.discord.entries.filter((e) => e.kind === 'dm' && e.userId === buyer)).toHaveLength(1);
  });

  it('GIVEN it is shipped and moving THEN the sweep sends nothing; delivered, nothing until the 3-day window has passed; then its payout leaves once', async () => {
    const w = await world();
    await w.prove();
    await w.ship();
    await w.parcel('in-transit', 'evt_1');
    w.advance(5 * day);
    expect((await w.sweep()).paidOut).toEqual([]);
    await w.parcel('delivered', 'evt_2');
    w.advance(3 * day - 1);
    expect((await w.sweep()).paidOut).toEqual([]);
    expect(await w.transfers()).toEqual([]);
    w.advance(1);
    expect((await w.sweep()).paidOut).toEqual(['gate0001']);
    await w.sweep();
    const transfers = await w.transfers();
    expect(transfers).toHaveLength(1);
    expect(transfers[0]?.amount).toBe(22_500);
    expect((await w.order()).payouts.builder.transferId).toBe(transfers[0]?.id);
  });

  it('GIVEN the server set a one-day window THEN the payout leaves a day after delivery', async () => {
    const w = await world();
    await w.store.set(guildPath(guildId), { deliveryWindowDays: 1 }, { merge: true });
    await w.prove();
    await w.ship();
    await w.parcel('delivered', 'evt_1');
    w.advance(day);
    await w.sweep();
    expect(await w.transfers()).toHaveLength(1);
  });

  it('GIVEN the buyer presses Received before any delivery THEN the payout leaves at once, and a second press sends nothing more', async () => {
    const w = await world();
    await w.prove();
    await w.ship();
    expect((await w.press()).content).toMatch(/marked received/);
    expect(await w.transfers()).toHaveLength(1);
    await w.press();
    await w.sweep();
    expect(await w.transfers()).toHaveLength(1);
  });

  it('GIVEN the parcel is returned THEN the money stays however long the sweep runs', async () => {
    const w = await world();
    await w.prove();
    await w.ship();
    await w.parcel('returned', 'evt_1');
    w.advance(20 * day);
    await w.sweep();
    expect(await w.transfers()).toEqual([]);
  });

  it('GIVEN an admin released it by hand THEN the payout leaves, shipped or not', async () => {
    const w = await world();
    await w.prove();
    await w.store.runTransaction(async (tx) =>
      applyOrderFact(tx, (await tx.get(orderPath('gate0001'))) as Order, {
        kind: 'payout-freed',
        at: w.now(),
        byUserId: '800000000000000001',
        byInteraction: 'i-free',
      }),
    );
    await releaseWaitingOrder(w.deps, 'gate0001');
    expect(await w.transfers()).toHaveLength(1);
  });

  it('GIVEN a proof that waits for the delivery THEN the release SLO owes nothing until the gate opens, and counts its time from the opening, once', async () => {
    const w = await world();
    const slo = (lines: Array<Record<string, unknown>>) =>
      lines.filter((l) => l.event === 'release.owed' || l.event === 'release.sent').map((l) => ({ event: l.event, ms: l.ms, waited: l.waited }));
    expect(slo((await logLinesOf(() => w.prove())).lines)).toEqual([]);
    await w.ship();
    w.advance(6 * day);
    const received = await logLinesOf(() => w.press());
    const again = await logLinesOf(() => w.sweep());
    expect(slo(received.lines)).toEqual([
      { event: 'release.owed', ms: undefined, waited: undefined },
      { event: 'release.sent', ms: 0, waited: false },
    ]);
    expect(slo(again.lines)).toEqual([]);
  });

  it('GIVEN two gate openings racing for one release (the buyer’s Received while the carrier’s delivered scan is being handled) THEN the release SLO counts it owed once and sent once', async () => {
    const w = await world();
    await w.prove();
    await w.store.runTransaction(async (tx) =>
      applyOrderFact(tx, (await tx.get(orderPath('gate0001'))) as Order, {
        kind: 'payout-freed',
        at: w.now(),
        byUserId: '800000000000000001',
        byInteraction: 'i-free',
      }),
    );
    // The second call runs whole while the first one's transfer is being asked of Stripe: both read the order unreleased.
    let raced = false;
    const racing = new Proxy(w.payments, {
      get(target, prop, receiver) {
        if (prop !== 'createTransfer') {
          const value: unknown = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
        return async (request: Parameters<LocalPayments['createTransfer']>[0]) => {
          if (!raced) {
            raced = true;
            await releaseWaitingOrder(w.deps, 'gate0001');
          }
          return target.createTransfer(request);
        };
      },
    });
    const { lines } = await logLinesOf(() => releaseWaitingOrder({ ...w.deps, payments: racing }, 'gate0001'));
    expect(await w.transfers()).toHaveLength(1);
    expect(lines.filter((l) => l.event === 'release.owed' || l.event === 'release.sent').map((l) => l.event)).toEqual(['release.owed', 'release.sent']);
  });
});
