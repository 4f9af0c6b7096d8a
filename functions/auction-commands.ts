/**
 * `/c500 auction start` and `/c500 auction cancel`, deferred from the Discord ingress.
 */
import type { Platform } from '../shared/platform';
import { auctionCommandDeps } from '../shared/router/auction-wiring';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { commandUseCasesOn } from '../shared/router/command-jobs';

export function auctionCommands(platform: Platform) {
  // The topic's table, made once per instance rather than per message.
  const useCases = commandUseCasesOn('auction-commands');
  return pubsubFunction('auctionCommands', async (event) => {
    const deps = auctionCommandDeps(platform);
    await runCommandJob(deps, parseCommandJob(decodeMessageData(event)), useCases);
  });
}
