/**
 * @module groupbuys/routes
 * `/groupbuy interest` and the check's **Interested** (a quantity modal Discord opens at
 * once), **Not interested** and **Who's interested**; the group buy's **Join** (a quantity
 * modal too) and **Leave**; `/groupbuy extend` and `cancel`; `/groupbuy start` (title, price and
 * MOQ optional to Discord, since `from:<check id>` may give them); `/groupbuy extras` (a
 * funded one's units in hand, sold as a ready-to-ship drop). Forms are read here first,
 * judged at the moment Discord received them, so a mistyped one is answered at once and
 * nothing is deferred for it.
 */
import { num, str, sub, OptionType, commandCall, deferPrivately, moduleRoutes, reply, type CommandOption } from '../discord';
import { snowflakeTimeMs } from '../common';
import { groupBuyLimits } from './rules/group-buy';
import { readExtrasForm } from './rules/extras';
import { extrasAnswers } from './rules/extras-messages';
import { readCancelForm, readExtendForm, readInterestForm, readStartForm } from './rules/group-buy-forms';
import { idOfComponent, interestModal, joinModal } from './rules/components';
import { interestAnswers } from './rules/interest-messages';
import { extendAnswers, startAnswers } from './rules/group-buy-answers';
import { cancelAnswers } from './rules/call-off-messages';

const jobs = {
  'post-interest-check': 'discord-commands',
  'mark-interest': 'discord-commands',
  'withdraw-interest': 'discord-commands',
  'list-interest': 'discord-commands',
  // The start schedules the close and tells the interested: the store, Discord and the task queue.
  'start-group-buy': 'discord-commands',
  // Joining makes the member's Stripe customer and a setup-mode Checkout: where Stripe is.
  'join-group-buy': 'stripe-commands',
  'leave-group-buy': 'discord-commands',
  // The extension schedules the close again and tells the pledgers.
  'extend-group-buy': 'discord-commands',
  // The extras: the store (the claim, the drop), Discord (its post, the waitlist's DMs).
  'sell-extras': 'discord-commands',
  // Calling it off arms the task that lets the pledges go (or refunds the orders): no Stripe call here.
  'cancel-group-buy': 'discord-commands',
} as const;

const units = (name: string, description: string, required: boolean, min: number): CommandOption => ({
  ...num(name, description, required),
  type: OptionType.Integer,
  min_value: min,
  max_value: groupBuyLimits.maxMoq,
});

/** What an interest check and a group buy both describe. */
const itemOptions = (required: boolean): CommandOption[] => [
  { ...str('title', 'What it is: GMK Olivia, Tofu65 in e-white', required), max_length: groupBuyLimits.maxTitleLength },
  num('price', 'A unit’s price, for example 120 or 119.50', required),
  units('moq', 'Minimum order quantity: the units needed for it to happen', required, 1),
];

const extras: CommandOption[] = [
  { ...str('description', 'A few words on it (optional)', false), max_length: groupBuyLimits.maxDescriptionLength },
  { ...str('image', 'An https link to a picture (optional)', false), max_length: 500 },
];

/** Discord lists required options first: the window and the ship month, then what a check may give. */
const startOptions: CommandOption[] = [
  str('closes', 'How long it stays open: 14d, 2w, 36h'),
  str('ships', 'The month you expect to ship, YYYY-MM: 2027-09'),
  ...itemOptions(false),
  units('cap', 'The most units it sells; a waitlist after (optional)', false, 1),
  ...extras,
  { ...str('tranches', 'Your share released as you prove milestones live: 30% at parts-in (optional)', false), max_length: 200 },
  { ...str('from', 'An interest check’s id: opens it, telling everyone interested (optional)', false), max_length: 8 },
];

const buttonJobs = { notInterested: 'withdraw-interest', whoIsInterested: 'list-interest', leave: 'leave-group-buy' } as const;
const button = (customId: string) =>
  (Object.keys(buttonJobs) as Array<keyof typeof buttonJobs>).map((kind) => (idOfComponent(kind, customId) ? buttonJobs[kind] : undefined)).find(Boolean);

const modalJobs = { interestModal: 'mark-interest', joinModal: 'join-group-buy' } as const;
const modal = (customId: string) =>
  (Object.keys(modalJobs) as Array<keyof typeof modalJobs>).map((kind) => (idOfComponent(kind, customId) ? modalJobs[kind] : undefined)).find(Boolean);

export const groupBuyRoutes = moduleRoutes({
  jobs,
  // A command of its own, not a group of `/c500`: Discord counts a command's names and
  // descriptions against 8,000 characters and its options against 25, and group buys alone
  // took 1,600 of `/c500`'s (held under 80 % of both by shared/router/test/command-limits.test.ts).
  commands: [
    {
      name: 'groupbuy',
      description: 'Group buys: interest checks, and a minimum met before anyone is charged',
      contexts: [0],
      options: [
        sub('interest', 'Builders: ask who would buy, and how many, before opening a group buy', [...itemOptions(true), ...extras]),
        sub('start', 'Builders: open a group buy; cards are saved at joining and charged only if the MOQ is met', startOptions),
        sub('extend', 'Builders: move a group buy’s close later, once, before it comes; pledgers are told', [
          { ...str('id', 'The group buy’s id, at the foot of its post'), max_length: 8 },
          str('by', 'How much later: 7d, 2w, 36h (at most 30 days)'),
        ]),
        sub('extras', 'Builders: once funded, sell extra units you have in hand as a ready-to-ship drop', [
          { ...str('id', 'The group buy’s id, at the foot of its post'), max_length: 8 },
          { ...num('units', 'How many extras you have in hand, ready to ship'), type: OptionType.Integer, min_value: 1, max_value: groupBuyLimits.maxExtras },
          num('price', 'A unit’s price, for example 120 or 119.50 (default: the group buy’s)', false),
        ]),
        sub('cancel', 'Builders: call a group buy off; nobody is charged before its close, all refunded after it', [
          { ...str('id', 'The group buy’s id, at the foot of its post'), max_length: 8 },
        ]),
      ],
    },
  ],
  help: [
    {
      usage: '/groupbuy interest title:<text> price:<n> moq:<n> [description:<text>] [image:<link>]',
      what: 'Builders: an interest check; members say how many they would buy, and Who’s interested shows you who.',
    },
    {
      usage: '/groupbuy start title:<text> price:<n> moq:<n> closes:<14d> ships:<YYYY-MM> [cap:<n>] [tranches:<30% at parts-in>] [from:<check id>]',
      what: 'Builders: a group buy; joiners save a card, charged only if the MOQ is met by the close. from: opens an interest check.',
    },
    {
      usage: '/groupbuy extend id:<group buy id> by:<7d>',
      what: 'Builders: move the close later once, by up to 30 days; pledgers are told.',
    },
    {
      usage: '/groupbuy extras id:<group buy id> units:<n> [price:<n>]',
      what: 'Builders: once funded, sell units in hand as a ready-to-ship drop; the waitlist hears first.',
    },
    {
      usage: '/groupbuy cancel id:<group buy id>',
      what: 'Builders: call it off; nobody is charged before the close, everyone refunded once funded (before any milestone).',
    },
  ],
  routes: {
    '/groupbuy interest': (interaction, { currency }) => {
      const read = readInterestForm(commandCall(interaction).options, currency);
      return read.ok ? deferPrivately(jobs, 'post-interest-check') : reply(interestAnswers.invalid(read.problem));
    },
    '/groupbuy start': (interaction, { currency }) => {
      const read = readStartForm(commandCall(interaction).options, currency, snowflakeTimeMs(interaction.id) ?? Date.now());
      return read.ok ? deferPrivately(jobs, 'start-group-buy') : reply(startAnswers.invalid(read.problem));
    },
    '/groupbuy extend': (interaction) => {
      const read = readExtendForm(commandCall(interaction).options);
      return read.ok ? deferPrivately(jobs, 'extend-group-buy') : reply(extendAnswers.invalid(read.problem));
    },
    '/groupbuy extras': (interaction) => {
      const read = readExtrasForm(commandCall(interaction).options);
      return read.ok ? deferPrivately(jobs, 'sell-extras') : reply(extrasAnswers.invalid(read.problem));
    },
    '/groupbuy cancel': (interaction) => {
      const read = readCancelForm(commandCall(interaction).options);
      return read.ok ? deferPrivately(jobs, 'cancel-group-buy') : reply(cancelAnswers.invalid(read.problem));
    },
  },
  button,
  buttonModal: (customId) => {
    const checkId = idOfComponent('interested', customId);
    const groupBuyId = idOfComponent('join', customId);
    return checkId ? interestModal(checkId) : groupBuyId ? joinModal(groupBuyId) : undefined;
  },
  modal,
});
