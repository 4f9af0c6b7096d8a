/**
 * @module probe-ingress
 * The ingress's door for the synthetic probe. The probe signs with a key pair of its own
 * (PROBE_PUBLIC_KEY here; the private key is the probe's alone), checked with the same code
 * and freshness as Discord's signature. What the probe's key opens is two requests and
 * nothing else: a PING, and a bid on the probe's own lot, which is published to the bid
 * subscriber as a `probe-bid` job. Any other request it signs is refused; a request Discord
 * signed that claims to be the probe's is refused too, so neither key reaches the other's world.
 */
import type { Platform } from '../platform';
import { systemClock } from '../ports';
import { discordVerifier, type DiscordVerifier } from '../adapters/discord/verify-discord-request';
import { ResponseType, deferredResponse, type Interaction } from '../discord';
import { probeBidJob, probeRequestOf } from '../probe';
import { log } from '../log';
import { nameTraceEvent } from '../trace-context';
import type { HttpAnswer } from '../triggers/http-trigger';
import type { AnswerInteractionDeps } from './answer-interaction';

export type Signer = 'discord' | 'probe';

/** Who signed the request: Discord, the probe, or nobody we know (undefined). */
export type SignerCheck = (rawBody: Buffer, signature: string | undefined, timestamp: string | undefined) => Signer | undefined;

/** Discord's key first (the herd's path costs one check); the probe's, when configured, only for what Discord did not sign. */
export function signerCheck(isSignedByDiscord: DiscordVerifier, isSignedByProbe: DiscordVerifier | undefined): SignerCheck {
  return (rawBody, signature, timestamp) => {
    if (isSignedByDiscord(rawBody, signature, timestamp)) return 'discord';
    return isSignedByProbe?.(rawBody, signature, timestamp) ? 'probe' : undefined;
  };
}

/** The probe's verifier, made at cold start; without PROBE_PUBLIC_KEY the probe's door stays shut. */
export function probeVerifier(platform: Platform): DiscordVerifier | undefined {
  const key = platform.config.secrets.PROBE_PUBLIC_KEY;
  return key ? discordVerifier(key, systemClock) : undefined;
}

/**
 * A probe-signed interaction: a PING is answered, the probe's bid published; anything else is refused.
 * The PONG says which Discord key this ingress holds (public: the developer portal shows it), so the
 * probe can hold it against the application's as Discord reports it.
 */
export async function answerProbe(interaction: Interaction, deps: AnswerInteractionDeps, discordPublicKey: string | undefined): Promise<HttpAnswer> {
  // The answer's `http.answered` line says it was the probe's, so an SLI can leave synthetic traffic out.
  nameTraceEvent({ probeInteractionId: interaction.id });
  const request = probeRequestOf(interaction);
  if (request === undefined) {
    log.warn('webhook refused', { event: 'webhook.refused', source: 'probe', reason: 'not-a-probe-request' });
    return { status: 403, text: 'the probe’s key signs a PING or the probe’s bid, nothing else' };
  }
  if (request === 'ping') return { status: 200, json: { type: ResponseType.Pong, ...(discordPublicKey ? { discord_public_key: discordPublicKey } : {}) } };
  const job = { job: probeBidJob, interaction };
  await deps.recent.once(interaction.id, () =>
    deps.publisher.publish('auction-bids', job, { attributes: { interactionId: interaction.id, job: probeBidJob } }),
  );
  return { status: 200, json: deferredResponse(true) };
}

/** Discord's key never opens the probe's lot. */
export function refuseClaimToBeProbe(): HttpAnswer {
  log.warn('webhook refused', { event: 'webhook.refused', source: 'discord', reason: 'claims-to-be-probe' });
  return { status: 403, text: 'only the probe’s key signs the probe’s requests' };
}
