/**
 * @module expire-show-checkout
 * `checkout.session.expired` for a show checkout: the winner did not pay, so each of its
 * lots passes to its runner-up as an unpaid auction win does (one strike for the checkout,
 * however many lots it held, and the next bidder gets a checkout of their own). Each pass is decided in its own
 * transaction keyed by the event, so a redelivery strikes and offers nothing twice.
 */
import type { StripeEvent } from '../../payments';
import { showCheckoutPath } from '../rules/show-checkout';
import { log } from '../../log';
import { passToRunnerUp } from '../../auctions';
import type { ShowPaymentDeps } from './show-deps';

export async function expireShowCheckout(deps: ShowPaymentDeps, checkoutId: string, event: StripeEvent): Promise<void> {
  const sessionId = event.data.object.id;
  const expired = await deps.store.runTransaction(async (tx) => {
    const checkout = await tx.get(showCheckoutPath(checkoutId));
    if (!checkout || (checkout.status !== 'open' && checkout.status !== 'expired')) return undefined;
    // Only the session the checkout holds speaks for it (or the one a crash kept it from recording: there is never another).
    if (checkout.checkoutSessionId && checkout.checkoutSessionId !== sessionId) {
      log.warn('a show checkout’s expiry names another session; ignored', { checkoutId, sessionId, eventId: event.id });
      return undefined;
    }
    if (checkout.status === 'open')
      tx.update(showCheckoutPath(checkoutId), { status: 'expired', expiredAt: deps.clock.now().toISOString(), expiredByEvent: event.id });
    return checkout;
  });
  if (!expired) return;
  for (const lot of expired.lots) await passToRunnerUp(deps, lot.orderId, event.id, checkoutId);
}
