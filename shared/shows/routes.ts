/**
 * @module shows/routes
 * `/c500 show …` and the run sheet's and lot list's buttons. What the interaction alone
 * shows to be wrong is answered at once, with what to type instead.
 */
import { group, num, str, sub, OptionType, commandCall, isGuildAdmin, deferPrivately, moduleRoutes, reply } from '../discord';
import { showButtonOf } from './rules/show';
import { isPreBidButton, preBidModalId } from './rules/pre-bid';
import { preBidModal } from './rules/pre-bid-messages';
import { parseLot, parseShowTitle } from './rules/show-forms';
import { showRefusals } from './rules/show-messages';

const jobs = {
  'create-show': 'show-commands',
  'add-lot': 'show-commands',
  'list-lots': 'show-commands',
  'start-show': 'show-commands',
  'pay-show': 'show-commands',
  'configure-shows': 'show-commands',
  'show-button': 'show-commands',
  // Also `/bid lot:<n> max:<n>`, which the auctions' `/bid` hands here.
  'pre-bid': 'show-commands',
} as const;

export const showRoutes = moduleRoutes({
  jobs,
  c500: [
    group('show', 'Shows: a run of lots from partner builders, auctioned back to back', [
      sub('create', 'Hosts: set up a show in this channel', [{ ...str('title', 'What the show is called'), max_length: 80 }]),
      sub('add', 'Builders: add one of your items to this channel’s show as a lot', [
        str('item', 'What is up for auction'),
        num('price', 'Opening price, for example 25 or 25.50'),
        str('duration', 'How long the lot runs once it is up: 45s, 90s or 2m'),
        num('reserve', 'Lowest price you will sell at', false),
        { type: OptionType.Integer, name: 'counter-bid', description: 'Seconds a late bid puts back on the clock', required: false, min_value: 0 },
        { type: OptionType.Boolean, name: 'sudden-death', description: 'No extensions: the clock never resets', required: false },
      ]),
      sub('lots', 'The run sheet; hosts move and remove lots up next', [
        { type: OptionType.Integer, name: 'page', description: 'Which page of arranging buttons', required: false, min_value: 1, max_value: 5 },
      ]),
      sub('start', 'Hosts: go on air; lot 1 goes up'),
      sub('pay', 'Pay now for what you won in this channel’s show'),
      sub('settings', 'Admins: show or change the show rules', [
        str('host-cut', 'Percent of each lot’s price the host takes (default 10)', false),
        {
          type: OptionType.Integer,
          name: 'gap',
          description: 'Seconds between a hammer and the next lot (default 10)',
          required: false,
          min_value: 0,
          max_value: 300,
        },
        { type: OptionType.Role, name: 'host-role', description: 'Members with this role may host shows', required: false },
        // No max_value: over 60 reaches the use case, which says what Twitch's modes need.
        {
          type: OptionType.Integer,
          name: 'stream-delay',
          description: 'Seconds viewers see the host’s stream late (default: the auction setting, else 3; 0: off)',
          required: false,
          min_value: 0,
        },
      ]),
    ]),
  ],
  help: [
    { usage: '/c500 show create title:<text>', what: 'Hosts: set up a show in this channel: lots from partner builders, auctioned back to back.' },
    {
      usage: '/c500 show add item:<text> price:<n> duration:<45s|2m> [reserve:<n>] [counter-bid:<s>] [sudden-death:true]',
      what: 'Builders: add one of your items to the channel’s show; you see the host’s cut before anything sells.',
    },
    { usage: '/c500 show lots [page:<n>]', what: 'The run sheet; hosts move lots up or down, or remove them, before they run.' },
    { usage: '/c500 show start', what: 'Hosts: go on air. Next lot, Pause, Resume and End show are buttons on the run sheet.' },
    { usage: '/c500 show pay', what: 'Pay now for everything you won in the show: one checkout per builder.' },
    { usage: '/c500 show settings [host-cut:<%>] [gap:<s>] [host-role:@role] [stream-delay:<s>]', what: 'Admins: show or change the show rules.' },
  ],
  routes: {
    '/c500 show create': (interaction) => {
      const title = parseShowTitle(commandCall(interaction).options);
      return title.ok ? deferPrivately(jobs, 'create-show') : reply(showRefusals.invalidTitle(title.problem));
    },
    '/c500 show add': (interaction, { currency }) => {
      const lot = parseLot(commandCall(interaction).options, currency);
      return lot.ok ? deferPrivately(jobs, 'add-lot') : reply(showRefusals.invalidLot(lot.problems));
    },
    '/c500 show lots': () => deferPrivately(jobs, 'list-lots'),
    '/c500 show start': () => deferPrivately(jobs, 'start-show'),
    '/c500 show pay': () => deferPrivately(jobs, 'pay-show'),
    '/c500 show settings': (interaction) => (isGuildAdmin(interaction) ? deferPrivately(jobs, 'configure-shows') : reply(showRefusals.notAdmin)),
  },
  button: (customId) => (showButtonOf(customId) ? 'show-button' : undefined),
  buttonModal: (customId) => (isPreBidButton(customId) ? preBidModal('a lot of this show') : undefined),
  modals: { [preBidModalId]: 'pre-bid' },
});
