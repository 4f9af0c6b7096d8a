/**
 * Deferred slash commands (setup, profile): runs the use case once per interaction and
 * edits the deferred response.
 */
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/adapters/http/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/app/run-command-job';

export function discordCommands(platform: Platform) {
  return pubsubFunction('discordCommands', async (event) => {
    const job = parseCommandJob(decodeMessageData(event));
    await runCommandJob({ store: platform.store(), discord: platform.discord(), clock: platform.clock }, job);
  });
}
