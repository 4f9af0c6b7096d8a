/**
 * @module show-queue
 * `/c500 queue line [builder:@b]` (and `/c500 queue [builder:@b]`): a builder's line, to the
 * one who asked. Without a builder, the asker's own queue.
 */
import type { Clock, DiscordMessage, DocumentStore } from '../../ports';
import { commandCall, placeOf, refusals, type Interaction } from '../../discord';
import { isSnowflake } from '../../common';
import { queueRefusals, queueView } from '../rules/queue-messages';
import { readLine } from './read-line';

export interface ShowQueueDeps {
  store: DocumentStore;
  clock: Clock;
  publicBaseUrl: string;
}

export async function showQueue(deps: ShowQueueDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const named = commandCall(interaction).options.builder;
  const builderId = typeof named === 'string' ? named : place.user.id;
  if (!isSnowflake(builderId)) return queueRefusals.notABuilder;
  const line = await readLine(deps, builderId);
  if (!line.hasQueue) return queueRefusals.notABuilder;
  const pageUrl = `${deps.publicBaseUrl.replace(/\/+$/, '')}/queue/${builderId}`;
  return queueView(line.builderName, line.places, { userId: place.user.id, guildId: place.guildId }, line.record, pageUrl);
}
