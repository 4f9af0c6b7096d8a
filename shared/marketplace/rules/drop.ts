/**
 * @module drop
 * A drop: something a builder sells with a Buy Now button. A commission is built to order
 * (no stock limit); a ready-to-ship item has a stock that is reserved when a checkout
 * starts and given back when it expires. Stored at `drops/<drop id>`.
 */
import { collectionPath, docPath } from '../../ports';
import type { CommissionTerms, Order } from '../../orders';

export const dropKinds = ['commission', 'ready-to-ship'] as const;
export type DropKind = (typeof dropKinds)[number];

export interface Drop {
  dropId: string;
  guildId: string;
  builderId: string;
  builderName: string;
  title: string;
  description: string;
  priceCents: number;
  currency: string;
  kind: DropKind;
  /**
   * Ready-to-ship only: how many were listed, and how many are not reserved or sold. With
   * `stockShards`, the units left live in that many shard documents (`stockAvailable` is
   * then their sum as read, never stored), so Buy Nows on one drop do not all write one
   * document: Firestore sustains about one write a second per document.
   */
  stock?: number;
  stockAvailable?: number;
  stockShards?: number;
  /**
   * A commission sold from the builder's queue (issue 34): its slots are its units (`stock`
   * is the slot count, taken and given back as a ready-to-ship drop's), and each paid order
   * takes a place in the builder's line. Absent: built to order with no limit.
   */
  commission?: CommissionTerms;
  imageUrl?: string;
  channelId: string;
  messageId?: string;
  createdAt: string;
  /**
   * The command that made it. A `/c500 drop` submission's: the drop's id is derived from it,
   * and only it may find the drop again. A group buy's extras: the `/groupbuy extras` that
   * asked for them first.
   */
  interactionId?: string;
  /** A group buy's extras (units left after its MOQ, sold ready to ship): the group buy. Its id is derived from it: one extras drop a group buy. */
  fromGroupBuyId?: string;
}

export const dropsCollection = collectionPath<Drop>('drops');
export const dropPath = (dropId: string) => docPath<Drop>(`${dropsCollection}/${dropId}`);

/** The custom id of a drop's Buy Now button. */
export const buyNowCustomId = (dropId: string) => `buy:${dropId}`;
export const dropModalCustomId = 'drop:create';

export function dropIdFromBuyNow(customId: string): string | undefined {
  const match = /^buy:([0-9a-z-]{4,60})$/.exec(customId);
  return match?.[1];
}

/** A shard of a ready-to-ship drop's units left. */
export interface StockShard {
  available: number;
}

/** Up to eight shards: enough to spread a hype moment, few enough to read when the drop runs low. */
export const maxStockShards = 8;

export const stockShardsPath = (dropId: string) => collectionPath<StockShard>(`${dropPath(dropId)}/stock`);
export const stockShardPath = (dropId: string, shard: number) => docPath<StockShard>(`${stockShardsPath(dropId)}/${shard}`);

/** The units of a new drop dealt over its shards: 10 over 8 -> [2, 2, 1, 1, 1, 1, 1, 1]. */
export function stockShardsOf(stock: number): number[] {
  const count = Math.max(1, Math.min(maxStockShards, stock));
  return Array.from({ length: count }, (_, i) => Math.floor(stock / count) + (i < stock % count ? 1 : 0));
}

/** A drop that sells a limited number: ready-to-ship units, or a commission's slots. */
export function hasUnits(drop: Pick<Drop, 'kind' | 'commission'>): boolean {
  return drop.kind === 'ready-to-ship' || drop.commission !== undefined;
}

/**
 * An order that took one of its drop's units (or slots): it goes back when the order lapses or
 * is refunded before it ships. Only a drop's: a group buy's order is typed a commission (its
 * tranches and promise) and a prize ready to ship, but neither came from a drop, and their
 * `sourceId` names a group buy or a giveaway, never a drop to give a unit back to.
 */
export function holdsUnit(order: Pick<Order, 'source' | 'dropKind' | 'commission'>): boolean {
  if (order.source !== 'drop') return false;
  return order.dropKind === 'ready-to-ship' || (order.dropKind === 'commission' && order.commission !== undefined);
}

/** How long past its deadline an unpaid order with a session waits for Stripe's own expiry (or a last-moment payment) before the sweep lets it go. */
export const SESSION_GRACE_MS = 60 * 60_000;

/**
 * Whether a drop's order awaiting payment is past saving: its deadline has passed, and (when a
 * session was opened for it) the grace after it too. An order with no deadline is left alone.
 */
export function reservationLapsed(order: Pick<Order, 'source' | 'status' | 'checkoutExpiresAt' | 'checkoutSessionId'>, nowMs: number): boolean {
  if (order.source !== 'drop' || order.status !== 'awaiting-payment') return false;
  const dueAtMs = Date.parse(order.checkoutExpiresAt ?? '');
  if (!Number.isFinite(dueAtMs)) return false;
  return nowMs >= dueAtMs + (order.checkoutSessionId ? SESSION_GRACE_MS : 0);
}

export function isSoldOut(drop: Drop): boolean {
  return hasUnits(drop) && (drop.stockAvailable ?? 0) <= 0;
}

/** One open checkout per buyer and drop: pressing Buy Now again hands back the same link. */
export interface CheckoutHold {
  orderId: string;
}

export const checkoutHoldPath = (dropId: string, buyerId: string) => docPath<CheckoutHold>(`checkoutHolds/${dropId}_${buyerId}`);
