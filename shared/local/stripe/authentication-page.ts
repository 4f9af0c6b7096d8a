/**
 * @module stripe/authentication-page
 * The step Stripe's page puts between Pay and paid when the card's bank asks its holder to
 * confirm (3-D Secure): the bank's own page, with Stripe's test buttons **Complete** and
 * **Fail**. A buyer in a browser who pays with the card that needs authentication sees it;
 * completing pays, failing leaves the session open with nothing charged (Stripe's
 * `payment_intent_authentication_failure`), to try again or pay with another card. A JSON
 * caller (a test, a script) plays a buyer who completes it unless it says `"authentication":
 * "fail"`.
 */
import { escapeHtml } from '../../common';

export type AuthenticationAnswer = 'complete' | 'fail';

/** What the buyer answered on the bank's page, from the form or the JSON body; undefined before they have seen it. */
export function authenticationAnswer(body: unknown, contentType: string): AuthenticationAnswer | undefined {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  let given: unknown;
  if (contentType.startsWith('application/x-www-form-urlencoded')) given = new URLSearchParams(text).get('authentication');
  else {
    try {
      given = (JSON.parse(text || '{}') as { authentication?: unknown }).authentication;
    } catch {
      given = undefined;
    }
  }
  return given === 'complete' || given === 'fail' ? given : undefined;
}

/** The bank's page: what is being paid, and the two answers, each posted back to the pay route with the card. */
export function authenticationPageBody(sessionId: string, amount: string): string {
  const action = `/_local/stripe/sessions/${escapeHtml(encodeURIComponent(sessionId))}/pay`;
  const answer = (value: AuthenticationAnswer, label: string, secondary: boolean) =>
    `<form method="post" action="${action}"><input type="hidden" name="card" value="authentication_required"><input type="hidden" name="authentication" value="${value}"><button class="button${secondary ? ' secondary' : ''}" type="submit">${label}</button></form>`;
  return `<p class="lede">Your bank asks you to confirm this payment of <strong>${escapeHtml(amount)}</strong> (3-D Secure). Nothing is charged until you do.</p>
    <div class="actions">
      ${answer('complete', 'Complete authentication', false)}
      ${answer('fail', 'Fail authentication', true)}
    </div>
    <p><small>A test card’s authentication, played locally: at a real bank this is a code by text message or a tap in its app.</small></p>`;
}

/** A card refused on the page, declined or not authenticated: nothing charged, and the way back to the checkout (still open). */
export function refusedOnPageBody(sessionId: string, why: string): string {
  const back = `/_local/stripe/checkout/${escapeHtml(encodeURIComponent(sessionId))}`;
  return `<p class="lede">${escapeHtml(why)} Nothing was charged.</p>
    <p><a class="button" href="${back}">Back to the checkout</a> to try again or pay with another card.</p>`;
}
