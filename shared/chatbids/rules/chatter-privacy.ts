/**
 * @module chatter-privacy
 * A Twitch chatter's way to their data: `!privacy` in chat is answered with a link to
 * `/privacy/twitch`, where they sign in with Twitch (identity only) and see what C500 keeps
 * about their Twitch account, download it as JSON, or erase it. The erase form carries a token
 * signed for that chatter alone, good for a few minutes: a form copied to another browser, or
 * left open, does nothing. Pure: values in, HTML and tokens out.
 */
import { escapeHtml, messagePage } from '../../common';
import type { ChatLine } from '../../ports';
import type { WebAnswer } from './chat-pages';
import { openToken, sealToken } from './signed-token';
import { chatterPrivacyPath, chatterSignInUrl } from './twitch-authorize';

const command = /^\s*!privacy(?:\s|$)/i;

/** The ingress's filter for `!privacy`, beside `!bid`'s and `!enter`'s. */
export function looksLikePrivacyAsk(text: string): boolean {
  return command.test(text);
}

export const chatterPrivacyUrl = (publicBaseUrl: string) => `${publicBaseUrl.replace(/\/$/, '')}${chatterPrivacyPath}`;

/**
 * The chat's answer: public, so it names nothing C500 keeps; the page behind the sign-in does.
 * Grouped: asks waiting together are one line (`@ana @bo: see, …`), so a flood of `!privacy`
 * cannot crowd the bids' answers out of the chat's budget.
 */
export function privacyAskLine(login: string, publicBaseUrl: string): ChatLine {
  return {
    text: `see, download or erase what C500 keeps about your Twitch account (sign in with Twitch): ${chatterPrivacyUrl(publicBaseUrl)}`,
    group: { name: 'privacy-ask', login },
  };
}

/** How long an erase form stays good once shown. */
export const eraseFormMinutes = 15;
const erasePurpose = 'c500:chatter-erase:v1:';

export function signEraseForm(twitchUserId: string, expiresAtMs: number, key: string): string {
  return sealToken(erasePurpose, { t: twitchUserId, e: expiresAtMs }, key);
}

/** Whether the form's token was made for this chatter and is still good. */
export function readEraseForm(token: string | undefined, twitchUserId: string, key: string, nowMs: number): 'ok' | 'forged' | 'expired' {
  const fields = openToken(erasePurpose, token, key);
  if (!fields || fields.t !== twitchUserId || typeof fields.e !== 'number') return 'forged';
  return nowMs < fields.e ? 'ok' : 'expired';
}

export const chatterPrivacyPages = {
  signIn(publicBaseUrl: string): WebAnswer {
    const link = `${chatterSignInUrl(publicBaseUrl)}?next=${encodeURIComponent(chatterPrivacyPath)}`;
    return messagePage(200, 'Your data, as a Twitch chatter', [
      'Sign in with Twitch to see what C500 keeps about your Twitch account, download it, or erase it. The sign-in asks Twitch only who you are.',
      `<a class="button" href="${escapeHtml(link)}">Sign in with Twitch</a>`,
      'A Discord member: type <code>/c500 privacy</code> in Discord (in a server or a DM with the bot); it covers a Twitch account you linked too.',
    ]);
  },
  /** What is kept (at least a line), the JSON download, and the erase form. */
  summary(login: string, lines: readonly string[], eraseToken: string): WebAnswer {
    return messagePage(200, `What C500 keeps about ${login}`, [
      `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('')}</ul>`,
      `<a class="button" href="${chatterPrivacyPath}?download=json" download>Download my data (JSON)</a>`,
      `<form method="post" action="${chatterPrivacyPath}"><input type="hidden" name="token" value="${escapeHtml(eraseToken)}"><button type="submit" class="button danger">Erase me</button></form>`,
      'Erasing removes your Twitch name and login from C500 and withdraws your bids in auctions still live. A payment’s record stays under your id alone for as long as the tax law requires, and a giveaway entry keeps your login until its prize is delivered. A channel linked to a Discord member’s profile stays theirs: they erase it with <code>/c500 privacy</code>. Why, who sees what and for how long: <a href="/privacy">/privacy</a>.',
    ]);
  },
  erased(changed: number, kept: readonly string[]): WebAnswer {
    return messagePage(200, 'Done: your Twitch account is erased from C500', [
      `${changed} record${changed === 1 ? '' : 's'} erased or stripped of your name.`,
      ...(kept.length ? [`Kept under your id alone, until it ends: <ul>${kept.map((k) => `<li>${escapeHtml(k)}</li>`).join('')}</ul>`] : []),
    ]);
  },
  nothingKept: (): WebAnswer =>
    messagePage(200, 'C500 keeps nothing about you', [
      'There is nothing to download or erase. Read what C500 would keep, and why, at <a href="/privacy">/privacy</a>.',
    ]),
  alreadyErased: (at: string): WebAnswer =>
    messagePage(200, 'Already erased', [
      `Your Twitch account was erased from C500 on ${escapeHtml(at.slice(0, 10))}; nothing more was found. What is kept ends by itself.`,
    ]),
  /** An erasure asked again with nothing new since the last one, in the privacy module's words. */
  nothingNew: (words: string): WebAnswer => messagePage(200, 'Nothing new to erase', [escapeHtml(words)]),
  formExpired: (): WebAnswer =>
    messagePage(400, 'That form has expired', [
      `Open <a href="${chatterPrivacyPath}">your data page</a> again and press Erase within ${eraseFormMinutes} minutes.`,
    ]),
  formForged: (): WebAnswer =>
    messagePage(403, 'That form is not yours', [`Open <a href="${chatterPrivacyPath}">your data page</a>, signed in as yourself, and erase from there.`]),
};
