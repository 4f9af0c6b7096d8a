/**
 * Deferred commands that call Stripe (`stripe-commands`: the registry's reference lists each
 * job the modules route to it), such as onboarding, Buy Now, racer payouts and refunds.
 */
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { commandUseCasesOn } from '../shared/router/command-jobs';
import { stripeCommandDeps } from '../shared/router/marketplace-wiring';

export function stripeCommands(platform: Platform) {
  // The topic's table, made once per instance rather than per message.
  const useCases = commandUseCasesOn('stripe-commands');
  return pubsubFunction('stripeCommands', async (event) => {
    await runCommandJob(stripeCommandDeps(platform), parseCommandJob(decodeMessageData(event)), useCases);
  });
}
