/**
 * @module live/routes
 * `/c500 live`: a mistyped mode is answered at once and nothing is published.
 */
import { str, sub, commandCall, privateNote, deferPrivately, moduleRoutes, reply } from '../discord';
import { parseLiveMode } from './rules/live-mode';
import { milestones } from '../orders';

const jobs = { 'go-live': 'live-commands' } as const;

export const liveRoutes = moduleRoutes({
  jobs,
  c500: [
    sub('live', 'Builders: announce you are live, or prove work on orders or a group buy', [
      str('mode', 'chat, drop, order:<id>, orders:<id>,<id> or groupbuy:<id>'),
      str('order', 'With mode:order, the order id', false),
      str('orders', 'With mode:orders, the order ids, separated by commas', false),
      { ...str('groupbuy', 'With mode:groupbuy, the group buy’s id (at the foot of its post)', false), max_length: 8 },
      {
        ...str('milestone', 'The step proved: a queue commission’s (default: its next step), or a group buy’s (required)', false),
        choices: milestones.map((m) => ({ name: m, value: m })),
      },
    ]),
  ],
  help: [
    {
      usage: '/c500 live mode:chat | drop | order:<id> | orders:<id>,<id> | groupbuy:<id> [milestone:parts-in|assembly|sound-test|done]',
      what: 'Builders: announce your stream, or prove work on paid orders while live (a queue commission: the milestone it reached); a funded group buy’s milestone is proved once for all its orders, each sent its tranche, and you get one summary when all have it.',
    },
  ],
  routes: {
    '/c500 live': (interaction) => {
      const mode = parseLiveMode(commandCall(interaction).options);
      return mode.ok ? deferPrivately(jobs, 'go-live') : reply(privateNote(mode.reason));
    },
  },
});
