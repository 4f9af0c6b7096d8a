/**
 * @module probe-wiring
 * What `syntheticProbe` is handed: the ingress's own URL (the one Discord calls), the probe's
 * key, and the book the bid subscriber keeps the probe bid's decision in.
 */
import type { Platform } from '../platform';
import type { Config } from '../config';
import { required } from '../config';
import { deployedName, registryEntry } from '../registry';
import { probePrivateKey, probeSigner, type ProbeDeps } from '../probe';

/** Reads of the decision, a second apart: the bid is usually decided within a second of its answer. */
export const probeDecisionReads = { attempts: 15, everyMs: 1_000 } as const;

/**
 * The Discord ingress's own URL, as Discord reaches it (terraform's `discord_interactions_url`):
 * the tasks base URL names each function's URL; locally, everything is at the runtime's URL.
 */
export function ingressBaseUrl(config: Config): string {
  const ingress = registryEntry('discordInteractions', 'http');
  return config.tasksBaseUrl.includes('{function}') ? config.tasksBaseUrl.replace('{function}', deployedName(ingress)) : config.publicBaseUrl;
}

export function syntheticProbeDeps(platform: Platform): ProbeDeps {
  const book = platform.auctionBook();
  return {
    baseUrl: ingressBaseUrl(platform.config),
    sign: probeSigner(probePrivateKey(required(platform.config, 'PROBE_PRIVATE_KEY'))),
    clock: platform.clock,
    fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(10_000) }),
    readBidDecision: (probeId) => book.probeDecision(probeId),
    pause: () => new Promise((resolve) => setTimeout(resolve, probeDecisionReads.everyMs)),
    attempts: probeDecisionReads.attempts,
  };
}
