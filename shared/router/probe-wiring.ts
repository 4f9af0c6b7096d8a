/**
 * @module probe-wiring
 * What `syntheticProbe` is handed: the ingress's own URL (the one Discord calls), the probe's
 * key, the book the bid subscriber keeps the probe bid's decision in, and Discord's API, which
 * says the application's public key (so a wrong DISCORD_PUBLIC_KEY fails the probe's `key` check).
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
    applicationKey: discordApplicationKey(discordApplicationOf(platform.config)),
    pause: () => new Promise((resolve) => setTimeout(resolve, probeDecisionReads.everyMs)),
    attempts: probeDecisionReads.attempts,
  };
}

/** Where Discord's API says the application's key: Get Current Application, with the bot token. */
export interface DiscordApplicationApi {
  url: string;
  headers: Record<string, string>;
}

/** The configured Discord API (the local Discord in the local runtime), asked as the bot. */
export function discordApplicationOf(config: Config): DiscordApplicationApi {
  return { url: `${config.discordApiUrl}/applications/@me`, headers: { authorization: `Bot ${required(config, 'DISCORD_BOT_TOKEN')}` } };
}

/** Discord's `verify_key` of the application the token is for: the key Discord signs its interactions with. */
export function discordApplicationKey(api: DiscordApplicationApi): () => Promise<string | undefined> {
  return async () => {
    const response = await fetch(api.url, { headers: api.headers, signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`GET /applications/@me answered ${response.status}`);
    const application = (await response.json()) as { verify_key?: unknown };
    return typeof application.verify_key === 'string' ? application.verify_key : undefined;
  };
}
