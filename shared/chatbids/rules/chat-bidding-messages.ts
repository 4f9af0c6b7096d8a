/**
 * @module chat-bidding-messages
 * What builders, show hosts and admins read in Discord about chat bidding: the answers to
 * `/c500 chat-bidding on` and `off`, and the DMs when it turns on after Twitch's consent or
 * goes off because Twitch ended C500's access. Pure: values in, messages out.
 */
import type { DiscordMessage } from '../../ports';
import { colors, privateNote } from '../../discord';
import { linkButtonRow } from '../../common';
import { authorizeMinutes } from './twitch-authorize';
import type { ChatBidding } from './chat-bidding';

const channelOf = (login: string) => `**twitch.tv/${login}**`;
const howToBid = 'While your auction or show lot is live, viewers type `!bid 25` (or `!bid 25 max 40`) in your chat and bid in the same book as Discord.';
const turnOnAgain = 'To turn it back on, run `/c500 chat-bidding on` in the server and let C500’s bot in on Twitch again: it takes a minute.';

export const chatBiddingAnswers = {
  needsTwitchLink: privateNote(
    'Chat bidding takes bids in the Twitch channel linked to your C500 profile, and you have not linked one yet. Run `/c500 link-twitch` first, then `/c500 chat-bidding on`.',
  ),
  noBot: privateNote('Chat bidding is not available on this C500 yet: its Twitch bot has not been set up. Ask whoever runs C500 for your server.'),

  consentNeeded(login: string, url: string): DiscordMessage {
    return {
      ...privateNote(
        [
          `To take bids from chat in ${channelOf(login)}, Twitch needs your OK for C500’s bot in your chat.`,
          `Authorize on Twitch as **${login}** (the link works for ${authorizeMinutes} minutes): chat bidding turns on as soon as you are back, and I will DM you.`,
          // Said up front: a streamer who closes Twitch's tab otherwise finds chat silent with nothing saying why.
          `Until you do, chat bidding stays off: \`!bid\` and \`!privacy\` in your chat get no answer from C500. Run \`/c500 chat-bidding on\` again for a new link.`,
        ].join('\n'),
      ),
      components: [linkButtonRow('Let C500’s bot in', url)],
    };
  },

  turnedOn(login: string, signInUrl: string, already: boolean): DiscordMessage {
    return privateNote(
      [
        already ? `Chat bidding was already on for ${channelOf(login)}.` : `Chat bidding is on for ${channelOf(login)}.`,
        howToBid,
        `Each viewer signs in with Twitch once at <${signInUrl}>; the bot tells them when they first bid. \`/c500 chat-bidding off\` stops it.`,
      ].join('\n'),
    );
  },

  turnedOff(logins: readonly string[]): DiscordMessage {
    return privateNote(
      `Chat bidding is off for ${logins.map(channelOf).join(', ')}. \`!bid\` in that chat no longer counts; bids already made stay in the book.`,
    );
  },

  alreadyOff: (login: string) => privateNote(`Chat bidding is already off for ${channelOf(login)}.`),

  nothingOfYours(isAdmin: boolean): DiscordMessage {
    return privateNote(
      [
        'No channel of yours takes chat bids in this server.',
        ...(isAdmin ? ['To turn off another member’s channel, name it: `/c500 chat-bidding off channel:<twitch login>`.'] : []),
      ].join(' '),
    );
  },

  noSuchChannel: (login: string) => privateNote(`${channelOf(login)} does not take chat bids in this server.`),

  notYours: (login: string) =>
    privateNote(`Only the member whose channel ${channelOf(login)} is, or a server admin (Administrator or Manage Server), can turn chat bidding off for it.`),
};

/** The DM when the consent came back and chat bidding is on. */
export function chatBiddingOnDm(login: string, signInUrl: string): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: `Chat bidding is on for twitch.tv/${login}`,
        description: [howToBid, `Each viewer signs in with Twitch once at ${signInUrl}; the bot tells them when they first bid.`].join('\n\n'),
        color: colors.mint,
      },
    ],
  };
}

/** Why chat bidding went off without anyone choosing it, in words a builder understands. */
const endedBecause: Record<NonNullable<ChatBidding['offReason']>, string> = {
  revoked: 'Twitch ended C500’s subscription to your chat',
  'authorization-revoked': 'C500 was disconnected from your Twitch account',
};

/** The DM when Twitch ended C500's access to a channel's chat. */
export function chatAccessEndedDm(login: string, reason: NonNullable<ChatBidding['offReason']>): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: `Chat bidding is off for twitch.tv/${login}`,
        description: [`${endedBecause[reason]}, so \`!bid\` in your chat no longer counts. Bids already made stay in the book.`, turnOnAgain].join('\n\n'),
        color: colors.rose,
      },
    ],
  };
}

/**
 * The DM when a streamer goes live with chat bidding off: why their chat is silent (the bot is
 * not in it, so `!bid` and `!privacy` get no answer), and the one command that changes it.
 */
export function chatSilentDm(login: string, offReason: ChatBidding['offReason']): DiscordMessage {
  const why = offReason ? `${endedBecause[offReason]}, so C500’s bot is no longer in your chat` : 'C500’s bot is not let into your chat on Twitch yet';
  return {
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: `You are live on twitch.tv/${login}, and chat bidding is off`,
        description: [
          `${why}: \`!bid\` and \`!privacy\` typed in your chat get no answer and count for nothing. Bids in Discord work as always.`,
          'To take bids from chat, run `/c500 chat-bidding on` in the server and authorize on Twitch: it takes a minute.',
        ].join('\n\n'),
        color: colors.rose,
      },
    ],
  };
}
