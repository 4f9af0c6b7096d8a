/**
 * @module sealed-bid-page
 * `/bid/<auction id>`: where a viewer places a sealed bid in an auction's final call instead of
 * typing it in chat, where everyone would see it. Signed in with Twitch (the chatter session
 * the pay pages use); the form carries a token signed for this chatter, this auction and a few
 * minutes (a form copied to another browser, or posted from another site, does nothing), and
 * its nonce names the bid, so the same form sent twice is one bid. Every sealed bid is answered
 * the same way, whoever leads. Pure: values in, HTML and tokens out.
 */
import { escapeHtml, formatMoney } from '../../common';
import { openToken, sealToken } from './signed-token';
import { page, type WebAnswer } from './chat-pages';

const formPurpose = 'c500:sealed-bid-form:v1:';
/** How long a shown form stays good: the final call is seconds long, the form only needs to outlive it. */
export const sealedBidFormMinutes = 10;

/** The page's path on this site, as the bot's chat line links it. */
export const sealedBidPath = (auctionId: string) => `/bid/${encodeURIComponent(auctionId)}`;

export interface SealedBidForm {
  twitchUserId: string;
  auctionId: string;
  /** Names the bid: a form sent twice places it once. */
  nonce: string;
}

export function signSealedBidForm(form: SealedBidForm, expiresAtMs: number, key: string): string {
  return sealToken(formPurpose, { t: form.twitchUserId, a: form.auctionId, n: form.nonce, e: expiresAtMs }, key);
}

/** The form's nonce when its token was made for this chatter and auction and is still good. */
export function readSealedBidForm(
  token: string | undefined,
  expected: Omit<SealedBidForm, 'nonce'>,
  key: string,
  nowMs: number,
): { ok: true; nonce: string } | { ok: false; reason: 'forged' | 'expired' } {
  const fields = openToken(formPurpose, token, key);
  if (!fields || fields.t !== expected.twitchUserId || fields.a !== expected.auctionId || typeof fields.n !== 'string' || typeof fields.e !== 'number')
    return { ok: false, reason: 'forged' };
  return fields.e < nowMs ? { ok: false, reason: 'expired' } : { ok: true, nonce: fields.n };
}

export type SealedBidOutcome =
  | { kind: 'sign-in'; signInUrl: string }
  | { kind: 'not-found' }
  | { kind: 'not-final-call'; item: string }
  | { kind: 'closed'; item: string }
  | { kind: 'form'; item: string; login: string; minimumCents: number; currency: string; token: string; problem?: string }
  | { kind: 'sealed'; item: string }
  | { kind: 'refused'; item: string; why: string }
  | { kind: 'form-forged' }
  | { kind: 'form-expired'; auctionId: string };

export function sealedBidPage(outcome: SealedBidOutcome): WebAnswer {
  switch (outcome.kind) {
    case 'sign-in':
      return { status: 303, location: outcome.signInUrl };
    case 'not-found':
      return page(404, 'No such auction', ['This link names no live auction. Check it was copied whole from chat.']);
    case 'not-final-call':
      return page(200, 'Bidding is still open', [
        `<strong>${escapeHtml(outcome.item)}</strong> is not in its final call yet: bid in chat with <code>!bid</code> as usual. This page takes sealed bids once the final call begins.`,
      ]);
    case 'closed':
      return page(200, 'Bidding has closed', [`The final call on <strong>${escapeHtml(outcome.item)}</strong> is over. The result is in chat and in Discord.`]);
    case 'form':
      return page(200, `Your sealed bid: ${outcome.item}`, [
        `Signed in with Twitch as <strong>${escapeHtml(outcome.login)}</strong>. Nobody sees this bid, not even who leads; it counts as your most, and the result comes when the final call ends.`,
        ...(outcome.problem ? [`<strong role="alert">${escapeHtml(outcome.problem)}</strong>`] : []),
        `<form method="post" class="sealed-bid"><input type="hidden" name="token" value="${escapeHtml(outcome.token)}"><label>Your bid, at least ${escapeHtml(formatMoney({ cents: outcome.minimumCents, currency: outcome.currency }))}: <input name="amount" inputmode="decimal" autocomplete="off" required autofocus></label> <button type="submit" class="button">Place sealed bid</button></form>`,
      ]);
    case 'sealed':
      // The same words whoever leads and whatever the amount: nothing here says where the bidder stands.
      return page(200, 'Your bid is in, sealed until the final call ends', [
        `Your bid on <strong>${escapeHtml(outcome.item)}</strong> is in. Nobody sees it; the result comes in chat when the final call ends.`,
      ]);
    case 'refused':
      return page(200, 'Your bid was not placed', [`${escapeHtml(outcome.why)} (<strong>${escapeHtml(outcome.item)}</strong>).`]);
    case 'form-forged':
      return page(403, 'That form is not yours', ['Open the link from chat, signed in as yourself, and bid from there.']);
    case 'form-expired':
      return page(400, 'That form has expired', [`<a href="${escapeHtml(sealedBidPath(outcome.auctionId))}">Open it again</a> to bid.`]);
  }
}
