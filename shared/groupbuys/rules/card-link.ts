/**
 * @module card-link
 * The Join answer's **Save a card** button carries C500's own short link,
 * `/groupbuy/<id>?card=<setup session id>`, as every other payment button does (`/pay/<order>`),
 * never Stripe's setup URL: Discord refuses a button URL over 512 characters, and Stripe's has
 * no length it promises. Opened, it sends the holder on to Stripe's page while that session is
 * the pledge's live link, and otherwise says in words why it does not and what to do instead
 * (a newer Join's link replaced it, the card is saved already, the group buy has closed). The
 * session id is in Stripe's URL already: whoever holds the link learns nothing more, and no
 * buyer is named on any of these pages.
 */
import { escapeHtml, page as layoutPage } from '../../common';
import type { GroupBuy, Pledge } from './group-buy';

/** Stripe's Checkout Session ids: `cs_`, letters, digits and underscores, at most 255 characters. */
export const isSetupSessionIdShaped = (id: string): boolean => /^cs_[A-Za-z0-9_]{1,252}$/.test(id);

/** The short link of a setup session's page, for the Join answer's button. */
export function cardLink(publicBaseUrl: string, groupBuyId: string, sessionId: string): string {
  return `${publicBaseUrl}/groupbuy/${encodeURIComponent(groupBuyId)}?card=${encodeURIComponent(sessionId)}`;
}

export type CardLinkOutcome =
  | { kind: 'stripe'; url: string }
  | { kind: 'malformed' }
  | { kind: 'not-live' }
  | { kind: 'saved'; title: string }
  | { kind: 'closed'; title: string }
  | { kind: 'expired'; title: string };

/**
 * Where the link goes, from the group buy and the pledge whose setup session it names (none:
 * a newer Join of the member's replaced it, or they left).
 */
export function cardLinkOutcome(groupBuy: GroupBuy | undefined, pledge: Pledge | undefined, nowMs: number): CardLinkOutcome {
  if (!groupBuy || !pledge) return { kind: 'not-live' };
  // Saved on this link, whatever became of the pledge since (charged, paid, lapsed, refunded): Discord tells them that.
  if (pledge.status !== 'saving-card' && pledge.status !== 'withdrawn') return { kind: 'saved', title: groupBuy.title };
  if (groupBuy.status !== 'open' || nowMs >= Date.parse(groupBuy.closesAt)) return { kind: 'closed', title: groupBuy.title };
  if (pledge.status === 'withdrawn' || !pledge.setupUrl) return { kind: 'not-live' };
  if (pledge.setupExpiresAt !== undefined && nowMs >= Date.parse(pledge.setupExpiresAt)) return { kind: 'expired', title: groupBuy.title };
  return { kind: 'stripe', url: pledge.setupUrl };
}

/** A page or a redirect, as the group buy's page function answers a browser. */
export interface CardLinkAnswer {
  status: number;
  html?: string;
  location?: string;
}

export function cardLinkAnswer(outcome: CardLinkOutcome): CardLinkAnswer {
  switch (outcome.kind) {
    case 'stripe':
      return { status: 303, location: outcome.url };
    case 'malformed':
      return page(400, 'Not a card link', 'This link is not one C500 made. Use the **Save a card** button in Discord as it is.');
    case 'not-live':
      return page(
        404,
        'This link no longer works',
        'A newer press of **Join** replaced it (only the newest link takes a card), or you left the group buy. Use the newest **Save a card** button, or press **Join** again.',
      );
    case 'saved':
      return page(
        200,
        'Your card is saved',
        `Your card is saved for **${outcome.title}**: nothing more to do on this link. What happens next comes to you in Discord.`,
      );
    case 'closed':
      return page(200, 'This group buy has closed', `**${outcome.title}** has closed, so it takes no more cards.`);
    case 'expired':
      return page(200, 'This link has run out', `This link to save a card for **${outcome.title}** has run out. Press **Join** again for a new one.`);
  }
}

/** `**bold**` in the words, the rest escaped. */
const inHtml = (words: string): string =>
  escapeHtml(words)
    .split('**')
    .map((part, i) => (i % 2 === 1 ? `<strong>${part}</strong>` : part))
    .join('');

function page(status: number, title: string, lede: string): CardLinkAnswer {
  return {
    status,
    html: layoutPage(
      { title },
      `  <main id="main"><section class="lost"><div class="wrap"><h1>${escapeHtml(title)}</h1><p class="lede">${inHtml(lede)}</p></div></section></main>`,
    ),
  };
}
