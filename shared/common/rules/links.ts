/**
 * @module links
 * Discord components for links people open: onboarding, Twitch authorize, checkout.
 */

/** One row with a link button (style 5): Discord opens the URL; no interaction comes back. */
export function linkButtonRow(label: string, url: string): unknown {
  return { type: 1, components: [{ type: 2, style: 5, label, url }] };
}

/**
 * Our own link to an order's Checkout Session, for link buttons: Discord refuses a button
 * URL over 512 characters, and Stripe's (with its `#…` fragment) has no length it promises.
 * `/pay/<order>` sends whoever holds the session id (nothing more than Stripe's URL gave
 * them) on to the session; the order id is ours and the session id Stripe's (at most 255).
 */
export function checkoutLink(publicBaseUrl: string, orderId: string, sessionId: string): string {
  return `${publicBaseUrl}/pay/${encodeURIComponent(orderId)}?session=${encodeURIComponent(sessionId)}`;
}

/** The success page, with the placeholder Stripe fills with the session id: for our orders and for guilds' Payment Links alike. */
export const checkoutSuccessUrl = (publicBaseUrl: string): string => `${publicBaseUrl}/checkout/success?session_id={CHECKOUT_SESSION_ID}`;

/**
 * Where Stripe Checkout sends a buyer back: the success page reads the session; cancel names
 * the order and its kind, since what happens to an unpaid item differs (a drop's unit goes
 * back on sale; an auction win passes to the runner-up, with a strike).
 */
export function checkoutReturnUrls(publicBaseUrl: string, orderId: string, kind: 'drop' | 'auction' | 'groupbuy'): { successUrl: string; cancelUrl: string } {
  return {
    successUrl: checkoutSuccessUrl(publicBaseUrl),
    cancelUrl: `${publicBaseUrl}/checkout/cancel?order=${orderId}&kind=${kind}`,
  };
}
