/**
 * @module answer-interaction
 * What the Discord ingress does once the signature is good: answer in the request, or
 * publish the work and answer "deferred". The publish is awaited before answering: a
 * gen2 function loses its CPU once it has answered.
 */
import { required } from '../config';
import type { Platform } from '../platform';
import { systemClock, type EventPublisher } from '../ports';
import { log } from '../log';
import { discordVerifier } from '../adapters/discord/verify-discord-request';
import { EPHEMERAL, ResponseType, type Interaction } from '../discord';
import { deferredResponse, routeInteraction, type CommandJob, type InteractionResponse } from './route-interaction';
import { RecentIds } from '../common';

export interface AnswerInteractionDeps {
  publisher: EventPublisher;
  recent: RecentIds;
  /** The marketplace's currency, which typed amounts are read in. */
  currency: string;
}

export async function answerInteraction(interaction: Interaction, deps: AnswerInteractionDeps): Promise<InteractionResponse> {
  const route = routeInteraction(interaction, { currency: deps.currency });
  if (route.kind === 'reply') return route.response;
  const job: CommandJob = { job: route.job, interaction };
  try {
    await deps.recent.once(interaction.id, () => deps.publisher.publish(route.topic, job, { attributes: { interactionId: interaction.id, job: route.job } }));
  } catch (error) {
    // Pub/Sub refused or timed out (its deadline sits inside Discord's 3 s): the person is told in words,
    // never a 500 Discord shows as "This interaction failed". A timed-out publish may still have landed, so
    // the words do not say nothing happened; if it did, the subscriber's edit replaces them. The line pages.
    log.error('interaction not taken: publishing its work failed', { event: 'interaction.not-taken', job: route.job, topic: route.topic, error });
    return notTaken;
  }
  return deferredResponse(route.ephemeral, route.updatesMessage);
}

/** The answer when an interaction's work could not be handed to its subscriber: only the person sees it. */
export const notTaken: InteractionResponse = {
  type: ResponseType.Message,
  data: { flags: EPHEMERAL, content: 'C500 couldn’t be sure it got that just now. If nothing happens in a few seconds, try again.' },
};

/** What the ingress is handed, made at cold start: the check of Discord's signature, its memory of recent interactions and its publisher. */
export function interactionIngressDeps(platform: Platform): AnswerInteractionDeps & { isSignedByDiscord: ReturnType<typeof discordVerifier> } {
  return {
    // Discord stamps its requests with the wall clock: a local run's own clock (a test moving an auction's end) must not judge them.
    isSignedByDiscord: discordVerifier(required(platform.config, 'DISCORD_PUBLIC_KEY'), systemClock),
    recent: new RecentIds(),
    // Built at cold start, not on the first interaction, which has only 3 s.
    publisher: platform.publisher(),
    currency: platform.config.marketplace.currency,
  };
}
