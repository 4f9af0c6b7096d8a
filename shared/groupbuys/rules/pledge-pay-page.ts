/**
 * @module pledge-pay-page
 * Where a buyer pays a pledge whose card needed them at the close:
 * `/groupbuy/<id>?pay=<order id>&key=<pay key>`, the pay link's own short link. It confirms the
 * very PaymentIntent the bank refused off session (Stripe's recovery of an off-session payment),
 * so a pledge has one PaymentIntent, paid on this page or cancelled when its 72 hours end.
 *
 * Opening it (GET) changes nothing, as Discord opens links to preview them: it shows the amount,
 * why the bank asked, the deadline and a **Pay** button. The button (POST) asks Stripe to confirm
 * the intent with the buyer there: paid, or on to the bank's own page and back here, or refused
 * in the buyer's words. The key is random and kept on the pledge: only the buyer's DM carries it,
 * and a wrong one learns nothing of the order.
 */
import { escapeHtml, formatMoney, page as layoutPage } from '../../common';
import type { CardLinkAnswer } from './card-link';

/** The key a pledge's pay link carries: 32 hex characters. */
export const isPayKeyShaped = (key: string): boolean => /^[0-9a-f]{32}$/.test(key);

/** The short link of a pledge's pay page, for the pay link's DM. */
export function pledgePayLink(publicBaseUrl: string, groupBuyId: string, orderId: string, key: string): string {
  return `${publicBaseUrl}/groupbuy/${encodeURIComponent(groupBuyId)}?pay=${encodeURIComponent(orderId)}&key=${key}`;
}

export type PledgePayOutcome =
  | { kind: 'malformed' }
  | { kind: 'not-found' }
  | { kind: 'pay'; title: string; amountCents: number; currency: string; payBy: string; refusal: string; action: string; checking: boolean }
  | { kind: 'declined'; title: string; words: string; action: string; payBy: string }
  | { kind: 'bank'; url: string }
  /** On to Stripe's page to save another card for this pledge (another-card). */
  | { kind: 'card-page'; url: string }
  | { kind: 'busy'; action: string }
  | { kind: 'paid'; title: string }
  | { kind: 'lapsed'; title: string };

/**
 * The refusal's words (made for the DM, where they start mid-sentence and send the buyer to "the
 * link") as this page's own sentence: a capital first, and "here", since the buyer is on it.
 */
function onThisPage(words: string): string {
  const here = hereNotTheLink(words);
  return `${here.charAt(0).toUpperCase()}${here.slice(1)}`;
}

const hereNotTheLink = (words: string): string => words.replace(/ on the link$/, ' here');

export function pledgePayAnswer(outcome: PledgePayOutcome): CardLinkAnswer {
  switch (outcome.kind) {
    case 'malformed':
      return page(400, 'Not a pay link', '<p class="lede">This link is not one C500 made. Use the link in your Discord message as it is.</p>');
    case 'not-found':
      return page(404, 'No such payment', '<p class="lede">This link names no payment C500 knows. Use the link in your Discord message as it is.</p>');
    case 'bank':
    case 'card-page':
      return { status: 303, location: outcome.url };
    case 'pay': {
      const amount = formatMoney({ cents: outcome.amountCents, currency: outcome.currency });
      return page(
        200,
        `Pay for ${outcome.title}`,
        `<p class="lede">Your card could not be charged without you at the close: ${escapeHtml(hereNotTheLink(outcome.refusal))}.</p>
      <p>Pay <strong>${escapeHtml(amount)}</strong> with the card you saved by <strong>${escapeHtml(outcome.payBy)}</strong> (UTC), or your place goes to the waitlist.</p>
      ${outcome.checking ? '<p>If you have just answered your bank, its answer is on its way: this page looks again in a few seconds.</p>' : ''}
      ${payButton(outcome.action, `Pay ${amount}`)}
      ${anotherCardButton(outcome.action)}`,
        outcome.checking ? '<meta http-equiv="refresh" content="5">' : undefined,
      );
    }
    case 'declined':
      return page(
        200,
        'Your card was not charged',
        `<p class="lede">${escapeHtml(onThisPage(outcome.words))}.</p>
      <p>You can try again until <strong>${escapeHtml(outcome.payBy)}</strong> (UTC).</p>
      ${payButton(outcome.action, 'Try again')}
      ${anotherCardButton(outcome.action)}`,
      );
    case 'busy':
      return page(
        503,
        'Try again in a moment',
        `<p class="lede">Payments are busy this second. Nothing was charged.</p>${payButton(outcome.action, 'Try again')}`,
      );
    case 'paid':
      return page(
        200,
        'Paid, thank you',
        `<p class="lede">Your pledge to <strong>${escapeHtml(outcome.title)}</strong> is paid. Your receipt comes to you in Discord.</p>`,
      );
    case 'lapsed':
      return page(
        200,
        'The time to pay has run out',
        `<p class="lede">The time to pay for <strong>${escapeHtml(outcome.title)}</strong> is over, and your place went to the waitlist. Nothing was charged.</p>`,
      );
  }
}

/** A form, so only a press pays: a link preview (a GET) never does. */
const payButton = (action: string, label: string): string =>
  `<form method="post" action="${escapeHtml(action)}"><button class="button" type="submit">${escapeHtml(label)}</button></form>`;

/**
 * Another card, saved on Stripe's own page (C500 never sees its number), pays this same payment:
 * a press (POST), as a preview must open nothing at Stripe.
 */
const anotherCardButton = (action: string): string =>
  `<form method="post" action="${escapeHtml(`${action}&card=another`)}"><button class="button secondary" type="submit">Use another card</button></form>`;

function page(status: number, title: string, body: string, head?: string): CardLinkAnswer {
  return {
    status,
    html: layoutPage(
      { title, ...(head ? { head } : {}) },
      `  <main id="main"><section class="lost"><div class="wrap"><h1>${escapeHtml(title)}</h1>${body}</div></section></main>`,
    ),
  };
}
