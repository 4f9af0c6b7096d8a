/**
 * @module twitch-messages
 * What people read about their Twitch link: the DM when Twitch stops telling us about
 * their stream, and the page the OAuth callback answers with. Pure: values in, text out.
 */
import type { DiscordMessage } from '../../ports';
import { streamUrl } from './builder';
import { colors } from '../../discord';
import { escapeHtml, messagePage, roundTripRefusal } from '../../common';

/** Twitch's `subscription.status` on a revocation, in words a builder understands. */
const revocationReasons: Record<string, string> = {
  user_removed: 'the Twitch account was closed or suspended',
  authorization_revoked: 'C500 was disconnected from the Twitch account',
  notification_failures_exceeded: 'Twitch could not reach C500 for too long',
  version_removed: 'Twitch retired the kind of notice we used',
};

export function twitchRevokedDm(login: string | undefined, reason: string | undefined): DiscordMessage {
  const channel = login ? `[twitch.tv/${login}](${streamUrl(login)})` : 'your Twitch channel';
  const why = (reason ? revocationReasons[reason] : undefined) ?? 'Twitch ended our subscription';
  return {
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: 'C500 can no longer see when you go live',
        description: [
          `Twitch stopped telling C500 when ${channel} goes live (${why}).`,
          'To fix it, run `/c500 link-twitch` in the server and authorize C500 on Twitch again: it takes a minute.',
        ].join('\n\n'),
        color: colors.rose,
      },
    ],
  };
}

/** How a visit to the OAuth callback ended; the use case decides, the page says it. */
export type TwitchLinkOutcome =
  | { ok: true; login: string; displayName: string; discordName?: string; undoUrl?: string }
  | { ok: false; reason: 'denied' | 'forged' | 'expired' | 'missing-code' | 'code-refused' | 'twitch-unavailable' | 'failed' }
  | { ok: false; reason: 'not-subscribed'; login: string };

export interface HtmlPage {
  status: number;
  html: string;
}

const again = 'Go back to Discord and run <code>/c500 link-twitch</code> again for a fresh link.';

export function twitchLinkPage(outcome: TwitchLinkOutcome): HtmlPage {
  if (outcome.ok) {
    const login = escapeHtml(outcome.login);
    return page(200, `Linked twitch.tv/${outcome.login}`, [
      `C500 now knows <a href="${escapeHtml(streamUrl(outcome.login))}">twitch.tv/${login}</a> is yours, ${escapeHtml(outcome.displayName)}.`,
      'Go back to Discord and run <code>/c500 live</code> when you are streaming.',
      ...(outcome.undoUrl
        ? [
            `It is linked to the builder profile of <strong>${escapeHtml(outcome.discordName ?? 'the Discord member who sent you this link')}</strong> on Discord. Not you, or not what you meant? <a href="${escapeHtml(outcome.undoUrl)}">Undo this link</a> (works for 24 hours).`,
          ]
        : []),
    ]);
  }
  switch (outcome.reason) {
    case 'denied':
      // The person chose not to authorize: a finished round trip, not a failed request.
      return page(200, 'Nothing was linked', ['You chose not to authorize C500 on Twitch, so nothing changed.', `Changed your mind? ${again}`]);
    case 'forged':
    case 'expired':
    case 'missing-code':
    case 'code-refused':
      return roundTripRefusal(outcome.reason, again);
    case 'twitch-unavailable':
      return page(502, 'Twitch did not answer', ['Nothing was linked. Wait a minute, then run <code>/c500 link-twitch</code> in Discord again.']);
    case 'failed':
      return page(500, 'Something went wrong on our side', [
        'It is logged and we will look at it. Wait a minute, then run <code>/c500 link-twitch</code> in Discord again.',
      ]);
    case 'not-subscribed':
      return page(502, `Linked twitch.tv/${outcome.login}, almost`, [
        'Your channel is linked, but Twitch did not let C500 follow your streams yet, so going live would not be noticed.',
        'Wait a minute, then run <code>/c500 link-twitch</code> in Discord again.',
      ]);
  }
}

export type TwitchUnlinkOutcome = { ok: true; login: string } | { ok: false; reason: 'forged' | 'expired' | 'not-linked' };

export function twitchUnlinkPage(outcome: TwitchUnlinkOutcome): HtmlPage {
  if (outcome.ok) {
    return page(200, `Unlinked twitch.tv/${outcome.login}`, [
      'Nobody can prove work on C500 with this channel now. To link it to your own builder profile, run <code>/c500 link-twitch</code> in Discord.',
    ]);
  }
  switch (outcome.reason) {
    case 'not-linked':
      return page(200, 'Nothing to undo', ['That link was already changed or undone.']);
    case 'expired':
      return page(400, 'This undo link has expired', ['Ask a C500 admin for help if your channel is linked to someone else.']);
    case 'forged':
      return page(401, 'This link is not one C500 made', ['It may have been copied wrong or edited.']);
  }
}

const page = messagePage;
