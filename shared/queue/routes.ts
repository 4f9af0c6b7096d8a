/**
 * @module queue/routes
 * `/c500 queue line [builder:@b]`: a builder's commission queue (Discord cannot hold both a
 * `/c500 queue` command and a `/c500 queue …` group, so the line is the group's `line`;
 * a client that sends `/c500 queue` as a command of its own is answered the same).
 */
import { group, num, str, sub, OptionType, commandCall, deferPrivately, moduleRoutes, reply } from '../discord';
import { isOrderIdShaped, normalizeOrderId } from '../common';
import { orderIdFromCancel, orderIdFromWait } from './rules/late';
import { delayAnswers } from './rules/late-messages';
import { maxDelayReasonLength, maxDelayWeeks, readDelayForm } from './rules/delay-form';

const jobs = {
  'show-queue': 'discord-commands',
  // A delay schedules the late check; a cancel refunds: both where Stripe and the task queue are.
  'delay-place': 'stripe-commands',
  'cancel-late': 'stripe-commands',
  'keep-waiting': 'discord-commands',
} as const;

export const queueRoutes = moduleRoutes({
  jobs,
  c500: [
    group('queue', 'Commission queues', [
      sub('line', 'A builder’s commission queue: each place, its milestone and promised date', [
        { type: OptionType.User, name: 'builder', description: 'Whose queue (default: yours)', required: false },
      ]),
      sub('delay', 'Builders: move a commission’s promised date, once, telling the buyer why', [
        str('order', 'The order id'),
        { ...num('weeks', `Weeks to move it by (1 to ${maxDelayWeeks})`), type: OptionType.Integer, min_value: 1, max_value: maxDelayWeeks },
        { ...str('reason', 'Why, told to the buyer'), max_length: maxDelayReasonLength },
      ]),
    ]),
  ],
  help: [
    { usage: '/c500 queue line [builder:@b]', what: 'A builder’s commission queue: places, milestones proved live, promised dates and their record.' },
    {
      usage: '/c500 queue delay order:<id> weeks:<n> reason:<text>',
      what: 'Builders: move a commission’s promised date once; the buyer is told and may cancel.',
    },
  ],
  routes: {
    '/c500 queue line': () => deferPrivately(jobs, 'show-queue'),
    '/c500 queue': () => deferPrivately(jobs, 'show-queue'),
    '/c500 queue delay': (interaction) => {
      const { options } = commandCall(interaction);
      const order = normalizeOrderId(String(options.order ?? ''));
      if (!isOrderIdShaped(order)) return reply(delayAnswers.notFound(order));
      const form = readDelayForm(options);
      return form.ok ? deferPrivately(jobs, 'delay-place') : reply(delayAnswers.invalid(form.problem));
    },
  },
  button: (customId) => (orderIdFromCancel(customId) ? 'cancel-late' : orderIdFromWait(customId) ? 'keep-waiting' : undefined),
});
