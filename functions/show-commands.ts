/**
 * The show commands and the run sheet's buttons, deferred from the Discord ingress.
 */
import type { Platform } from '../shared/platform';
import { auctionPaymentWiring } from '../shared/router/auction-wiring';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { commandUseCasesOn } from '../shared/router/command-jobs';

export function showCommands(platform: Platform) {
  // The topic's table, made once per instance rather than per message.
  const useCases = commandUseCasesOn('show-commands');
  return pubsubFunction('showCommands', async (event) => {
    await runCommandJob(auctionPaymentWiring(platform), parseCommandJob(decodeMessageData(event)), useCases);
  });
}
