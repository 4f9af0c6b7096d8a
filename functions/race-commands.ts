/**
 * Race lobbies, deferred from the Discord ingress: open, start, end, Join and Leave,
 * `/wallet`, race settings and shop connections. Each runs once per interaction.
 */
import type { Platform } from '../shared/platform';
import { raceCommandDeps } from '../shared/router/race-wiring';
import { pubsubFunction } from '../shared/triggers/pubsub-trigger';
import { decodeMessageData } from '../shared/adapters/pubsub/pubsub-envelope';
import { parseCommandJob, runCommandJob } from '../shared/discord';
import { commandUseCasesOn } from '../shared/router/command-jobs';

export function raceCommands(platform: Platform) {
  // The topic's table, made once per instance rather than per message.
  const useCases = commandUseCasesOn('race-commands');
  return pubsubFunction('raceCommands', async (event) => {
    await runCommandJob(raceCommandDeps(platform), parseCommandJob(decodeMessageData(event)), useCases);
  });
}
