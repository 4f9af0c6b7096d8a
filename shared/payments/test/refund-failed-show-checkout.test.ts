/**
 * A refund that fails later on a show checkout that paid several lots with one charge: each
 * lot's refunded total goes back to what it was before that refund (the charge's total, spread
 * over the lots as `charge.refunded` spreads it), whatever order Stripe delivers the events in
 * and however often.
 */
import { refundedOfOrder } from '../../journal';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { Payments, TaskQueue } from '../../ports';
import { handleStripeEvent } from '../use-cases/handle-stripe-event';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { orderPath } from '../../orders';
import type { StripeEvent } from '../rules/stripe-event';
import { withPaymentModules } from '../../router/payment-wiring';
import { discordMembersOnly } from '../../../test/support/bidders';
import { anOrder } from '../../../test/support/orders';

const opened = Date.parse('2026-11-22T20:00:00.000Z');
const at = (seconds: number) => Math.floor(opened / 1000) + seconds;
const clock = { now: () => new Date(opened + 60_000) };
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
// Stripe's charge as it stands by the time the events arrive: re_2 failed, 6,000 refunded.
const payments = { chargeOfPayment: async (pi: string) => ({ chargeId: `ch_${pi}` }), refundedOfCharge: async () => 6_000 } as unknown as Payments;

async function twoLotsPaid() {
  const store = new LocalDocumentStore();
  const lot = (orderId: string, amountCents: number) =>
    anOrder({
      orderId,
      // A show's lots are auctions, paid together by one checkout.
      source: 'auction',
      sourceId: `auc-${orderId}`,
      showCheckoutId: 'sc000001',
      amountCents,
      status: 'paid',
      paymentIntentId: 'pi_show',
      chargeId: 'ch_pi_show',
      paidAt: new Date(opened).toISOString(),
    });
  await store.set(orderPath('lot00001'), lot('lot00001', 10_000));
  await store.set(orderPath('lot00002'), lot('lot00002', 20_000));
  const deps = withPaymentModules({
    bidders: discordMembersOnly,
    store,
    discord: new DiscordOutbox(),
    tasks,
    clock,
    currency: 'usd',
    payments,
    publicBaseUrl: 'http://local',
    book: new InMemoryAuctionBook(),
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
  });
  const deliver = async (events: StripeEvent[]) => {
    for (const e of events) await handleStripeEvent(deps, e);
  };
  const refunded = async () =>
    Object.fromEntries(await Promise.all(['lot00001', 'lot00002'].map(async (id) => [id, await refundedOfOrder(store, { orderId: id, currency: 'usd' })])));
  return { deliver, refunded };
}

const ev = (id: string, type: string, created: number, object: Record<string, unknown>): StripeEvent => ({
  id,
  type,
  created: at(created),
  data: { object: object as StripeEvent['data']['object'] },
});
const charge = (id: string, created: number, amountRefunded: number) =>
  ev(id, 'charge.refunded', created, {
    id: 'ch_pi_show',
    object: 'charge',
    payment_intent: 'pi_show',
    currency: 'usd',
    amount: 30_000,
    amount_refunded: amountRefunded,
    refunded: false,
  });
// re_1 (6,000) at 100, re_2 (9,000) at 200, re_2 fails at 300: the charge is back to 6,000 refunded.
const first = charge('evt_r1', 100, 6_000);
const second = charge('evt_r2', 200, 15_000);
const failed = ev('evt_fail', 'charge.refund.updated', 300, {
  id: 're_2',
  object: 'refund',
  amount: 9_000,
  charge: 'ch_pi_show',
  payment_intent: 'pi_show',
  currency: 'usd',
  created: at(200),
  status: 'failed',
  failure_reason: 'lost_or_stolen_card',
});
const beforeTheFailedRefund = { lot00001: 2_000, lot00002: 4_000 };

describe('a refund that fails on a show checkout of several lots', () => {
  it('puts each lot’s refunded total back to what it was before that refund', async () => {
    const w = await twoLotsPaid();
    await w.deliver([first, second]);
    expect(await w.refunded()).toEqual({ lot00001: 5_000, lot00002: 10_000 });
    await w.deliver([failed]);
    expect(await w.refunded()).toEqual(beforeTheFailedRefund);
  });

  it('does the same delivered again, and with the charge’s older totals delivered again after it', async () => {
    const w = await twoLotsPaid();
    await w.deliver([first, second, failed, { ...failed, id: 'evt_fail_again' }, second, first]);
    expect(await w.refunded()).toEqual(beforeTheFailedRefund);
  });

  it('does the same when the failure comes before the refunds it undoes', async () => {
    const w = await twoLotsPaid();
    await w.deliver([failed, second, first]);
    expect(await w.refunded()).toEqual(beforeTheFailedRefund);
  });
});
