/**
 * @module races/routes
 * `/race …`, `/wallet`, `/payout` (which calls Stripe) and the lobby's Join and Leave
 * buttons. What can be checked from the interaction alone is answered at once.
 */
import { num, Permission, str, sub, OptionType, commandCall, isGuildAdmin, deferPrivately, moduleRoutes, reply } from '../discord';
import { maxTitleLength, parseRacerMentions, raceButtonOf, raceLimits } from './rules/race';
import { payoutRefusals, raceRefusals, settingsRefusals } from './rules/race-messages';
import { parseShopConnection } from './rules/race-settings-form';
import { payoutRacerOf } from './rules/payout-form';

const jobs = {
  'open-race': 'race-commands',
  'start-race': 'race-commands',
  'end-race': 'race-commands',
  'race-button': 'race-commands',
  'wallet-view': 'race-commands',
  'configure-races': 'race-commands',
  'connect-shop': 'race-commands',
  'pay-racer': 'stripe-commands',
} as const;

export const raceRoutes = moduleRoutes({
  jobs,
  commands: [
    {
      name: 'race',
      description: 'Race lobbies: racers share merch sales while the window is open',
      contexts: [0],
      options: [
        sub('open', 'Hosts: open a lobby racers can join', [{ ...str('title', 'What the race is called', false), max_length: 80 }]),
        sub('start', 'Hosts: open the commission window', [str('racers', 'Mention the racers (default: those who joined)', false)]),
        sub('end', 'Hosts: close the commission window'),
        sub('settings', 'Admins: show or change the race rules', [
          num('rate', 'Percent of each merch sale the racers share (default 20)', false),
          num('threshold', 'Pending balance at which racers can cash out (default 20)', false),
          { type: OptionType.Integer, name: 'max-racers', description: 'Racers a lobby takes (default 8)', required: false, min_value: 2, max_value: 25 },
          {
            type: OptionType.Integer,
            name: 'max-minutes',
            description: 'A window closes itself after this many minutes (default 180)',
            required: false,
            min_value: 5,
            max_value: 1440,
          },
          { type: OptionType.Role, name: 'host-role', description: 'Members with this role may host races', required: false },
          str('currency', 'Three-letter currency races pay in, e.g. usd (fixed after the first race)', false),
          str('kofi-types', 'Ko-fi payments that count, e.g. Shop Order, Commission', false),
        ]),
        sub('connect', 'Admins: connect a shop whose sales feed race windows', [
          {
            ...str('shop', 'Which shop'),
            choices: [
              { name: 'Ko-fi', value: 'kofi' },
              { name: 'Shopify', value: 'shopify' },
              { name: 'Stripe Payment Links', value: 'stripe' },
            ],
          },
          str('secret', 'Ko-fi verification token or Shopify webhook signing secret', false),
        ]),
      ],
    },
    { name: 'wallet', description: 'Your race earnings: pending and paid', contexts: [0] },
    {
      name: 'payout',
      description: 'Admins: pay a racer from their pending balance',
      contexts: [0],
      default_member_permissions: Permission.ManageGuild.toString(),
      options: [
        { type: OptionType.User, name: 'user', description: 'The racer to pay', required: true },
        num('amount', 'How much, for example 20 or 20.50'),
        { ...str('note', 'How you paid by hand (gift card, store credit), when they have no Stripe account', false), max_length: 200 },
      ],
    },
  ],
  help: [
    { usage: '/race open [title:<text>]', what: 'Hosts: open a race lobby racers join with a button.' },
    { usage: '/race start [racers:@a @b]', what: 'Hosts: open the commission window: racers share merch sold while it is open.' },
    { usage: '/race end', what: 'Hosts: close the commission window.' },
    { usage: '/race settings [rate:<%>] [threshold:<n>] [max-racers:<n>] [max-minutes:<n>] [host-role:@role]', what: 'Admins: show or change the race rules.' },
    { usage: '/race connect shop:kofi|shopify|stripe [secret:<text>]', what: 'Admins: connect a shop whose sales feed race windows.' },
    { usage: '/wallet', what: 'Your race earnings: pending, paid and recent races.' },
    { usage: '/payout user:@racer amount:<n> [note:<text>]', what: 'Admins: pay a racer from their pending balance.' },
  ],
  routes: {
    '/race open': (interaction) =>
      String(commandCall(interaction).options.title ?? '').trim().length > maxTitleLength ? reply(raceRefusals.title) : deferPrivately(jobs, 'open-race'),
    '/race start': (interaction) => {
      const { options } = commandCall(interaction);
      if (options.racers === undefined) return deferPrivately(jobs, 'start-race');
      // The guild's own maximum is checked by the use case; this catches what is never right.
      const grid = parseRacerMentions(String(options.racers), raceLimits.maxRacers.max);
      return grid.ok ? deferPrivately(jobs, 'start-race') : reply(raceRefusals.racers(grid.reason));
    },
    '/race end': () => deferPrivately(jobs, 'end-race'),
    '/race settings': (interaction) => (isGuildAdmin(interaction) ? deferPrivately(jobs, 'configure-races') : reply(settingsRefusals.notAdmin)),
    '/race connect': (interaction) => {
      if (!isGuildAdmin(interaction)) return reply(settingsRefusals.notAdmin);
      const form = parseShopConnection(commandCall(interaction).options);
      return form.ok ? deferPrivately(jobs, 'connect-shop') : reply(settingsRefusals.connect(form.problem));
    },
    '/wallet': () => deferPrivately(jobs, 'wallet-view'),
    '/payout': (interaction) => {
      if (!isGuildAdmin(interaction)) return reply(payoutRefusals.notAdmin);
      // The amount is read in the guild's race currency, which only the use case knows.
      return payoutRacerOf(commandCall(interaction).options) ? deferPrivately(jobs, 'pay-racer') : reply(payoutRefusals.needsUser);
    },
  },
  button: (customId) => (raceButtonOf(customId) ? 'race-button' : undefined),
});
