/**
 * @module pay-pages
 * The page a chat winner opens to pay (`/pay/<order id>`). It shows an order to its buyer
 * alone: someone signed out is sent to sign in with Twitch first, someone signed in as
 * another Twitch user learns nothing about it, and a malformed or unknown id is not found.
 * The buyer with an open checkout goes straight to it. Pure: the use case decides, the page
 * says it.
 */
import { escapeHtml, formatMoney } from '../../common';
import { page, type WebAnswer } from './chat-pages';

export type PayOutcome =
  | { kind: 'sign-in'; signInUrl: string }
  | { kind: 'not-found' }
  | { kind: 'not-yours'; login: string; signInUrl: string }
  | { kind: 'checkout'; url: string }
  | { kind: 'preparing' }
  | { kind: 'paid'; title: string; amountCents: number; currency: string }
  | { kind: 'window-closed'; title: string }
  | { kind: 'passed-on'; title: string }
  | { kind: 'refunded'; title: string }
  | { kind: 'with-show-lots'; title: string };

export function payPage(outcome: PayOutcome): WebAnswer {
  switch (outcome.kind) {
    case 'sign-in':
      return { status: 303, location: outcome.signInUrl };
    case 'checkout':
      return { status: 303, location: outcome.url };
    case 'not-found':
      return page(404, 'No such payment', ['This link names no payment C500 knows. Check it was copied whole from chat.']);
    case 'not-yours':
      return page(403, 'This payment is not yours', [
        `You are signed in with Twitch as <strong>${escapeHtml(outcome.login)}</strong>, and this link is for someone else’s win.`,
        `Won it with another Twitch account? <a href="${escapeHtml(outcome.signInUrl)}">Sign in with that account</a>.`,
      ]);
    case 'preparing':
      // The hammer opens the checkout a moment after the win: the page looks again by itself.
      return page(
        200,
        'Your checkout is on its way',
        ['C500 is opening your checkout. This page tries again in a few seconds.'],
        '<meta http-equiv="refresh" content="5">',
      );
    case 'paid':
      return page(200, 'Paid, thank you', [
        `<strong>${escapeHtml(outcome.title)}</strong> is paid (${escapeHtml(formatMoney({ cents: outcome.amountCents, currency: outcome.currency }))}). The builder is told, and you hear from them as they build.`,
      ]);
    case 'window-closed':
      return page(200, 'The time to pay has run out', [
        `The time to pay for <strong>${escapeHtml(outcome.title)}</strong> is over, so it passes to the next bidder. Nothing was charged.`,
      ]);
    case 'passed-on':
      return page(200, 'This win has passed on', [
        `<strong>${escapeHtml(outcome.title)}</strong> was not paid in time and went to the next bidder. Nothing was charged.`,
      ]);
    case 'refunded':
      return page(200, 'This payment was refunded', [`Your payment for <strong>${escapeHtml(outcome.title)}</strong> was refunded.`]);
    case 'with-show-lots':
      return page(200, 'You pay for this with the show', [
        `<strong>${escapeHtml(outcome.title)}</strong> is paid with your other lots from the same builder in one checkout, which opens when the show ends.`,
      ]);
  }
}
