/**
 * @module auctions/routes
 * `/c500 auction start` and `cancel`, `/bid` and the embed's bid buttons. What the
 * interaction alone shows to be wrong ("12.345", "-5", a mistyped duration) is answered at
 * once, and nothing reaches the book.
 */
import { group, num, str, sub, OptionType, commandCall, deferPrivately, moduleRoutes, reply } from '../discord';
import { bidFromButton, isAuctionIdShaped, normalizeAuctionId, parseAuctionStart, parseBidCommand } from './rules/auction';
import { auctionRefusals } from './rules/auction-messages';

const jobs = { 'start-auction': 'auction-commands', 'cancel-auction': 'auction-commands', 'place-bid': 'auction-bids' } as const;

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
      ]),
      sub('cancel', 'Builders: cancel an auction before the first bid', [str('auction', 'Auction id (default: this channel’s)', false)]),
    ]),
  ],
  commands: [
    {
      name: 'bid',
      description: 'Bid in the live auction',
      contexts: [0],
      options: [
        num('amount', 'Your bid, for example 42 or 42.50'),
        num('max', 'Highest you will go: we bid for you one step at a time', false),
        str('auction', 'Auction id (default: this channel’s live auction)', false),
      ],
    },
  ],
  help: [
    {
      usage: '/c500 auction start item:<text> price:<n> duration:<90s|10m|1h> [reserve:<n>] [counter-bid:<s>] [sudden-death:true]',
      what: 'Builders: run a live auction; a late bid puts time back on the clock unless it is sudden death.',
    },
    { usage: '/c500 auction cancel [auction:<id>]', what: 'Builders: cancel your auction before the first bid.' },
    { usage: '/bid amount:<n> [max:<n>]', what: 'Bid in the channel’s live auction; a max bids for you step by step.' },
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
    '/bid': (interaction, { currency }) => {
      const bid = parseBidCommand(commandCall(interaction).options, currency);
      return bid.ok ? deferPrivately(jobs, 'place-bid') : reply(auctionRefusals.invalidBid(bid.reason));
    },
  },
  // Each press answers with its own private message, which the bid subscriber edits.
  button: (customId) => (bidFromButton(customId) ? 'place-bid' : undefined),
});
