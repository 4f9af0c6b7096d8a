/**
 * Discord interactions ingress: verify the signature on the raw body, then answer in the
 * request or defer and publish. Loads no Firestore or Stripe code: Discord allows 3 s.
 * The synthetic probe's key opens its PING and its bid alone (shared/router/probe-ingress).
 */
import type { Platform } from '../shared/platform';
import { httpFunction, rawBodyOf } from '../shared/triggers/http-trigger';
import { readInteraction } from '../shared/discord';
import { discordSignatureShape, jsonOf } from '../shared/common';
import { log } from '../shared/log';
import { nameTraceEvent } from '../shared/trace-context';
import { claimsToBeProbe } from '../shared/probe';
import { answerInteraction, interactionIngressDeps } from '../shared/router/answer-interaction';
import { answerProbe, probeVerifier, refuseClaimToBeProbe, signerCheck } from '../shared/router/probe-ingress';
import { rehearseInteractions } from '../shared/router/rehearse-interactions';

export function discordInteractions(platform: Platform) {
  const deps = interactionIngressDeps(platform);
  const signedBy = signerCheck(deps.isSignedByDiscord, probeVerifier(platform));
  // Before its first request the instance answers made-up bids of its own, published nowhere: the herd's first second meets compiled code.
  void rehearseInteractions(deps.currency).then(({ rounds, offRoute }) => {
    if (offRoute > 0) log.warn('ingress rehearsal off route', { event: 'ingress.rehearsal', rounds, offRoute });
  });
  return httpFunction('discordInteractions', async (req) => {
    const body = rawBodyOf(req);
    const [signature, timestamp] = [req.get('x-signature-ed25519'), req.get('x-signature-timestamp')];
    // On the answer's line: the Discord signature SLI counts fresh, well-formed signatures only (a wrong key refuses them all).
    const shape = discordSignatureShape(signature, timestamp, platform.clock.now().getTime());
    nameTraceEvent({ signature: shape });
    const signer = signedBy(body, signature, timestamp);
    if (!signer) {
      log.warn('webhook refused', { event: 'webhook.refused', source: 'discord', reason: 'signature', shape });
      return { status: 401, text: 'invalid request signature' };
    }
    const read = readInteraction(jsonOf(body));
    if (!read.ok) return { status: 400, text: `not an interaction this app can answer: ${read.problem}` };
    if (signer === 'probe') return answerProbe(read.interaction, deps, platform.config.secrets.DISCORD_PUBLIC_KEY);
    if (claimsToBeProbe(read.interaction)) return refuseClaimToBeProbe();
    nameTraceEvent({ interactionId: read.interaction.id });
    return { status: 200, json: await answerInteraction(read.interaction, deps) };
  });
}
