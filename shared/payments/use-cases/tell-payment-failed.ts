/**
 * @module tell-payment-failed
 * `checkout.session.async_payment_failed`: a delayed method (a bank debit) completed the
 * checkout and failed days later. Stripe never expires a completed session, so the checkout
 * lapses here as an expired one does (handle-stripe-event); this tells the buyer why, once
 * per session, and only when their order or show checkout did end unpaid through that very
 * session: a failure that arrives after a payment, or names another session, tells no one.
 */
import type { DiscordMessenger, DocumentStore } from '../../ports';
import { text, type StripeEvent } from '../rules/stripe-event';
import { closedDmNotices } from '../rules/closed-dm-messages';
import { buyerPaymentFailed } from '../rules/order-messages';
import { isOurCheckoutKind, orderPath, showCheckoutKind } from '../rules/order';
import { showCheckoutPath } from '../../shows/rules/show-checkout';
import { showPaymentFailed, showPaymentNotices } from '../../shows/rules/show-checkout-messages';
import { runOnce } from '../../common/use-cases/run-once';
import { sendDmOrMention } from '../../discord/use-cases/direct-messages';
import { orderChannel, type RecordPaymentDeps } from './record-payment';
import { isOwnSession } from './lapse-checkout';

export async function tellPaymentFailed(deps: RecordPaymentDeps, event: StripeEvent): Promise<void> {
  const session = event.data.object;
  const told = await whoToTell(deps.store, session);
  if (!told) return;
  await runOnce(deps.store, `payment-failed:${session.id}`, async () => void (await told(deps.discord)), { clock: deps.clock });
}

type Tell = (discord: DiscordMessenger) => Promise<unknown>;

async function whoToTell(store: DocumentStore, session: StripeEvent['data']['object']): Promise<Tell | undefined> {
  const kind = text(session.metadata?.kind);
  if (kind === showCheckoutKind) {
    const checkoutId = text(session.metadata?.show_checkout_id);
    const checkout = checkoutId ? await store.get(showCheckoutPath(checkoutId)) : undefined;
    if (checkout?.status !== 'expired' || !isOwnSession(checkout.checkoutSessionId, session.id)) return undefined;
    const notice = showPaymentNotices.paymentFailed(
      checkout.buyerId,
      checkout.lots.map((l) => l.orderId),
    );
    return (discord) => sendDmOrMention(discord, checkout.buyerId, showPaymentFailed(checkout), { channelId: checkout.channelId, notice });
  }
  // Our metadata only: whoever opens a Payment Link can set its `client_reference_id`.
  const orderId = text(session.metadata?.order_id);
  if (!orderId || !isOurCheckoutKind(kind)) return undefined;
  const order = await store.get(orderPath(orderId));
  if (order?.status !== 'expired' || !isOwnSession(order.checkoutSessionId, session.id)) return undefined;
  const channelId = await orderChannel(store, order);
  return (discord) =>
    sendDmOrMention(discord, order.buyerId, buyerPaymentFailed(order), { channelId, notice: closedDmNotices.paymentFailed(order.buyerId, order.orderId) });
}
