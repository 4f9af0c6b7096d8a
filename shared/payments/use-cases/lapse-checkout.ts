/**
 * @module lapse-checkout
 * A checkout that will never be paid: `checkout.session.expired`, or
 * `checkout.session.async_payment_failed` for a delayed method (a bank debit) that failed
 * after the session completed, which Stripe then never expires. Either way what it held goes
 * back: a Buy Now's unit to its drop, an auction win to its runner-up, a show checkout's lots
 * each to theirs; once, however often and in whatever order the events come.
 */
import { text, type StripeEvent } from '../rules/stripe-event';
import { checkoutKinds, orderPath, showCheckoutKind } from '../rules/order';
import { log } from '../../log';
import { passToRunnerUp } from '../../auctions/use-cases/pass-to-runner-up';
import type { AuctionPaymentDeps } from '../../auctions/use-cases/auction-deps';
import { expireShowCheckout } from '../../shows/use-cases/expire-show-checkout';
import { releaseReservation } from '../../marketplace/use-cases/release-reservation';

export async function lapseCheckout(deps: AuctionPaymentDeps, event: StripeEvent): Promise<void> {
  const session = event.data.object;
  const kind = text(session.metadata?.kind);
  const showCheckoutId = text(session.metadata?.show_checkout_id);
  if (kind === showCheckoutKind) return showCheckoutId ? expireShowCheckout(deps, showCheckoutId, event) : undefined;
  // Our metadata only: whoever opens a Payment Link can set its `client_reference_id`.
  const orderId = text(session.metadata?.order_id);
  if (!orderId) return;
  const order = await deps.store.get(orderPath(orderId));
  if (order && !isOwnSession(order.checkoutSessionId, session.id)) {
    log.warn('a lapsed checkout names an order whose session is another; ignored', { orderId, sessionId: session.id, eventId: event.id });
    return;
  }
  // An unpaid auction win passes to the runner-up; an unpaid Buy Now gives its unit back.
  if (kind === checkoutKinds.auction) await passToRunnerUp(deps, orderId, event.id);
  else await releaseReservation(deps, orderId);
}

/** The session an order (or show checkout) holds speaks for it, or any when none is recorded: a crash between opening it and saving its id, and there is never another. */
export const isOwnSession = (held: string | undefined, sessionId: string): boolean => held === undefined || held === sessionId;
