/**
 * @module place-drop
 * The one way a drop comes to be: a checked draft stored under an id its maker derived, its
 * units before its post, then its post with Buy Now in the channel it sells in. `/c500 drop`
 * places one from the modal; a group buy places its extras (`/groupbuy extras`) from
 * its own terms. Placed again (a redelivery, a second run), it finds the drop it made and
 * posts it only if that post never happened.
 */
import type { Clock, DiscordMessenger, DocumentStore } from '../../ports';
import { builderPath, canSell } from '../../onboarding';
import { dropPath, stockShardsOf, type Drop } from '../rules/drop';
import type { DropDraft } from '../rules/drop-form';
import { dropPost } from '../rules/drop-messages';
import { createStockShards, dropWithStock } from './drop-stock';

export interface PlaceDropDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
}

/**
 * Who made a drop, which its id is derived from: only the same maker finds it again. A `/c500
 * drop` submission's interaction, or a group buy (its extras: one drop a group buy), with the
 * command that asked for them.
 */
export type DropOrigin = { interactionId: string } | { fromGroupBuyId: string; interactionId: string };

export interface DropListing {
  dropId: string;
  guildId: string;
  channelId: string;
  builderId: string;
  /** The builder's name when their onboarding record has none. */
  builderName: string;
  currency: string;
  draft: DropDraft;
  origin: DropOrigin;
}

export type Placed = { ok: true; drop: Drop } | { ok: false; problem: 'not-onboarded' | 'crossed' };

/** Whether a drop found under the listing's id is the one this maker made (a drop from before origins were kept is its submission's). */
function madeBy(stored: Drop, origin: DropOrigin): boolean {
  if ('fromGroupBuyId' in origin) return stored.fromGroupBuyId === origin.fromGroupBuyId;
  return stored.fromGroupBuyId === undefined && (stored.interactionId === undefined || stored.interactionId === origin.interactionId);
}

function dropOf(listing: DropListing, builderName: string, createdAt: string): Drop {
  const { draft } = listing;
  return {
    dropId: listing.dropId,
    guildId: listing.guildId,
    builderId: listing.builderId,
    builderName,
    title: draft.title,
    description: draft.description,
    priceCents: draft.priceCents,
    currency: listing.currency,
    kind: draft.kind,
    ...(draft.kind === 'ready-to-ship' ? { stock: draft.stock, stockShards: stockShardsOf(draft.stock ?? 0).length } : {}),
    // A queue's slots are its units, taken by Buy Now and given back as a ready-to-ship drop's.
    ...(draft.commission ? { commission: draft.commission, stock: draft.commission.slots, stockShards: stockShardsOf(draft.commission.slots).length } : {}),
    ...(draft.imageUrl ? { imageUrl: draft.imageUrl } : {}),
    channelId: listing.channelId,
    createdAt,
    interactionId: listing.origin.interactionId,
    ...('fromGroupBuyId' in listing.origin ? { fromGroupBuyId: listing.origin.fromGroupBuyId } : {}),
  };
}

export async function placeDrop(deps: PlaceDropDeps, listing: DropListing): Promise<Placed> {
  const builder = await deps.store.get(builderPath(listing.builderId));
  if (!canSell(builder)) return { ok: false, problem: 'not-onboarded' };
  const drop = dropOf(listing, builder?.displayName ?? listing.builderName, deps.clock.now().toISOString());
  // Stored before it is posted: a Buy Now click can only ever find a drop that exists.
  const created = await deps.store.createIfAbsent(dropPath(drop.dropId), drop);
  const stored = created ? drop : ((await deps.store.get(dropPath(drop.dropId))) ?? drop);
  // Another maker's drop under the same short id: never post or claim it as this one.
  if (!created && !madeBy(stored, listing.origin)) return { ok: false, problem: 'crossed' };
  // Its units before its post: a Buy Now can only come once the post exists.
  await createStockShards(deps.store, stored);
  if (stored.messageId) return { ok: true, drop: stored };
  // Discord's nonce: two placings racing (or a crash between the post and its id kept) within minutes make one post.
  const post = { ...dropPost((await dropWithStock(deps.store, drop.dropId)) ?? stored), nonce: `drop-${drop.dropId}`, enforce_nonce: true };
  const { messageId } = await deps.discord.postToChannel(stored.channelId, post);
  await deps.store.update(dropPath(drop.dropId), { messageId });
  return { ok: true, drop: { ...stored, messageId } };
}
