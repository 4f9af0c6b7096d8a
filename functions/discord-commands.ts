/**
 * Deferred commands that need only the store, Discord and Twitch (`discord-commands`: the
 * registry's reference lists each job the modules route to it). Runs each once per
 * interaction and edits the response.
 */
import type { Platform } from '../shared/platform';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { commandUseCasesOn } from '../shared/router/command-jobs';
import { discordCommandDeps } from '../shared/router/twitch-wiring';

export function discordCommands(platform: Platform) {
  const deps = discordCommandDeps(platform);
  // The topic's table, made once per instance rather than per message.
  const useCases = commandUseCasesOn('discord-commands');
  return pubsubFunction('discordCommands', async (event) => {
    await runCommandJob(deps(), parseCommandJob(decodeMessageData(event)), useCases);
  });
}
