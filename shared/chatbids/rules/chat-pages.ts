/**
 * @module chat-pages
 * The pages of chat bidding's Twitch round trips, in the site's style: where Twitch sends a
 * broadcaster back after letting C500's bot in, and a chatter after signing in. The use case
 * decides the outcome; the page says it. Pure: values in, HTML out.
 */
import { escapeHtml, messagePage, roundTripRefusal } from '../../common';

/** What a chat bidding function answers a browser: a page, or a redirect, with the cookies to set. */
export interface WebAnswer {
  status: number;
  html?: string;
  /** Where a 302 / 303 sends the browser. */
  location?: string;
  /** `Set-Cookie` headers. */
  cookies?: string[];
}

/** How a visit to the consent callback ended. */
export type ConsentOutcome =
  | { ok: true; login: string }
  | {
      ok: false;
      reason: 'denied' | 'forged' | 'expired' | 'missing-code' | 'code-refused' | 'twitch-unavailable' | 'failed' | 'no-scope' | 'no-bot' | 'bot-refused';
    }
  | { ok: false; reason: 'not-your-channel'; authorizedLogin: string; linkedLogin?: string };

const again = 'Go back to Discord and run <code>/c500 chat-bidding on</code> again for a fresh link.';

export function consentPage(outcome: ConsentOutcome): WebAnswer {
  if (outcome.ok) {
    return page(200, `Chat bidding is on for twitch.tv/${outcome.login}`, [
      'C500’s bot is in your chat. While your auction or show lot is live, viewers type <code>!bid 25</code> (or <code>!bid 25 max 40</code>) in your chat and bid in the same book as Discord.',
      'Each viewer signs in with Twitch once; the bot tells them how when they first bid. To stop, run <code>/c500 chat-bidding off</code> in Discord.',
    ]);
  }
  switch (outcome.reason) {
    case 'denied':
      return page(200, 'Chat bidding stays off', ['You chose not to let C500’s bot into your chat, so nothing changed.', `Changed your mind? ${again}`]);
    case 'forged':
    case 'expired':
    case 'missing-code':
    case 'code-refused':
      return roundTripRefusal(outcome.reason, again);
    case 'no-scope':
      return page(400, 'C500’s bot was not let in', ['Twitch answered without your OK for the bot in your chat (<code>channel:bot</code>).', again]);
    case 'not-your-channel':
      return page(403, 'That is not your linked channel', [
        `You authorized as twitch.tv/${escapeHtml(outcome.authorizedLogin)}, but ${
          outcome.linkedLogin
            ? `the channel linked to your C500 profile is twitch.tv/${escapeHtml(outcome.linkedLogin)}. Log in on Twitch as that channel.`
            : 'your C500 profile has no Twitch channel linked. Run <code>/c500 link-twitch</code> first.'
        }`,
        again,
      ]);
    case 'no-bot':
      return page(503, 'Chat bidding is not set up yet', ['This C500 has no Twitch bot yet, so nothing changed. Ask whoever runs C500 for your server.']);
    case 'bot-refused':
      return page(502, 'Twitch did not let the bot in yet', [
        'Your OK is recorded, but Twitch refused C500’s bot your chat: the bot account itself may not be authorized yet. Ask whoever runs C500 for your server, then run <code>/c500 chat-bidding on</code> again.',
      ]);
    case 'twitch-unavailable':
      return page(502, 'Twitch did not answer', ['Nothing changed. Wait a minute, then run <code>/c500 chat-bidding on</code> in Discord again.']);
    case 'failed':
      return page(500, 'Something went wrong on our side', [
        'It is logged and we will look at it. Wait a minute, then run <code>/c500 chat-bidding on</code> in Discord again.',
      ]);
  }
}

/** How a chatter's sign-in ended (a success that names a pay page is a redirect, not a page). */
export type SignInOutcome =
  | { ok: true; displayName: string; login: string }
  | { ok: false; reason: 'denied' | 'forged' | 'expired' | 'other-browser' | 'missing-code' | 'code-refused' | 'twitch-unavailable' | 'failed' };

export function signInPage(outcome: SignInOutcome, signInUrl: string): WebAnswer {
  const retry = `<a href="${escapeHtml(signInUrl)}">Sign in with Twitch again</a>.`;
  if (outcome.ok) {
    return page(200, 'You can bid from chat now', [
      `Signed in as <strong>${escapeHtml(outcome.displayName)}</strong> (twitch.tv/${escapeHtml(outcome.login)}). C500 learned your Twitch name and id, nothing else.`,
      'Go back to the stream and type <code>!bid 25</code> (or <code>!bid 25 max 40</code>) in chat while a lot is live. If you win, the bot posts a link where you pay.',
    ]);
  }
  switch (outcome.reason) {
    case 'denied':
      return page(200, 'You are not signed in', ['You chose not to sign in with Twitch, so your bids from chat do not count yet.', retry]);
    case 'forged':
      return page(401, 'This link is not one C500 made', ['It may have been copied wrong or edited.', retry]);
    case 'expired':
      return page(400, 'This sign-in took too long', ['Sign-ins work for a few minutes only, to keep your account safe.', retry]);
    case 'other-browser':
      return page(400, 'This sign-in started somewhere else', [
        'It was started in another browser (or your browser did not keep its cookie), so it signs nobody in here.',
        retry,
      ]);
    case 'missing-code':
      return page(400, 'Twitch did not finish', ['This page is opened by Twitch after you sign in, and it came without an answer from Twitch.', retry]);
    case 'code-refused':
      return page(400, 'Twitch did not accept this sign-in', ['Each sign-in works once; this one may have been used already.', retry]);
    case 'twitch-unavailable':
      return page(502, 'Twitch did not answer', ['You are not signed in yet. Wait a minute, then try again.', retry]);
    case 'failed':
      return page(500, 'Something went wrong on our side', ['It is logged and we will look at it. Wait a minute, then try again.', retry]);
  }
}

/** `title` is plain text (escaped there); `paragraphs` are trusted HTML built by this module. */
export const page: (status: number, title: string, paragraphs: string[], head?: string) => WebAnswer = messagePage;
