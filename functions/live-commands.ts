/**
 * `/c500 live`: announcements and proof of work on orders.
 */
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { commandUseCasesOn } from '../shared/router/command-jobs';
import { liveCommandDeps } from '../shared/router/live-wiring';

export function liveCommands(platform: Platform) {
  // The topic's table, made once per instance rather than per message.
  const useCases = commandUseCasesOn('live-commands');
  return pubsubFunction('liveCommands', async (event) => {
    await runCommandJob(liveCommandDeps(platform), parseCommandJob(decodeMessageData(event)), useCases);
  });
}
