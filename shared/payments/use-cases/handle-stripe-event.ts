/**
 * @module handle-stripe-event
 * The payments subscriber: each verified Stripe event has its effect once, keyed by the
 * event id, whatever Stripe or Pub/Sub redeliver. What an event does is named by its type
 * (`stripeEventEffects`, which the ingress keeps to), and whose session it is by its kind
 * (`billOf`): the module that sold it does its own part.
 */
import { idOf, stripeEventEffects, text, type StripeEffect, type StripeEvent } from '../rules/stripe-event';
import { runOnce } from '../../common';
import { applyPayment, type PaymentDeps } from './apply-payment';
import { billOf, isOurKind, isOwnSession } from './bills';
import { refundCharge } from './record-refund';
import { payOnSession } from './pay-off-session';
import { fraudWarned, fraudWarnedBeforePayment } from './fraud-warned';
import { builderRevokedAccount, payoutFailed } from './account-revoked';
import { refundFailed } from './refund-failed';
import { platformPaidOut } from './platform-payout';
import { log } from '../../log';
import { asBatchWork } from '../../stripe-work';

const effects: Record<StripeEffect, (deps: PaymentDeps, event: StripeEvent) => Promise<void>> = {
  'checkout-paid': async (deps, event) => {
    if (event.data.object.mode === 'setup') return cardSetupCompleted(deps, event);
    const metadata = event.data.object.metadata;
    const bill = billOf(deps, metadata);
    const paymentIntentId = idOf(event.data.object.payment_intent);
    if (bill) {
      await applyPayment(deps, event, bill);
      // A fraud warning that overtook this payment acts on it now, as if it had come after.
      if (paymentIntentId) await fraudWarnedBeforePayment(deps, paymentIntentId);
    } else if (!isOurKind(deps, text(metadata?.kind))) await deps.modules.others.sessionPaid(event);
  },
  'checkout-lapsed': async (deps, event) => {
    await billOf(deps, event.data.object.metadata)?.lapsed(event);
  },
  // A delayed method (a bank debit) failed after the session completed. Stripe never
  // expires a completed session: the checkout lapses here, as an expired one does, and the
  // buyer hears why, once per session.
  'checkout-failed': async (deps, event) => {
    const bill = billOf(deps, event.data.object.metadata);
    if (!bill) return;
    await bill.lapsed(event);
    const view = await bill.read(deps.store);
    if (view?.status !== 'expired' || !isOwnSession(view.checkoutSessionId, event.data.object.id)) return;
    await runOnce(deps.store, `payment-failed:${event.data.object.id}`, () => bill.tellFailed(view), { clock: deps.clock });
  },
  'intent-paid': async (deps, event) => {
    const intent = event.data.object;
    const orderId = text(intent.metadata?.order_id);
    const chargeId = idOf(intent.latest_charge);
    if (orderId && chargeId) await payOnSession(deps, orderId, { paymentIntentId: intent.id, chargeId }, new Date(event.created * 1000).toISOString());
  },
  // Batch work (stripe-work): a call-off refunds every pledge at once, and each refund's reversals of what was sent wait on nobody.
  'charge-refunded': (deps, event) => asBatchWork(() => refundCharge(deps, event)),
  'refund-failed': refundFailed,
  'account-updated': (deps, event) => deps.modules.accountUpdated(event),
  'charge-disputed': disputeRoutedHere,
  'fraud-warned': fraudWarned,
  'account-deauthorized': builderRevokedAccount,
  // A builder's payout names their account; the platform's own names none.
  'payout-failed': (deps, event) => (text(event.account) ? payoutFailed(deps, event) : platformPaidOut(deps, event)),
  'platform-payout': platformPaidOut,
};

export async function handleStripeEvent(deps: PaymentDeps, event: StripeEvent): Promise<boolean> {
  const effect = Object.hasOwn(stripeEventEffects, event.type) ? stripeEventEffects[event.type as keyof typeof stripeEventEffects] : undefined;
  return runOnce(deps.store, `stripe:${event.id}`, async () => void (effect && (await effects[effect](deps, event))), { clock: deps.clock });
}

/**
 * A dispute is the disputes module's fact, routed to it before payments (the router's
 * `receiveStripeEvent`): disputes decides when money moves and asks payments what moved, so a
 * dispute's path enters payments once. One here is a wiring defect, never dropped quietly.
 */
async function disputeRoutedHere(_deps: PaymentDeps, event: StripeEvent): Promise<void> {
  throw new Error(`${event.type} ${event.id} reached payments: a dispute event goes to the disputes module (receiveStripeEvent)`);
}

/**
 * A card saved in a setup-mode session paid nothing: the module that opened it (by its `kind`)
 * reads what was saved. One of no kind of ours is nobody's to act on: logged, never a merch sale.
 */
async function cardSetupCompleted(deps: PaymentDeps, event: StripeEvent): Promise<void> {
  const kind = text(event.data.object.metadata?.kind);
  const saved = kind !== undefined && Object.hasOwn(deps.modules.cardSetups, kind) ? deps.modules.cardSetups[kind] : undefined;
  if (saved) return saved(event);
  log.warn('a card was saved in a setup session of no kind of ours; nothing to do', { sessionId: event.data.object.id, eventId: event.id, kind });
}
