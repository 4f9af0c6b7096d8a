/**
 * Payments' deps for a test that hands only the ports it watches: the rest (the book, a
 * queue that records, the deployment's settings) as a small deployment has them, with the
 * modules registered as production registers them.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments, ScheduledTask, TaskQueue } from '../../shared/ports';
import { InMemoryAuctionBook } from '../../shared/local/upstash/in-memory-auction-book';
import { withPaymentModules } from '../../shared/router/payment-wiring';
import { discordMembersOnly } from './bidders';
import type { LocalPayments } from '../../shared/local/stripe/payments';

export function paymentDepsFor(ports: { store: DocumentStore; discord: DiscordMessenger; payments: Payments; clock: Clock; tasks?: TaskQueue }) {
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = ports.tasks ?? { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  return withPaymentModules({
    ...ports,
    bidders: discordMembersOnly,
    tasks,
    book: new InMemoryAuctionBook(),
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    publicBaseUrl: 'http://local',
    currency: 'usd',
  });
}

/** A $250 checkout for `orderId`, opened and paid at the local Stripe: its payment intent and charge, for an order to name. */
export async function paidCharge(payments: LocalPayments, orderId: string): Promise<{ paymentIntentId: string; chargeId: string }> {
  const { sessionId } = await payments.createCheckoutSession({
    idempotencyKey: 'k',
    orderId,
    itemName: 'Tofu65',
    amountCents: 25_000,
    currency: 'usd',
    expiresAt: new Date('2026-11-22T13:00:00Z'),
    metadata: {},
    successUrl: 's',
    cancelUrl: 'c',
  });
  const paid = await payments.paySession(sessionId);
  const paymentIntentId = paid.result === 'changed' ? String(paid.object.payment_intent) : '';
  const { chargeId } = await payments.chargeOfPayment(paymentIntentId);
  return { paymentIntentId, chargeId };
}
