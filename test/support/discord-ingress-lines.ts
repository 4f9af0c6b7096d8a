/**
 * The Discord interactions ingress as deployed (functions/discord-interactions.ts), handed
 * really signed requests in process, and the log lines it writes as Cloud Logging stores them:
 * what the SLO evaluator and terraform's log metrics read of a key that is, or is not, the
 * application's. Nothing is published anywhere: the publisher answers a message id.
 */
import type { Request, Response } from '@google-cloud/functions-framework';
import { discordInteractions } from '../../functions/discord-interactions';
import type { Config } from '../../shared/config';
import { generateDiscordKeyPair, interactionSigner } from '../../shared/local/discord-signing';
import type { Platform } from '../../shared/platform';
import { systemClock } from '../../shared/ports';
import { probeInteraction } from '../../shared/probe';
import { madeUpInteraction } from '../../shared/router/rehearse-interactions';
import { logEntryOf, type LogEntry } from '../../scripts/slo/logging-filter';
import { logLinesOf } from './log-lines';

export interface DiscordTraffic {
  /** Whether the ingress holds the key Discord signs with (a wrong DISCORD_PUBLIC_KEY: it does not). */
  rightKey: boolean;
  /** Members' interactions Discord signs and sends: bids on a lot. */
  interactions: number;
  /** The synthetic probe's PINGs, signed with the probe's own key, which the ingress holds either way. */
  probePings: number;
}

/** The lines one ingress instance writes for that traffic, in order, each request answered before the next. */
export async function discordIngressLines(traffic: DiscordTraffic): Promise<LogEntry[]> {
  const discord = generateDiscordKeyPair();
  const configured = traffic.rightKey ? discord : generateDiscordKeyPair();
  const probe = generateDiscordKeyPair();
  const config = {
    runtime: 'gcp',
    secrets: { DISCORD_PUBLIC_KEY: configured.publicKeyHex, PROBE_PUBLIC_KEY: probe.publicKeyHex },
    marketplace: { currency: 'usd' },
  } as unknown as Config;
  const platform = { config, clock: systemClock, publisher: () => ({ publish: async () => 'message-1' }) } as unknown as Platform;
  const [signedByDiscord, signedByProbe] = [interactionSigner(discord.privateKeyHex), interactionSigner(probe.privateKeyHex)];
  const res = { writeHead: () => res, end: () => res } as unknown as Response;
  const request = (body: string, headers: Record<string, string>) =>
    ({ get: (name: string) => headers[name.toLowerCase()], headers, path: '/', rawBody: Buffer.from(body), body: {} }) as unknown as Request;
  const { lines } = await logLinesOf(async () => {
    const ingress = discordInteractions(platform);
    for (let i = 0; i < traffic.interactions; i++) {
      const body = JSON.stringify(madeUpInteraction(i));
      await ingress(request(body, signedByDiscord(body)), res);
    }
    for (let i = 0; i < traffic.probePings; i++) {
      const body = JSON.stringify(probeInteraction('ping', Date.now(), i));
      await ingress(request(body, signedByProbe(body)), res);
    }
  });
  return lines.map(logEntryOf);
}
