/**
 * @module groupbuys/routes
 * `/c500 groupbuy interest` and the check's **Interested** (a quantity modal Discord opens at
 * once), **Not interested** and **Who's interested**. Forms are read here first, so a mistyped
 * one is answered at once and nothing is deferred for it.
 */
import { group, num, str, sub, OptionType, commandCall, deferPrivately, moduleRoutes, reply, type CommandOption } from '../discord';
import { groupBuyLimits } from './rules/group-buy';
import { readInterestForm } from './rules/group-buy-forms';
import { idOfComponent, interestModal } from './rules/components';
import { interestAnswers } from './rules/interest-messages';

const jobs = {
  'post-interest-check': 'discord-commands',
  'mark-interest': 'discord-commands',
  'withdraw-interest': 'discord-commands',
  'list-interest': 'discord-commands',
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

const button = (customId: string) =>
  idOfComponent('notInterested', customId) ? 'withdraw-interest' : idOfComponent('whoIsInterested', customId) ? 'list-interest' : undefined;

export const groupBuyRoutes = moduleRoutes({
  jobs,
  c500: [
    group('groupbuy', 'Group buys: interest checks, and a minimum met before anyone is charged', [
      sub('interest', 'Builders: ask who would buy, and how many, before opening a group buy', [...itemOptions(true), ...extras]),
    ]),
  ],
  help: [
    {
      usage: '/c500 groupbuy interest title:<text> price:<n> moq:<n> [description:<text>] [image:<https link>]',
      what: 'Builders: an interest check with an Interested button; the post counts people and units, and Who’s interested shows you who.',
    },
  ],
  routes: {
    '/c500 groupbuy interest': (interaction, { currency }) => {
      const read = readInterestForm(commandCall(interaction).options, currency);
      return read.ok ? deferPrivately(jobs, 'post-interest-check') : reply(interestAnswers.invalid(read.problem));
    },
  },
  button,
  buttonModal: (customId) => {
    const checkId = idOfComponent('interested', customId);
    return checkId ? interestModal(checkId) : undefined;
  },
  modal: (customId) => (idOfComponent('interestModal', customId) ? 'mark-interest' : undefined),
});
