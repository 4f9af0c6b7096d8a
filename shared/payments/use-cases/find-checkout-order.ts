/**
 * @module find-checkout-order
 * What the checkout success page shows: the order behind a Stripe Checkout Session, or the
 * merch sale a guild's Payment Link made (its buyers are sent to the same page). Anyone
 * holding the success link can open it, so the answer carries only what a buyer would show
 * a friend: never buyer ids, Stripe ids, the builder's share or the racers' credits.
 */
import type { DocumentStore } from '../../ports';
import { type Order } from '../../orders';
import { ordersCollection } from '../../orders';
import { statusSentence, type CheckoutOrderView, type FindCheckoutOrderResult } from '../rules/checkout-views';
import { bestProofOf, proofLabel } from '../rules/proof-of-work';
import type { OtherPayments } from './payment-modules';
import { formatMoney } from '../../common';

/**
 * Stripe's ids are `cs_test_…` or `cs_live_…` with letters and digits, and the local checkout
 * simulator's must look the same. Anything else never reaches the store.
 */
export function isCheckoutSessionIdShaped(id: string): boolean {
  return /^cs_[A-Za-z0-9_]{8,250}$/.test(id);
}

/**
 * @example
 * await findCheckoutOrder({ store }, 'cs_test_a1b2c3d4')
 * // { ok: true, order: { orderId: 'k3v9m2qa', status: 'paid', amountLabel: '$120.00', ... } }
 */
export async function findCheckoutOrder(
  deps: { store: DocumentStore; others: Pick<OtherPayments, 'view'> },
  sessionId: string | undefined,
): Promise<FindCheckoutOrderResult> {
  const id = sessionId?.trim() ?? '';
  if (!isCheckoutSessionIdShaped(id)) {
    return { ok: false, reason: 'malformed', message: 'session_id must be the Stripe Checkout Session id from the success link, starting with cs_.' };
  }
  const [found] = await deps.store.query(ordersCollection, { where: [['checkoutSessionId', '==', id]], limit: 1 });
  if (!found) {
    const merch = await deps.others.view(id);
    if (merch) return { ok: true, order: merch };
    return {
      ok: false,
      reason: 'not-found',
      message: 'We could not find an order for this checkout. Check the link, or type /c500 profile in Discord to see your orders.',
    };
  }
  return { ok: true, order: publicView(found.data) };
}

function publicView(order: Order): CheckoutOrderView {
  return {
    kind: 'order',
    orderId: order.orderId,
    title: order.title,
    status: order.status,
    statusSentence: statusSentence(order.status, order.source),
    amountLabel: formatMoney({ cents: order.amountCents, currency: order.currency }),
    builderName: order.builderName,
    dropKind: order.dropKind,
    ...proofFields(order),
    ...(order.tracking ? { tracking: order.tracking } : {}),
  };
}

/** The best proof's link and what it is (the public page shows both). */
function proofFields(order: Order): { proofUrl?: string; proofLabel?: string } {
  const proof = bestProofOf(order);
  return proof ? { proofUrl: proof.url, proofLabel: proofLabel(proof) } : {};
}
