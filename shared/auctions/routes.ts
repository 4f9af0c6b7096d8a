/**
 * @module auctions/routes
 * `/c500 auction start`, `cancel` and `settings`, `/c500 block` and `unblock`, `/bid` and the
 * embed's bid buttons. What the interaction alone shows to be wrong ("12.345", "-5", a
 * mistyped duration, a non-admin changing the rules) is answered at once, and nothing
 * reaches the book.
 */
import { group, num, str, sub, OptionType, commandCall, deferPrivately, isGuildAdmin, moduleRoutes, reply, type CommandOption } from '../discord';
import { bidFromButton, isAuctionIdShaped, normalizeAuctionId, parseAuctionStart, parseBidCommand } from './rules/auction';
import { auctionRefusals } from './rules/auction-messages';
import { parseBlockTarget, parseTrustSettings, trustLimits } from './rules/bidder-trust';
import { trustRefusals } from './rules/trust-messages';

const jobs = {
  'start-auction': 'auction-commands',
  'cancel-auction': 'auction-commands',
  'configure-auctions': 'auction-commands',
  'block-bidder': 'auction-commands',
  'unblock-bidder': 'auction-commands',
  'place-bid': 'auction-bids',
  // `/bid lot:<n> max:<n>`: a pre-bid on a show's lot, set by the shows' use case on their topic.
  'pre-bid': 'show-commands',
} as const;

/** Who `/c500 block` and `unblock` name: a member, or a Twitch chatter by login; neither lists the blocked. */
const bidderOptions = (verb: string): CommandOption[] => [
  { type: OptionType.User, name: 'member', description: `The Discord member to ${verb}`, required: false },
  { ...str('twitch', `The Twitch login to ${verb} (chat bidders)`, false), max_length: 60 },
];

/**
 * `stream-delay`: no `max_value`, so a delay over 60 s reaches us and gets our answer (what
 * Twitch's modes need) rather than the client's bare range error.
 */
export const streamDelayOption = (description: string): CommandOption => ({
  type: OptionType.Integer,
  name: 'stream-delay',
  description,
  required: false,
  min_value: 0,
});

/** `final-call`: as `stream-delay`, our answer (what the delay needs) rather than the client's bare range error. */
export const finalCallOption = (description: string): CommandOption => ({
  type: OptionType.Integer,
  name: 'final-call',
  description,
  required: false,
  min_value: 0,
});

/** The admin's instant answer, or the job that decides (the use case checks the admin again). */
const adminOnly = (interaction: Parameters<typeof isGuildAdmin>[0], job: 'configure-auctions' | 'block-bidder' | 'unblock-bidder', problem?: string) =>
  !isGuildAdmin(interaction) ? reply(trustRefusals.notAdmin) : problem ? reply(trustRefusals.invalidTarget(problem)) : deferPrivately(jobs, job);

export const auctionRoutes = moduleRoutes({
  jobs,
  c500: [
    group('auction', 'Live auctions', [
      sub('start', 'Builders: start a live auction', [
        str('item', 'What is up for auction'),
        num('price', 'Starting price, for example 25 or 25.50'),
        str('duration', 'How long it runs: 90s, 10m or 1h'),
        num('reserve', 'Lowest price you will sell at', false),
        { type: OptionType.Integer, name: 'counter-bid', description: 'Seconds a late bid puts back on the clock (default 10)', required: false, min_value: 0 },
        { type: OptionType.Boolean, name: 'sudden-death', description: 'No extensions: the clock never resets', required: false },
        streamDelayOption('Seconds your viewers see the stream late (default: the server’s, else 3; 0: off)'),
        finalCallOption('Seconds of sealed final call after the end (default: the server’s, else 10, or 20 past a 5s delay)'),
      ]),
      sub('cancel', 'Builders: cancel an auction before the first bid', [str('auction', 'Auction id (default: this channel’s)', false)]),
      sub('settings', 'Admins: show or change the bidder trust rules', [
        { ...num('new-bidder-limit', 'Most a bidder who has never paid may bid (default 500; 0: no limit)', false), min_value: 0 },
        {
          ...num('cooldown', 'Seconds between one bidder’s bids (default 1; 0: none)', false),
          min_value: 0,
          max_value: trustLimits.maxCooldownSeconds,
        },
        streamDelayOption('Seconds viewers see streams late, for auctions that name none (default 3; 0: off)'),
        finalCallOption('Seconds of sealed final call, for auctions that name none (default 10, or 20 past a 5s delay)'),
        {
          type: OptionType.Boolean,
          name: 'fraud-refund',
          description: 'Refund orders Stripe flags as likely fraud before money goes out (default True)',
          required: false,
        },
      ]),
    ]),
    sub('block', 'Admins: refuse a bidder’s bids in this server’s auctions (no one named: the list)', bidderOptions('block')),
    sub('unblock', 'Admins: let a blocked bidder bid again', bidderOptions('unblock')),
  ],
  commands: [
    {
      name: 'bid',
      description: 'Bid in the live auction',
      contexts: [0],
      options: [
        num('amount', 'Your bid, for example 42 or 42.50 (leave out with lot)', false),
        num('max', 'Highest you will go: we bid for you one step at a time (with lot: your pre-bid; 0 withdraws)', false),
        str('auction', 'Auction id (default: this channel’s live auction)', false),
        {
          type: OptionType.Integer,
          name: 'lot',
          description: 'A show lot’s number on the run sheet: pre-bid on it before it opens',
          required: false,
          min_value: 1,
        },
      ],
    },
  ],
  help: [
    {
      usage:
        '/c500 auction start item:<text> price:<n> duration:<90s|10m|1h> [reserve:<n>] [counter-bid:<s>] [sudden-death:true] [stream-delay:<s>] [final-call:<s>]',
      what: 'Builders: run a live auction; a late bid adds time unless sudden death; a sealed final call covers your stream’s delay.',
    },
    { usage: '/c500 auction cancel [auction:<id>]', what: 'Builders: cancel your auction before the first bid.' },
    {
      usage: '/bid amount:<n> [max:<n>]',
      what: 'Bid in the channel’s live auction; max: bids for you step by step. In a show, `/bid lot:<n> max:<n>` pre-bids (`max:0` withdraws).',
    },
    {
      usage: '/c500 auction settings [new-bidder-limit:<n>] [cooldown:<s>] [stream-delay:<s>] [final-call:<s>] [fraud-refund:<true|false>]',
      what: 'Admins: the most a never-paid bidder may bid (500), seconds between a bidder’s bids (1), stream delay (3), sealed final call (10; 20 past a 5s delay).',
    },
    {
      usage: '/c500 block [member:@someone] [twitch:<login>]',
      what: 'Admins: refuse a member’s or a Twitch chatter’s bids here; no one named lists the blocked.',
    },
    { usage: '/c500 unblock [member:@someone] [twitch:<login>]', what: 'Admins: let a blocked bidder bid again.' },
  ],
  routes: {
    '/c500 auction start': (interaction, { currency }) => {
      const form = parseAuctionStart(commandCall(interaction).options, currency);
      return form.ok ? deferPrivately(jobs, 'start-auction') : reply(auctionRefusals.invalid(form.problems));
    },
    '/c500 auction cancel': (interaction) => {
      const { options } = commandCall(interaction);
      if (options.auction !== undefined && !isAuctionIdShaped(normalizeAuctionId(String(options.auction)))) return reply(auctionRefusals.noSuchAuction);
      return deferPrivately(jobs, 'cancel-auction');
    },
    '/c500 auction settings': (interaction, { currency }) => {
      const form = parseTrustSettings(commandCall(interaction).options, currency);
      if (!form.ok && isGuildAdmin(interaction)) return reply(trustRefusals.invalidSettings(form.problems));
      return adminOnly(interaction, 'configure-auctions');
    },
    '/c500 block': (interaction) => {
      const named = parseBlockTarget(commandCall(interaction).options);
      return adminOnly(interaction, 'block-bidder', named.ok ? undefined : named.problem);
    },
    '/c500 unblock': (interaction) => {
      const named = parseBlockTarget(commandCall(interaction).options);
      return adminOnly(interaction, 'unblock-bidder', named.ok ? undefined : named.problem);
    },
    '/bid': (interaction, { currency }) => {
      const { options } = commandCall(interaction);
      if (options.lot !== undefined) return deferPrivately(jobs, 'pre-bid');
      const bid = parseBidCommand(options, currency);
      return bid.ok ? deferPrivately(jobs, 'place-bid') : reply(auctionRefusals.invalidBid(bid.reason));
    },
  },
  // Each press answers with its own private message, which the bid subscriber edits.
  button: (customId) => (bidFromButton(customId) ? 'place-bid' : undefined),
});
