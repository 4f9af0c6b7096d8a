/**
 * @module chatbids/routes
 * `/c500 chat-bidding on` and `off`. Both need the store and Twitch, so both are deferred to
 * the discord-commands subscriber; a `channel` that cannot be a Twitch login is answered at once.
 */
import { group, str, sub, commandCall, deferPrivately, moduleRoutes, reply } from '../discord';
import { channelOption, invalidChannelOption } from './rules/channel-option';

const jobs = { 'chat-bidding-on': 'discord-commands', 'chat-bidding-off': 'discord-commands' } as const;

export const chatBidRoutes = moduleRoutes({
  jobs,
  c500: [
    group('chat-bidding', 'Bids from your Twitch chat', [
      sub('on', 'Builders and show hosts: take bids from your linked Twitch channel’s chat'),
      sub('off', 'Stop taking bids from Twitch chat', [
        { ...str('channel', 'Admins: the Twitch login of a channel in this server (default: yours)', false), min_length: 1, max_length: 25 },
      ]),
    ]),
  ],
  help: [
    {
      usage: '/c500 chat-bidding on',
      what: 'Builders and show hosts: `!bid` in your linked Twitch channel’s chat bids in your auctions and show lots.',
    },
    { usage: '/c500 chat-bidding off [channel:<twitch login>]', what: 'Stop taking bids from chat: yours, or (admins) a channel in this server.' },
  ],
  routes: {
    '/c500 chat-bidding on': () => deferPrivately(jobs, 'chat-bidding-on'),
    '/c500 chat-bidding off': (interaction) => {
      if (channelOption(commandCall(interaction).options.channel) === 'invalid') return reply(invalidChannelOption);
      return deferPrivately(jobs, 'chat-bidding-off');
    },
  },
});
