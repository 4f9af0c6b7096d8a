/**
 * Loads a registry entry's factory from its own file, so a process loads only the
 * functions it hosts (a deployed function: one; the local runtime: all).
 */
import type { HttpFunction } from '@google-cloud/functions-framework';
import type { HostedFunction, Platform } from '../shared/platform';
import type { DiscordMessenger, PubSubHandler } from '../shared/ports';
import { loggedCalls, tracedPlatform } from '../shared/outbound-calls';
import type { FunctionEntry } from '../shared/registry';

export function hostFunction(entry: FunctionEntry, platform: Platform): HostedFunction {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design
  const exported = (require(`./${entry.module}`) as Record<string, unknown>)[entry.name];
  if (typeof exported !== 'function') throw new Error(`functions/${entry.module} does not export ${entry.name}`);
  // Whatever the platform, nothing reaches Discord over its limits.
  let discord: DiscordMessenger | undefined;
  const fitted = () => {
    // Loaded with the first Discord call: an ingress that never makes one never loads it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design
    const { fittedMessenger } = require('../shared/adapters/discord/fitted-messenger') as typeof import('../shared/adapters/discord/fitted-messenger');
    return loggedCalls('discord', fittedMessenger(platform.discord()));
  };
  // Each call out is a span of the trace that made it (shared/outbound-calls); to Discord, Stripe or Twitch, a line too.
  const handler: unknown = exported({ ...platform, ...tracedPlatform(platform), discord: () => (discord ??= fitted()) });
  // A function kept warm for a show's herd (the capacity model's minInstances) makes the clients its every request uses
  // with the instance, before its first request: a lot's first bids must not each wait on a client being built.
  if (entry.minInstances !== undefined) {
    if (entry.secrets.includes('DISCORD_BOT_TOKEN')) discord ??= fitted();
    if (entry.secrets.includes('UPSTASH_REDIS_REST_URL')) platform.auctionBook();
  }
  return entry.kind === 'pubsub' ? { kind: 'pubsub', handler: handler as PubSubHandler } : { kind: entry.kind, handler: handler as HttpFunction };
}
