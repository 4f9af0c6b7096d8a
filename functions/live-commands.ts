/**
 * `/c500 live`: announcements and proof of work on orders.
 */
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { commandUseCasesOn } from '../shared/router/command-jobs';

export function liveCommands(platform: Platform) {
  // The topic's table, made once per instance rather than per message.
  const useCases = commandUseCasesOn('live-commands');
  return pubsubFunction('liveCommands', async (event) => {
    const deps = {
      store: platform.store(),
      discord: platform.discord(),
      payments: platform.payments(),
      twitch: platform.twitch(),
      tasks: platform.tasks(),
      clock: platform.clock,
    };
    await runCommandJob(deps, parseCommandJob(decodeMessageData(event)), useCases);
  });
}
