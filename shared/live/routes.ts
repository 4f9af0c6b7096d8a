/**
 * @module live/routes
 * `/c500 live`: a mistyped mode is answered at once and nothing is published.
 */
import { str, sub, commandCall, privateNote, deferPrivately, moduleRoutes, reply } from '../discord';
import { parseLiveMode } from './rules/live-mode';

const jobs = { 'go-live': 'live-commands' } as const;

export const liveRoutes = moduleRoutes({
  jobs,
  c500: [
    sub('live', 'Builders: announce you are live, or prove work on orders', [
      str('mode', 'chat, drop, order:<id> or orders:<id>,<id>'),
      str('order', 'With mode:order, the order id', false),
      str('orders', 'With mode:orders, the order ids, separated by commas', false),
    ]),
  ],
  help: [
    { usage: '/c500 live mode:chat | drop | order:<id> | orders:<id>,<id>', what: 'Builders: announce your stream, or prove work on paid orders while live.' },
  ],
  routes: {
    '/c500 live': (interaction) => {
      const mode = parseLiveMode(commandCall(interaction).options);
      return mode.ok ? deferPrivately(jobs, 'go-live') : reply(privateNote(mode.reason));
    },
  },
});
