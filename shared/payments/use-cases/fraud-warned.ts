/**
 * @module fraud-warned
 * `radar.early_fraud_warning.created` and `.updated`, each once (payments dedupes by event
 * id), in any order. Every order the flagged charge paid keeps the warning and what C500 did
 * about it, decided once in the transaction that records it: an order whose money is all
 * still held is refunded in full (the server's default; `charge.refunded` then does what any
 * full refund does: the unit back on sale, the buyer told) or held for an admin's review; one
 * whose money went out, or that shipped, is the admin's call; one refunded already needs
 * nothing. While the warning holds, no release (share, host cut or tranche) goes out. A
 * warning that overtook its charge's payment is kept (waiting-fraud-warnings) and acted on
 * once the payment is recorded, as if it had come after.
 */
import type { Transaction } from '../../ports';
import { tellOnce } from '../../discord';
import { log } from '../../log';
import type { StripeEvent } from '../rules/stripe-event';
import type { GivenRefund, Order, Refunds } from '../../orders';
import { orderPath, ordersCollection, applyOrderFact } from '../../orders';
import { refundableCents } from '../rules/given-refunds';
import {
  adminToTell,
  autoRefundsFraud,
  fraudOutcomeFor,
  fraudRefundKey,
  guildFraudSettingsPath,
  parseFraudWarning,
  recordFraudWarning,
  type SeenFraudWarning,
} from '../rules/fraud-warning';
import type { FraudOutcome } from '../../orders';
import { withRefunds } from '../../journal';
import { fraudDms } from '../rules/fraud-messages';
import { askRefund } from './give-refund';
import { keepWaitingFraudWarning, waitingFraudWarningsOf } from './waiting-fraud-warnings';
import type { PaymentDeps } from './apply-payment';

type Warned = { order: Order; outcome: FraudOutcome; refund?: GivenRefund };

export async function fraudWarned(deps: PaymentDeps, event: StripeEvent): Promise<void> {
  const seen = parseFraudWarning(event.data.object, event.created);
  if (!seen) return void log.warn('an early fraud warning event without a warning in it; ignored', { eventId: event.id });
  let orderIds = await ordersOfCharge(deps, seen);
  if (orderIds.length === 0) {
    // Kept before looking again: a payment recorded in between finds it, or this second look finds the payment.
    await keepWaitingFraudWarning(deps.store, seen, event.id, deps.clock.now().toISOString());
    orderIds = await ordersOfCharge(deps, seen);
    if (orderIds.length === 0)
      return void log.info('an early fraud warning before its charge paid any of our orders; kept for the payment', { warningId: seen.warningId });
  }
  await actOnWarning(deps, seen, orderIds, event.id);
}

/**
 * A payment just recorded (`checkout.session.completed`): a warning that came before it now
 * holds or refunds its orders, once, however often the payment or the warning is redelivered.
 */
export async function fraudWarnedBeforePayment(deps: PaymentDeps, paymentIntentId: string): Promise<void> {
  const paid = await deps.store.query(ordersCollection, { where: [['paymentIntentId', '==', paymentIntentId]] });
  if (paid.length === 0) return;
  const chargeIds = [...new Set(paid.map((f) => f.data.chargeId).filter((c): c is string => c !== undefined))];
  for (const waiting of await waitingFraudWarningsOf(deps.store, { paymentIntentId, chargeIds })) {
    const orderIds = await ordersOfCharge(deps, waiting.warning);
    if (orderIds.length > 0) await actOnWarning(deps, waiting.warning, orderIds, waiting.eventId);
  }
}

async function actOnWarning(deps: PaymentDeps, seen: SeenFraudWarning, orderIds: readonly string[], eventId: string): Promise<void> {
  const warned = await recordWarning(deps, seen, orderIds, eventId);
  for (const one of warned) await actOn(deps, seen, one);
}

/** The orders the flagged charge paid: by its payment intent, as refunds and disputes find them, or by the charge. */
async function ordersOfCharge(deps: PaymentDeps, seen: SeenFraudWarning): Promise<string[]> {
  const byIntent = seen.paymentIntentId ? await deps.store.query(ordersCollection, { where: [['paymentIntentId', '==', seen.paymentIntentId]] }) : [];
  const found = byIntent.length > 0 ? byIntent : await deps.store.query(ordersCollection, { where: [['chargeId', '==', seen.chargeId]] });
  return found.map((f) => f.id).sort();
}

/**
 * Each order's warning and outcome in one transaction, with the refund a first sight asks
 * for written down before Stripe is asked (so a redelivery replays the same key and amount).
 * A charge that paid several lots is refunded only if every lot is: a part of a shared
 * charge refunded would be spread over lots whose money went out too.
 */
async function recordWarning(deps: PaymentDeps, seen: SeenFraudWarning, orderIds: readonly string[], eventId: string): Promise<Warned[]> {
  const now = deps.clock.now().toISOString();
  return deps.store.runTransaction(async (tx) => {
    const stored = (await Promise.all(orderIds.map((id) => tx.get(orderPath(id))))).filter((o): o is Order => o !== undefined);
    const orders = await Promise.all(stored.map((order) => withRefunds(tx, order)));
    const [first] = orders;
    const settings = first ? await tx.get(guildFraudSettingsPath(first.guildId)) : undefined;
    const decided = orders.map((order) => fraudOutcomeFor(order, autoRefundsFraud(settings)));
    const refundAll = decided.every((o) => o === 'refunded');
    return orders.map((order, i) => stage(tx, order, seen, firstOutcome(order, decided[i] ?? 'after-release', refundAll), { now, eventId }));
  });
}

/** The outcome this order keeps: the one first decided, whatever arrives since. */
function firstOutcome(order: Order, decided: FraudOutcome, refundAll: boolean): FraudOutcome {
  if (order.fraudWarning) return order.fraudWarning.outcome;
  return decided === 'refunded' && !refundAll ? 'held-for-review' : decided;
}

function stage(tx: Transaction, order: Order & Refunds, seen: SeenFraudWarning, outcome: FraudOutcome, at: { now: string; eventId: string }): Warned {
  if (order.fraudWarning && order.fraudWarning.warningId !== seen.warningId) {
    log.warn('an order already carries another fraud warning; left as it is', { orderId: order.orderId, warningId: seen.warningId });
    return { order, outcome: 'after-refund' };
  }
  const fraudWarning = recordFraudWarning(order.fraudWarning, seen, outcome, at.now);
  const key = fraudRefundKey(order.orderId, seen.warningId);
  const given = order.givenRefunds ?? [];
  let refund = given.find((r) => r.idempotencyKey === key);
  const amountCents = refundableCents(order);
  if (!refund && outcome === 'refunded' && amountCents > 0) {
    refund = { idempotencyKey: key, amountCents, byInteraction: at.eventId, byUserId: 'stripe-radar', reason: 'Stripe early fraud warning', askedAt: at.now };
    applyOrderFact(tx, order, { kind: 'fraud-warned', fraudWarning, refund });
  } else applyOrderFact(tx, order, { kind: 'fraud-warned', fraudWarning });
  return { order: { ...order, fraudWarning }, outcome, ...(refund ? { refund } : {}) };
}

/** The refund asked (or replayed), then the builder and the server's admin told, each once. */
async function actOn(deps: PaymentDeps, seen: SeenFraudWarning, { order, outcome, refund }: Warned): Promise<void> {
  const admin = adminToTell(await deps.store.get(guildFraudSettingsPath(order.guildId)));
  const fact = `fraud-warning:${seen.warningId}:${order.orderId}`;
  if (refund) {
    const asked = await askRefund(deps, order, refund);
    if (asked.refusal !== undefined) {
      await holdForReview(deps, order.orderId);
      if (admin) await tellOnce(deps, `${fact}:refused`, admin, fraudDms.refundRefused(order, asked.refusal));
      return;
    }
    await tellOnce(deps, `refund-given:${asked.idempotencyKey}`, order.buyerId, fraudDms.buyer(order));
  }
  const toBuilder = fraudDms.builder(order, outcome);
  if (toBuilder) await tellOnce(deps, fact, order.builderId, toBuilder);
  const toAdmin = fraudDms.admin(order, outcome);
  if (toAdmin && admin) await tellOnce(deps, `${fact}:admin`, admin, toAdmin);
  else if (toAdmin) log.warn('an early fraud warning with no admin to tell (the server never ran /c500 setup)', { orderId: order.orderId });
}

/** Stripe would not refund it: the order waits for an admin instead of a refund that will not come. */
async function holdForReview(deps: PaymentDeps, orderId: string): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(orderId));
    if (current?.fraudWarning?.outcome === 'refunded') applyOrderFact(tx, current, { kind: 'fraud-held-for-review' });
  });
}
