/**
 * `/c500 auction start` and `/c500 auction cancel`, deferred from the Discord ingress.
 */
import { auctionDeps, type Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord/use-cases/run-command-job';
import { auctionCommandUseCases } from '../shared/router/command-jobs';

export function auctionCommands(platform: Platform) {
  return pubsubFunction('auctionCommands', async (event) => {
    const deps = { ...auctionDeps(platform), marketplace: platform.config.marketplace };
    await runCommandJob(deps, parseCommandJob(decodeMessageData(event)), auctionCommandUseCases);
  });
}
