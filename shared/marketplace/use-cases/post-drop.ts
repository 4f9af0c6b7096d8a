/**
 * @module post-drop
 * The `/c500 drop` modal submitted: validate every field, check the builder can take
 * payments and the guild has a marketplace channel, then post the drop with Buy Now.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore } from '../../ports';
import { builderPath, canSell } from '../../onboarding';
import { dropPath, stockShardsOf, type Drop } from '../rules/drop';
import { readDropForm } from '../rules/drop-form';
import { dropPost, dropPosted, dropRefusals } from '../rules/drop-messages';
import { shortIdFrom, personName } from '../../common';
import { modalValues, type Interaction, refusals, placeOf } from '../../discord';
import { guildPath } from '../../guild';
import { createStockShards, dropWithStock } from './drop-stock';

export interface PostDropDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  currency: string;
}

export async function postDrop(deps: PostDropDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const { user, guildId } = place;
  const form = readDropForm(modalValues(interaction.data?.components), deps.currency);
  if (!form.ok) return dropRefusals.invalid(form.problems);
  const [builder, guild] = await Promise.all([deps.store.get(builderPath(user.id)), deps.store.get(guildPath(guildId))]);
  if (!canSell(builder)) return dropRefusals.notOnboarded;
  if (!guild?.marketplaceChannelId) return dropRefusals.guildNotSetUp;

  const { draft } = form;
  const dropId = shortIdFrom(`drop:${interaction.id}`);
  const drop: Drop = {
    dropId,
    guildId,
    builderId: user.id,
    builderName: builder?.displayName ?? personName(user),
    title: draft.title,
    description: draft.description,
    priceCents: draft.priceCents,
    currency: deps.currency,
    kind: draft.kind,
    ...(draft.kind === 'ready-to-ship' ? { stock: draft.stock, stockShards: stockShardsOf(draft.stock ?? 0).length } : {}),
    // A queue's slots are its units, taken by Buy Now and given back as a ready-to-ship drop's.
    ...(draft.commission ? { commission: draft.commission, stock: draft.commission.slots, stockShards: stockShardsOf(draft.commission.slots).length } : {}),
    ...(draft.imageUrl ? { imageUrl: draft.imageUrl } : {}),
    channelId: guild.marketplaceChannelId,
    createdAt: deps.clock.now().toISOString(),
    interactionId: interaction.id,
  };
  // Stored before it is posted: a Buy Now click can only ever find a drop that exists.
  // A redelivery finds the drop it made, and posts it only if that post never happened.
  const created = await deps.store.createIfAbsent(dropPath(dropId), drop);
  const stored = created ? drop : ((await deps.store.get(dropPath(dropId))) ?? drop);
  // Another submission's drop under the same short id: never post or claim it as this one.
  if (!created && stored.interactionId !== undefined && stored.interactionId !== interaction.id) return dropRefusals.submitAgain;
  // Its units before its post: a Buy Now can only come once the post exists.
  await createStockShards(deps.store, stored);
  if (!stored.messageId) {
    const { messageId } = await deps.discord.postToChannel(stored.channelId, dropPost((await dropWithStock(deps.store, dropId)) ?? stored));
    await deps.store.update(dropPath(dropId), { messageId });
  }
  return dropPosted(stored);
}
