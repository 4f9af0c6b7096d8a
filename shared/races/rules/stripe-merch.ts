/**
 * @module stripe-merch
 * A Stripe merch sale: a paid Checkout Session that is not one of our drop or auction
 * orders, made from a guild's Payment Link, which names the guild in `metadata.guild_id`.
 */
import type { RefundEvent, SaleEvent } from './sale';
import { idOf, text, type StripeEvent } from '../../payments/rules/stripe-event';
import { isOurCheckoutKind } from '../../payments/rules/order';

export function stripeMerchSaleOf(event: StripeEvent): SaleEvent | undefined {
  const session = event.data.object;
  const guildId = text(session.metadata?.guild_id);
  if (!guildId || !/^\d{17,20}$/.test(guildId)) return undefined;
  if (text(session.metadata?.order_id) || isOurCheckoutKind(text(session.metadata?.kind))) return undefined;
  // Delayed methods complete unpaid; their `async_payment_succeeded` is the sale.
  if (session.payment_status !== 'paid') return undefined;
  const amountCents = session.amount_total;
  const currency = text(session.currency);
  if (typeof amountCents !== 'number' || !Number.isSafeInteger(amountCents) || amountCents <= 0 || !currency) return undefined;
  const paymentIntentId = idOf(session.payment_intent);
  return {
    kind: 'sale',
    shop: 'stripe',
    guildId,
    saleId: session.id,
    eventId: event.id,
    amountCents,
    currency: currency.toLowerCase(),
    // When Stripe recorded the payment: the event's creation, not our delivery.
    paidAt: new Date(event.created * 1000).toISOString(),
    description: 'Stripe merch sale',
    ...(paymentIntentId ? { paymentIntentId } : {}),
  };
}

/** `charge.refunded` carries the charge's total refunded so far; the sale is found by its payment. */
export function stripeMerchRefundOf(event: StripeEvent, sale: { guildId: string; saleId: string }): RefundEvent | undefined {
  const charge = event.data.object;
  const total = charge.amount_refunded;
  const currency = text(charge.currency);
  if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0 || !currency) return undefined;
  return {
    kind: 'refund',
    shop: 'stripe',
    guildId: sale.guildId,
    saleId: sale.saleId,
    refundId: event.id,
    eventId: event.id,
    currency: currency.toLowerCase(),
    refundedAt: new Date(event.created * 1000).toISOString(),
    totalRefundedCents: total,
  };
}
