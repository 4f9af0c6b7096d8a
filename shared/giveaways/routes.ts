/**
 * @module giveaways/routes
 * `/giveaway start prize:<text> duration:<…> [winners:<n>] [confirm-minutes:<n>]`, the
 * post's **Enter**, and the winner's **Confirm and give address**, which Discord answers with
 * the address modal at once.
 */
import { num, str, sub, OptionType, commandCall, deferPrivately, moduleRoutes, reply } from '../discord';
import { giveawayLimits } from './rules/giveaway';
import { readGiveawayForm } from './rules/giveaway-form';
import { giveawayAnswers } from './rules/giveaway-messages';
import { addressModal, addressOf, claimOf, giveawayOfEnter } from './rules/address-form';

const jobs = {
  // The start schedules the draw; the claim makes the prize's order: the store, Discord and the task queue.
  'start-giveaway': 'discord-commands',
  'enter-giveaway': 'discord-commands',
  'claim-prize': 'discord-commands',
} as const;

const whole = (name: string, description: string, min: number, max: number) => ({
  ...num(name, description),
  type: OptionType.Integer,
  required: false,
  min_value: min,
  max_value: max,
});

export const giveawayRoutes = moduleRoutes({
  jobs,
  // A command of its own, as `/groupbuy`: `/c500` stays under 80 % of Discord's 25 options.
  commands: [
    {
      name: 'giveaway',
      description: 'Giveaways: free to enter, provably drawn',
      contexts: [0],
      options: [
        sub('start', 'Builders and hosts: give a prize away in this channel; entry is free', [
          { ...str('prize', 'What the winner gets'), max_length: giveawayLimits.maxPrizeLength },
          str('duration', 'How long entry stays open: 30m, 2h, 1d'),
          whole('winners', `How many winners (1 to ${giveawayLimits.maxWinners}; default 1)`, 1, giveawayLimits.maxWinners),
          whole('confirm-minutes', `Minutes a winner has to confirm (default ${giveawayLimits.defaultConfirmMinutes})`, 1, giveawayLimits.maxConfirmMinutes),
        ]),
      ],
    },
  ],
  help: [
    {
      usage: '/giveaway start prize:<text> duration:<30m> [winners:<n>] [confirm-minutes:<n>]',
      what: 'Builders and hosts: a free giveaway (Enter, or !enter in your Twitch chat), drawn from a commitment anyone can check.',
    },
  ],
  routes: {
    '/giveaway start': (interaction) => {
      const read = readGiveawayForm(commandCall(interaction).options);
      return read.ok ? deferPrivately(jobs, 'start-giveaway') : reply(giveawayAnswers.invalid(read.problem));
    },
  },
  button: (customId) => (giveawayOfEnter(customId) ? 'enter-giveaway' : undefined),
  buttonModal: (customId) => {
    const claim = claimOf(customId);
    return claim ? addressModal(claim.giveawayId, claim.round) : undefined;
  },
  modal: (customId) => (addressOf(customId) ? 'claim-prize' : undefined),
});
