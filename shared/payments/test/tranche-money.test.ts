/**
 * A commission's tranches against the local Stripe simulator: each milestone's part of the
 * builder's share sent once from the order's charge, `done` sending the rest to the cent,
 * and refunds and disputes taking back in proportion across the release and the tranches.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import type { LocalCharge } from '../../local/stripe/objects';
import { proveOrder } from '../../live/use-cases/prove-order';
import { proveMilestone } from '../../live/use-cases/prove-milestone';
import { recordRefund } from '../use-cases/record-refund';
import { giveBackAfterWin, takeBackForDispute } from '../use-cases/dispute-money';
import { builderPath, type Builder, type TwitchLink } from '../../onboarding';
import { type Order } from '../../orders';
import { orderPath } from '../../orders';
import { paidCharge, paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder, journalDebtsOf } from '../../../test/support/orders';

const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const tranches = [
  { milestone: 'parts-in' as const, percent: 30 },
  { milestone: 'assembly' as const, percent: 20 },
  { milestone: 'done' as const, percent: 50 },
];

async function world() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const charges: LocalCharge[] = [];
  const payments = new LocalPayments({
    store,
    baseUrl: 'http://local',
    clock,
    sendEvent: async (type, object) => void (type === 'charge.refunded' && charges.push(object as LocalCharge)),
  });
  const { accountId } = await payments.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await payments.completeOnboarding(accountId);
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'o1');
  const order: Order = anOrder({
    dropKind: 'commission',
    guildId: 'g',
    builderId: 'b',
    builderName: 'B',
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    status: 'paid',
    createdAt: clock.now().toISOString(),
    paymentIntentId,
    chargeId,
    commission: {
      terms: { slots: 1, leadWeeks: 4, oneAtATime: false, tranches },
      ticket: 1,
      paidAt: clock.now().toISOString(),
      promisedAt: '2026-12-20T12:00:00Z',
    },
  });
  await store.set(orderPath('o1'), order);
  const builder: Builder & { twitch: TwitchLink } = {
    discordUserId: 'b',
    displayName: 'B',
    stripeAccountId: accountId,
    twitch: { userId: 't', login: 'bkeebs', displayName: 'B', linkedAt: clock.now().toISOString() },
  };
  const deps = paymentDepsFor({ store, discord, payments, clock });
  const refund = async (cents: number, id: string) => {
    await payments.refundCharge(chargeId, cents);
    const charge = charges.at(-1) as LocalCharge;
    await recordRefund(deps, { id, type: 'charge.refunded', created: 1, data: { object: charge as unknown as LocalCharge & { [field: string]: unknown } } });
  };
  const milestone = (m: 'parts-in' | 'assembly' | 'sound-test', interaction = `i-${m}`) => proveMilestone(deps, builder, 'o1', m, {}, interaction);
  const transfers = async () => (await payments.listTransfers()).map((t) => t.amount).reverse();
  const reversals = async () => (await payments.listReversals()).map((r) => r.amount).reverse();
  return { store, payments, deps, builder, refund, milestone, transfers, reversals, order: () => store.get(orderPath('o1')) };
}

describe('a commission’s tranches', () => {
  it('sends each milestone’s part once, and done the rest, adding up to the share', async () => {
    const w = await world();
    expect(await w.milestone('parts-in')).toMatchObject({ ok: true, milestone: 'parts-in', releasedLabel: '$67.50' });
    expect(await w.milestone('parts-in', 'i-again')).toMatchObject({ ok: false, refusal: 'milestone-passed' });
    expect(await w.milestone('assembly')).toMatchObject({ ok: true, releasedLabel: '$45.00' });
    expect(await proveOrder(w.deps, w.builder, 'o1', {})).toMatchObject({ ok: true, releasedLabel: '$112.50' });
    expect(await w.transfers()).toEqual([6_750, 4_500, 11_250]);
  });

  it('answers a redelivered milestone as the first did and sends nothing more', async () => {
    const w = await world();
    await w.milestone('parts-in');
    expect(await w.milestone('parts-in')).toMatchObject({ ok: true, milestone: 'parts-in' });
    expect(await w.transfers()).toEqual([6_750]);
  });

  it('sends the tranches skipped over when a later milestone is proved first', async () => {
    const w = await world();
    await w.milestone('assembly');
    expect(await w.transfers()).toEqual([11_250]);
    expect(await w.milestone('parts-in')).toMatchObject({ ok: false, refusal: 'milestone-passed' });
  });

  it('takes a refund out of what was not sent yet, and only sends the rest of what the builder may hold at done', async () => {
    const w = await world();
    await w.milestone('parts-in');
    // $100 of $250 refunded: the builder may hold $135 of $225; $67.50 went out, nothing is taken back.
    await w.refund(10_000, 'evt_r1');
    expect(await w.reversals()).toEqual([]);
    await proveOrder(w.deps, w.builder, 'o1', {});
    expect(await w.transfers()).toEqual([6_750, 6_750]);
  });

  it('takes back from the tranche what passes what the builder may hold after a large refund before done', async () => {
    const w = await world();
    await w.milestone('parts-in');
    // $200 of $250 refunded: the builder may hold $45; $22.50 of the $67.50 comes back.
    await w.refund(20_000, 'evt_r1');
    expect(await w.reversals()).toEqual([2_250]);
    await proveOrder(w.deps, w.builder, 'o1', {});
    // Nothing more is owed: done sends nothing.
    expect(await w.transfers()).toEqual([6_750]);
  });

  it('takes a refund after done back from the release first, then from the tranches, in proportion to the whole share', async () => {
    const w = await world();
    await w.milestone('parts-in');
    await proveOrder(w.deps, w.builder, 'o1', {});
    await w.refund(25_000, 'evt_r1');
    expect((await w.reversals()).reduce((a, b) => a + b, 0)).toBe(22_500);
    expect(await w.reversals()).toEqual(expect.arrayContaining([15_750, 6_750]));
  });

  it('takes a refund after a won dispute back from the release, then from what the win sent, then the tranches: the builder keeps their part to the cent, owing nothing', async () => {
    const w = await world();
    await w.milestone('parts-in');
    await proveOrder(w.deps, w.builder, 'o1', {});
    const released = (await w.order()) as Order;
    const dispute = { disputeId: 'dp_1', state: 'open' as const, amountCents: 25_000, reason: 'fraudulent', openedAt: clock.now().toISOString() };
    await w.store.set(orderPath('o1'), { ...released, dispute });
    await takeBackForDispute(w.deps, 'o1');
    const taken = (await w.order()) as Order;
    await w.store.set(orderPath('o1'), { ...taken, dispute: { ...(taken.dispute as NonNullable<Order['dispute']>), state: 'won' } });
    await w.store.set(builderPath('b'), w.builder);
    await giveBackAfterWin(w.deps, 'o1');
    // The win sent all 22,500 back in one transfer; the release and the tranche hold nothing now.
    const net = async () => (await w.payments.listTransfers()).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
    expect(await net()).toBe(22_500);
    await w.refund(10_000, 'evt_after_win');
    await w.refund(7_777, 'evt_after_win_2');
    const order = (await w.order()) as Order;
    expect((await journalDebtsOf(w.store, 'o1')).builderDebt).toBe(0);
    expect(order.pendingReversals ?? []).toEqual([]);
    expect(await net()).toBe(22_500 - Math.round((22_500 * 17_777) / 25_000));
  });

  it('takes a refund after a late cancel out of the tranche the builder kept, all of it', async () => {
    const w = await world();
    await w.milestone('parts-in');
    // The buyer cancelled late: everything but the $67.50 sent came back, and the builder keeps that.
    const current = (await w.order()) as Order;
    await w.store.set(orderPath('o1'), { ...current, commission: { ...current.commission!, ended: 'cancelled', keptCents: 6_750 } });
    await w.refund(18_250, 'evt_cancel');
    expect(await w.reversals()).toEqual([]);
    // Then $20 more from Stripe's dashboard: none of it was the platform's any more.
    await w.refund(2_000, 'evt_r2');
    expect(await w.reversals()).toEqual([2_000]);
  });

  it('takes back what passes the builder’s part when a dispute opens after a tranche', async () => {
    const w = await world();
    await w.milestone('parts-in');
    const current = (await w.order()) as Order;
    await w.store.set(orderPath('o1'), {
      ...current,
      dispute: { disputeId: 'dp_1', state: 'open', amountCents: 25_000, reason: 'fraudulent', openedAt: clock.now().toISOString() },
    } as Order);
    await takeBackForDispute(w.deps, 'o1');
    expect(await w.reversals()).toEqual([6_750]);
    expect(await w.milestone('assembly')).toMatchObject({ ok: true, held: true });
    expect(await w.transfers()).toEqual([6_750]);
  });
});
