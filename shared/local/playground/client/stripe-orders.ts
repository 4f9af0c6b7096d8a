/**
 * @module stripe-orders
 * Which paid orders the playground's Stripe panel lists, from the local Stripe's own lists:
 * every payment that succeeded for one of C500's orders, paid through Checkout (a drop, an
 * auction, a show, a group buy's pay link) or charged off session (a group buy's pledge at
 * its close), newest first. A Payment Link's merch sale is no order and is left out. No DOM
 * here: the panel draws these, and a unit test reads them.
 */
import type { StripeOrderFacts } from './stripe-cases';

/** What the local Stripe's lists say, trimmed to what the panel reads. */
export interface StripeLists {
  sessions: Array<{
    id: string;
    payment_intent: string | null;
    client_reference_id: string | null;
    line_items: { data: Array<{ description: string }> };
  }>;
  payment_intents: Array<{
    id: string;
    status: string;
    latest_charge: string | null;
    amount: number;
    currency: string;
    created: number;
    metadata: Record<string, string>;
  }>;
  disputes: Array<{ id: string; payment_intent: string; status: string; amount: number; created: number }>;
  refunds: Array<{ id: string; payment_intent: string; status: string; amount: number }>;
  accounts: Array<{ id: string; metadata: Record<string, string> }>;
}

export function paidOrdersOf(lists: StripeLists): StripeOrderFacts[] {
  return lists.payment_intents
    .filter((pi) => pi.status === 'succeeded' && pi.latest_charge)
    .sort((a, b) => b.created - a.created)
    .flatMap((pi): StripeOrderFacts[] => {
      const session = lists.sessions.find((s) => s.payment_intent === pi.id);
      // Paid through Checkout for none of our orders (a guild's merch Payment Link), or charged for nothing we know.
      if (session ? !session.client_reference_id : !pi.metadata.order_id) return [];
      const dispute = lists.disputes.filter((d) => d.payment_intent === pi.id).sort((a, b) => b.created - a.created)[0];
      const refunds = lists.refunds.filter((r) => r.payment_intent === pi.id && r.status === 'succeeded');
      const account = lists.accounts.find((a) => builderOf(a.metadata) === builderOf(pi.metadata));
      return [
        {
          ...(session ? { sessionId: session.id } : {}),
          paymentIntent: pi.id,
          chargeId: pi.latest_charge ?? '',
          title: session?.line_items.data[0]?.description ?? `group buy order ${pi.metadata.order_id}`,
          amountCents: pi.amount,
          currency: pi.currency,
          buyerId: pi.metadata.buyer_pseudonym ?? pi.metadata.buyer_id ?? '',
          builderId: builderOf(pi.metadata) ?? '',
          ...(account ? { accountId: account.id } : {}),
          ...(dispute ? { dispute: { id: dispute.id, status: dispute.status, amount: dispute.amount } } : {}),
          ...(refunds[0] ? { refundId: refunds[0].id } : {}),
          refunded: refunds.reduce((sum, r) => sum + r.amount, 0) >= pi.amount,
        },
      ];
    });
}

/** Whose a payment or an account is, as Stripe's metadata names them: a keyed pseudonym, or (made before pseudonyms) a Discord id. */
const builderOf = (metadata: Record<string, string>): string | undefined => metadata.builder_pseudonym ?? metadata.builder_id;
