/**
 * Deferred commands that call Stripe: builder onboarding, Buy Now, racer payouts (/payout) and refunds (/c500 refund).
 */
import type { Platform } from '../shared/platform';
import type { Order } from '../shared/payments';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { commandUseCasesOn } from '../shared/router/command-jobs';
import { dropChannelOf, freeSlot } from '../shared/marketplace';

export function stripeCommands(platform: Platform) {
  const { config } = platform;
  // The topic's table, made once per instance rather than per message.
  const useCases = commandUseCasesOn('stripe-commands');
  return pubsubFunction('stripeCommands', async (event) => {
    const store = platform.store();
    const discord = platform.discord();
    const deps = {
      store,
      discord,
      payments: platform.payments(),
      tasks: platform.tasks(),
      clock: platform.clock,
      marketplace: config.marketplace,
      publicBaseUrl: config.publicBaseUrl,
      platformCountry: config.platformCountry,
      freeSlot: (orderId: string) => freeSlot({ store, discord, clock: platform.clock }, orderId),
      orderChannel: (order: Order) => dropChannelOf({ store }, order),
    };
    await runCommandJob(deps, parseCommandJob(decodeMessageData(event)), useCases);
  });
}
