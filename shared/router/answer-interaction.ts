/**
 * @module answer-interaction
 * What the Discord ingress does once the signature is good: answer in the request, or
 * publish the work and answer "deferred". The publish is awaited before answering: a
 * gen2 function loses its CPU once it has answered.
 */
import type { EventPublisher } from '../ports';
import type { Interaction } from '../discord';
import { deferredResponse, routeInteraction, type CommandJob, type InteractionResponse } from './route-interaction';
import type { RecentIds } from '../common';

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
  await deps.recent.once(interaction.id, () => deps.publisher.publish(route.topic, job, { attributes: { interactionId: interaction.id, job: route.job } }));
  return deferredResponse(route.ephemeral);
}
