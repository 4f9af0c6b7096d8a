/**
 * @module answer-chat-pay
 * `GET /pay/<order id>`: where a winner from chat pays. The browser must hold a chatter
 * session for the order's buyer (`twitch:<id>`): signed out, it goes through the Twitch
 * sign-in and comes back; signed in as someone else, it learns nothing of the order. The
 * buyer is sent on to their open Checkout Session, or told how the order stands. Reads only:
 * the hammer opens the checkout, this page never calls Stripe.
 *
 * `?session=<Checkout Session id>` is the short link our Discord buttons carry instead of
 * Stripe's URL (see `checkoutLink`): the session id is in that URL already, so whoever holds
 * it is let through to that session without a Twitch sign-in, and to nothing else.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Clock, DocumentStore } from '../../ports';
import { isOrderIdShaped, orderPath, type Order } from '../../orders';
import { showCheckoutPath } from '../../shows';
import { chatBidderId, isTwitchUserId, twitchBidderPath } from '../rules/chat-bidding';
import type { WebAnswer } from '../rules/chat-pages';
import { readChatterCookie } from '../rules/chatter-cookie';
import { payPage, type PayOutcome } from '../rules/pay-pages';
import { chatPayPath, chatterSignInUrl } from '../rules/twitch-authorize';
import type { ChatterWebApp } from '../rules/chat-app-config';

export interface ChatPayDeps {
  store: DocumentStore;
  clock: Clock;
  app: Pick<ChatterWebApp, 'stateKey' | 'publicBaseUrl'>;
}

export interface ChatPayRequest {
  orderId: string;
  cookies: string | undefined;
  /** The Checkout Session id a Discord pay link names. */
  session?: string;
}

export async function answerChatPay(deps: ChatPayDeps, request: ChatPayRequest): Promise<WebAnswer> {
  if (request.session !== undefined) return payPage(await sessionOutcome(deps, request.orderId, request.session));
  return payPage(await payOutcome(deps, request));
}

/** A Discord pay link: the order's own session, or its show checkout's; a session id that is neither learns nothing. */
async function sessionOutcome(deps: ChatPayDeps, orderId: string, session: string): Promise<PayOutcome> {
  if (!isOrderIdShaped(orderId) || session === '') return { kind: 'not-found' };
  const order = await deps.store.get(orderPath(orderId));
  if (!order) return { kind: 'not-found' };
  if (order.checkoutSessionId !== undefined && sameText(order.checkoutSessionId, session)) return standing(order, deps.clock.now());
  if (order.showCheckoutId) {
    const checkout = await deps.store.get(showCheckoutPath(order.showCheckoutId));
    if (checkout?.checkoutSessionId !== undefined && sameText(checkout.checkoutSessionId, session)) {
      if (checkout.status === 'open' && checkout.checkoutUrl && checkout.checkoutExpiresAt)
        return Date.parse(checkout.checkoutExpiresAt) > deps.clock.now().getTime()
          ? { kind: 'checkout', url: checkout.checkoutUrl }
          : { kind: 'window-closed', title: order.title };
      return standing(order, deps.clock.now());
    }
  }
  return { kind: 'not-found' };
}

/** Compared in constant time: the session id is what lets the holder through. */
function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

async function payOutcome(deps: ChatPayDeps, request: { orderId: string; cookies: string | undefined }): Promise<PayOutcome> {
  const { orderId } = request;
  // Checked before anything is read: a malformed id reaches neither the store nor the sign-in.
  if (!isOrderIdShaped(orderId)) return { kind: 'not-found' };
  const now = deps.clock.now();
  const signInUrl = `${chatterSignInUrl(deps.app.publicBaseUrl)}?next=${encodeURIComponent(chatPayPath(orderId))}`;
  const session = readChatterCookie(request.cookies, 'session', deps.app.stateKey, now.getTime());
  // Signed out (or a cookie we did not make): whether the order exists is not said before sign-in.
  if (!session.ok || !isTwitchUserId(session.cookie.id)) return { kind: 'sign-in', signInUrl };

  const order = await deps.store.get(orderPath(orderId));
  if (!order) return { kind: 'not-found' };
  if (order.buyerId !== chatBidderId(session.cookie.id)) {
    const me = await deps.store.get(twitchBidderPath(session.cookie.id));
    return { kind: 'not-yours', login: me?.login ?? `Twitch user ${session.cookie.id}`, signInUrl };
  }
  const standingNow = standing(order, now);
  // A show's lot is paid with the winner's other lots from its builder, in the show checkout once it is open.
  if (standingNow.kind === 'with-show-lots' && order.showCheckoutId) {
    const checkout = await deps.store.get(showCheckoutPath(order.showCheckoutId));
    if (checkout?.buyerId === order.buyerId && checkout.status === 'open' && checkout.checkoutUrl && checkout.checkoutExpiresAt) {
      return Date.parse(checkout.checkoutExpiresAt) > now.getTime()
        ? { kind: 'checkout', url: checkout.checkoutUrl }
        : { kind: 'window-closed', title: order.title };
    }
  }
  return standingNow;
}

/** How the buyer's own order stands. */
function standing(order: Order, now: Date): PayOutcome {
  const { title } = order;
  switch (order.status) {
    case 'awaiting-payment':
      if (order.checkoutUrl && order.checkoutExpiresAt) {
        return Date.parse(order.checkoutExpiresAt) > now.getTime() ? { kind: 'checkout', url: order.checkoutUrl } : { kind: 'window-closed', title };
      }
      return order.showCheckoutId ? { kind: 'with-show-lots', title } : { kind: 'preparing' };
    case 'paid':
    case 'building':
    case 'shipped':
      return { kind: 'paid', title, amountCents: order.amountCents, currency: order.currency };
    case 'expired':
      return { kind: 'passed-on', title };
    case 'refunded':
    case 'closed':
      return { kind: 'refunded', title };
  }
}
