/**
 * A guild's Payment Link merch sale (4,200¢), its partial refund (1,500¢) and that refund's
 * failure, as Stripe sends them, and a world that delivers them to the payments subscriber.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalPayments } from '../../local/stripe/payments';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { handleStripeEvent, refundWaitKey, type StripeEvent } from '../../payments';
import { waitingRefundsPath } from '../../payments/rules/refunds';
import { withPaymentModules } from '../../router/payment-wiring';
import { discordMembersOnly } from '../../../test/support/bidders';
import { salePath } from '../rules/sale';
import type { TaskQueue } from '../../ports';

const guildId = '910000000000000001';
const created = 1_795_352_670;
const clock = { now: () => new Date('2026-11-22T13:04:30Z') };
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
const paymentIntent = 'pi_3Qmerch';

export const paid: StripeEvent = {
  id: 'evt_merch_paid',
  type: 'checkout.session.completed',
  created,
  data: {
    object: {
      id: 'cs_test_merch',
      object: 'checkout.session',
      mode: 'payment',
      status: 'complete',
      payment_status: 'paid',
      payment_link: 'plink_1Qmerch',
      payment_intent: paymentIntent,
      amount_total: 4_200,
      currency: 'usd',
      metadata: { guild_id: guildId },
    } as StripeEvent['data']['object'],
  },
};
export const refunded: StripeEvent = {
  id: 'evt_merch_refunded',
  type: 'charge.refunded',
  created: created + 60,
  data: {
    object: {
      id: 'ch_3Qmerch',
      object: 'charge',
      amount: 4_200,
      amount_refunded: 1_500,
      currency: 'usd',
      payment_intent: paymentIntent,
      refunds: { data: [{ id: 're_merch', amount: 1_500, created: created + 60 }] },
      metadata: {},
    } as StripeEvent['data']['object'],
  },
};
export const failed: StripeEvent = {
  id: 'evt_merch_refund_failed',
  type: 'charge.refund.updated',
  created: created + 120,
  data: {
    object: {
      id: 're_merch',
      object: 'refund',
      amount: 1_500,
      charge: 'ch_3Qmerch',
      payment_intent: paymentIntent,
      created: created + 60,
      status: 'failed',
      failure_reason: 'expired_or_canceled_card',
    } as StripeEvent['data']['object'],
  },
};

export function merchWorld() {
  const store = new LocalDocumentStore();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  // The payment these events name, as Stripe answers for it: its charge (the sale is journaled under it).
  payments.chargeOfPayment = async (id) => {
    if (id !== paymentIntent) throw new Error(`No such payment_intent: '${id}'`);
    return { chargeId: 'ch_3Qmerch' };
  };
  const deps = withPaymentModules({
    bidders: discordMembersOnly,
    store,
    discord: new DiscordOutbox(),
    payments,
    tasks,
    clock,
    book: new InMemoryAuctionBook(),
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
    publicBaseUrl: 'http://local',
    currency: 'usd',
  });
  return {
    deliver: async (...events: StripeEvent[]) => {
      for (const event of events) await handleStripeEvent(deps, event);
    },
    waiting: () => store.get(waitingRefundsPath(refundWaitKey('stripe', '', paymentIntent))),
    sale: () => store.get(salePath('stripe', 'cs_test_merch')),
  };
}
