/**
 * @module another-card-saved
 * Stripe's `checkout.session.completed` for a pledge's another-card session (another-card,
 * routed by payments by its `kind`, apart from Join's): the pledge's one PaymentIntent is
 * confirmed with the card just saved, on session, the pay page as its return URL for the bank's
 * step. The payment itself is recorded from `payment_intent.succeeded`, as any on-session payment.
 *
 * Safe under redelivery and out of order: the session is claimed on the pledge before Stripe is
 * asked, and asked under a key of its own (a replay answers the first confirm); a session already
 * answered, or whose card was saved before the one already used, confirms nothing; a pledge paid,
 * lapsed or past `payBy` confirms nothing either. A card that will pay nothing is detached; the
 * card it replaces is detached once the new one is the pledge's (saved-card release takes that one
 * at the pledge's end).
 */
import type { Clock, DocumentStore, OnSessionPayment, Payments } from '../../ports';
import { PaymentRefused } from '../../errors';
import { text, type StripeEvent } from '../../payments';
import { orderPath } from '../../orders';
import { log } from '../../log';
import { asBatchWork } from '../../stripe-work';
import { pledgePath, type Pledge } from '../rules/group-buy';
import { repayToConfirm, type PledgeRepay } from '../rules/another-card';
import { pledgePayLink } from '../rules/pledge-pay-page';
import { refusalInBuyersWords } from '../rules/refusal-words';

export interface AnotherCardSavedDeps {
  store: DocumentStore;
  clock: Clock;
  payments: Pick<Payments, 'readCardSetup' | 'confirmOnSession' | 'detachPaymentMethod'>;
  publicBaseUrl: string;
}

type Claim = { kind: 'confirm'; pledge: Pledge & { paymentIntentId: string; payKey: string; orderId: string } } | { kind: 'done' } | { kind: 'unneeded' };

export async function anotherCardSaved(deps: AnotherCardSavedDeps, event: StripeEvent): Promise<void> {
  const session = event.data.object;
  // The pledge is found through its order (Stripe's metadata names people by pseudonym only).
  const [groupBuyId, orderId] = [text(session.metadata?.group_buy_id), text(session.metadata?.order_id)];
  const order = groupBuyId && orderId ? await deps.store.get(orderPath(orderId)) : undefined;
  const buyerId = order?.source === 'groupbuy' && order.sourceId === groupBuyId ? order.buyerId : undefined;
  if (!groupBuyId || !buyerId) return log.warn('a pledge’s another-card session names no order of its group buy; ignored', { sessionId: session.id });
  const setup = await deps.payments.readCardSetup(session.id);
  // The event says complete: Stripe's read will too, so anything else is retried rather than lost.
  if (setup.status !== 'complete' || !setup.paymentMethodId) throw new Error(`another-card session ${session.id} completed without a saved card`);
  const paymentMethodId = setup.paymentMethodId;
  const savedAt = setup.savedAt ?? new Date(event.created * 1000).toISOString();
  const claim = await claimRepay(deps, groupBuyId, buyerId, { sessionId: session.id, savedAt });
  if (claim.kind === 'done') return;
  if (claim.kind === 'unneeded') return detachUnused(deps, groupBuyId, buyerId, paymentMethodId);
  const { pledge } = claim;
  const answer = await confirmWith(deps, pledge, session.id, paymentMethodId);
  // Stripe's limit this second: the event is retried (the claim stands, the key makes the retry the same confirm).
  if (answer.outcome === 'rate_limited') throw new Error(`Stripe's rate limit confirming pledge ${pledge.orderId} with another card; retried`);
  await recordAnswer(deps, groupBuyId, buyerId, session.id, answer, paymentMethodId);
  // The card it replaces pays this pledge no more (it was refused, or the buyer chose this one); the new one stays while the pledge waits on it.
  if (pledge.paymentMethodId && pledge.paymentMethodId !== paymentMethodId) await detachUnused(deps, groupBuyId, buyerId, pledge.paymentMethodId);
  await detachUnused(deps, groupBuyId, buyerId, paymentMethodId);
}

/** The session claimed on the pledge while it still waits on its buyer within `payBy`; or why nothing is to be confirmed. */
function claimRepay(deps: AnotherCardSavedDeps, groupBuyId: string, buyerId: string, repay: PledgeRepay): Promise<Claim> {
  const path = pledgePath(groupBuyId, buyerId);
  return deps.store.runTransaction(async (tx): Promise<Claim> => {
    const pledge = await tx.get(path);
    if (pledge?.status !== 'needs-buyer' || !pledge.paymentIntentId || !pledge.payKey || !pledge.orderId || !pledge.payBy) return { kind: 'unneeded' };
    if (deps.clock.now().getTime() >= Date.parse(pledge.payBy)) return { kind: 'unneeded' };
    const order = await tx.get(orderPath(pledge.orderId));
    if (order?.status !== 'awaiting-payment') return { kind: 'unneeded' };
    const step = repayToConfirm(pledge.repay, repay.sessionId, repay.savedAt);
    if (step === 'done') return { kind: 'done' };
    if (step === 'older') return { kind: 'unneeded' };
    tx.update(path, { repay });
    return { kind: 'confirm', pledge: { ...pledge, paymentIntentId: pledge.paymentIntentId, payKey: pledge.payKey, orderId: pledge.orderId } };
  });
}

/** Stripe asked to confirm the pledge's own intent with the new card; a request Stripe refuses (the card gone) is a decline in the buyer's words. */
async function confirmWith(
  deps: AnotherCardSavedDeps,
  pledge: Pledge & { paymentIntentId: string; payKey: string; orderId: string },
  sessionId: string,
  paymentMethodId: string,
): Promise<OnSessionPayment> {
  const link = pledgePayLink(deps.publicBaseUrl, pledge.groupBuyId, pledge.orderId, pledge.payKey);
  try {
    return await deps.payments.confirmOnSession({
      paymentIntentId: pledge.paymentIntentId,
      paymentMethodId,
      returnUrl: `${link}&returned=1`,
      idempotencyKey: `groupbuy-repay:${sessionId}`,
    });
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    log.warn('group buy: Stripe refused to confirm a pledge with another card', { sessionId, stripeCode: error.stripeCode });
    return { outcome: 'declined', paymentIntentId: pledge.paymentIntentId, code: error.stripeCode ?? 'card_declined', message: 'refused' };
  }
}

/** How the confirm went, on the pledge, if this session is still its newest: what the pay page shows the buyer back from Stripe. */
async function recordAnswer(
  deps: AnotherCardSavedDeps,
  groupBuyId: string,
  buyerId: string,
  sessionId: string,
  answer: Exclude<OnSessionPayment, { outcome: 'rate_limited' }>,
  paymentMethodId: string,
): Promise<void> {
  const path = pledgePath(groupBuyId, buyerId);
  await deps.store.runTransaction(async (tx) => {
    const pledge = await tx.get(path);
    // Paid meanwhile (the payment's event came first), or a newer card claimed: the pledge moved on without this answer.
    if (pledge?.status !== 'needs-buyer' || pledge.repay?.sessionId !== sessionId) return;
    const repay: Omit<PledgeRepay, 'sessionId' | 'savedAt'> = {
      answer: answer.outcome,
      ...(answer.outcome === 'requires_action' ? { bankUrl: answer.redirectUrl } : {}),
    };
    const declined =
      answer.outcome === 'declined'
        ? { refusal: refusalInBuyersWords({ code: answer.code, ...(answer.declineCode ? { declineCode: answer.declineCode } : {}) }) }
        : {};
    const card = answer.outcome === 'ended' && answer.status !== 'succeeded' ? {} : { paymentMethodId };
    tx.update(path, { repay: { ...pledge.repay, ...repay }, ...declined, ...card });
  });
}

/** A card no charge of this pledge will use, detached at once; the one the pledge holds and still needs is left. */
async function detachUnused(deps: AnotherCardSavedDeps, groupBuyId: string, buyerId: string, paymentMethodId: string): Promise<void> {
  const pledge = await deps.store.get(pledgePath(groupBuyId, buyerId));
  if (pledge?.paymentMethodId === paymentMethodId && pledge.status === 'needs-buyer') return;
  await asBatchWork(() => deps.payments.detachPaymentMethod(paymentMethodId));
}
