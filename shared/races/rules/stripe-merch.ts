/**
 * @module stripe-merch
 * A Stripe merch sale: a paid Checkout Session that is not one of our drop or auction
 * orders, made from a guild's Payment Link, which names the guild in `metadata.guild_id`.
 */
import type { SaleEvent, SaleRecord } from './sale';
import { type CheckoutMerchView, idOf, text, type StripeEvent, type RefundEvent } from '../../payments';
import { formatMoney } from '../../common';

export function stripeMerchSaleOf(event: StripeEvent): SaleEvent | undefined {
  const session = event.data.object;
  const { metadata } = session;
  if (!metadata) return undefined;
  const guildId = text(metadata.guild_id);
  if (!guildId || !/^\d{17,20}$/.test(guildId)) return undefined;
  // `kind` and `order_id` are ours: every checkout we open names its kind, and a Payment Link's never does.
  if (text(metadata.order_id) || text(metadata.kind)) return undefined;
  // Delayed methods complete unpaid; their `async_payment_succeeded` is the sale.
  if (session.payment_status !== 'paid') return undefined;
  const amountCents = session.amount_total;
  const currency = text(session.currency);
  if (!isWholeCents(amountCents) || amountCents <= 0 || !currency) return undefined;
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
  if (!isWholeCents(total) || total < 0 || !currency) return undefined;
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

/** What the checkout success page shows of a merch purchase through a guild's Payment Link. */
export function merchView(sale: SaleRecord): CheckoutMerchView {
  const money = (cents: number) => formatMoney({ cents, currency: sale.currency });
  const refunded = sale.refundedCents >= sale.amountCents;
  const paid = 'Stripe emails your receipt. If a race was on when you paid, a share of this sale went into its pot for the racers.';
  return {
    kind: 'merch',
    // The session event names no item; the page says what it was bought through.
    title: 'Merch from the race shop',
    status: refunded ? 'refunded' : 'paid',
    statusSentence: refunded
      ? 'The money is on its way back to you.'
      : sale.refundedCents > 0
        ? `${paid} ${money(sale.refundedCents)} of it was refunded and is on its way back to you.`
        : paid,
    amountLabel: money(sale.amountCents),
  };
}

function isWholeCents(value: unknown): value is number {
  return Number.isSafeInteger(value);
}
