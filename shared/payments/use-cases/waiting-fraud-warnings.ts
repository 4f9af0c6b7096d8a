/**
 * @module waiting-fraud-warnings
 * An early fraud warning that found no order: Stripe sends its events in any order, so the
 * warning can overtake the `checkout.session.completed` of the charge it flags. It is kept
 * under its charge (`fraudWarningsWaiting/<chargeId>`, with the payment intent beside it for
 * the lookup a payment makes), the newest view of one warning winning, and read again once
 * the payment is recorded, so the order is held or refunded as if the warning came after.
 */
import { collectionPath, docPath, type DocumentStore } from '../../ports';
import type { SeenFraudWarning } from '../rules/fraud-warning';

export interface WaitingFraudWarning {
  warning: SeenFraudWarning;
  /** The event that brought the newest view: the refund it asks for is keyed by the order and warning, not by it. */
  eventId: string;
  /** The payment intent, or '' when Stripe named none: what the payment's lookup queries. */
  paymentIntentId: string;
  keptAt: string;
}

export const waitingFraudWarnings = collectionPath<WaitingFraudWarning>('fraudWarningsWaiting');
const waitingFraudWarningPath = (chargeId: string) => docPath<WaitingFraudWarning>(`${waitingFraudWarnings}/${chargeId}`);

/** Kept once per charge; a redelivery, or an older view arriving late, never replaces a newer one. */
export async function keepWaitingFraudWarning(store: DocumentStore, seen: SeenFraudWarning, eventId: string, now: string): Promise<void> {
  await store.runTransaction(async (tx) => {
    const kept = await tx.get(waitingFraudWarningPath(seen.chargeId));
    if (kept && kept.warning.warningId === seen.warningId && kept.warning.seenAt >= seen.seenAt) return;
    tx.set(waitingFraudWarningPath(seen.chargeId), { warning: seen, eventId, paymentIntentId: seen.paymentIntentId ?? '', keptAt: now });
  });
}

/** The warnings kept for this payment's charge, by its payment intent or its charge. */
export async function waitingFraudWarningsOf(
  store: DocumentStore,
  payment: { paymentIntentId: string; chargeIds: readonly string[] },
): Promise<WaitingFraudWarning[]> {
  const byIntent = await store.query(waitingFraudWarnings, { where: [['paymentIntentId', '==', payment.paymentIntentId]] });
  const byCharge = await Promise.all(payment.chargeIds.map((id) => store.get(waitingFraudWarningPath(id))));
  const all = [...byIntent.map((f) => f.data), ...byCharge.filter((w): w is WaitingFraudWarning => w !== undefined)];
  return [...new Map(all.map((w) => [w.warning.chargeId, w])).values()];
}
