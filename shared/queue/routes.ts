/**
 * @module queue/routes
 * `/c500 queue line [builder:@b]`: a builder's commission queue (Discord cannot hold both a
 * `/c500 queue` command and a `/c500 queue …` group, so the line is the group's `line`;
 * a client that sends `/c500 queue` as a command of its own is answered the same).
 */
import { group, sub, OptionType, deferPrivately, moduleRoutes } from '../discord';

const jobs = { 'show-queue': 'discord-commands' } as const;

export const queueRoutes = moduleRoutes({
  jobs,
  c500: [
    group('queue', 'Commission queues', [
      sub('line', 'A builder’s commission queue: each place, its milestone and promised date', [
        { type: OptionType.User, name: 'builder', description: 'Whose queue (default: yours)', required: false },
      ]),
    ]),
  ],
  help: [{ usage: '/c500 queue line [builder:@b]', what: 'A builder’s commission queue: places, milestones proved live, promised dates and their record.' }],
  routes: {
    '/c500 queue line': () => deferPrivately(jobs, 'show-queue'),
    '/c500 queue': () => deferPrivately(jobs, 'show-queue'),
  },
});
