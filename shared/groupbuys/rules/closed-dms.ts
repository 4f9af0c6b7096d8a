/**
 * @module closed-dms
 * Where a member whose DMs are closed hears a group buy's news instead of by DM: a mention in
 * the group buy's own channel (payments' closed-DM notices: which group buy, where to look,
 * how to open their DMs; never an amount, a link or an address). Pure.
 */
import type { ChannelFallback } from '../../discord';
import { closedDmNotices } from '../../payments';
import type { Order } from '../../orders';
import type { GroupBuy } from './group-buy';

/** Any news of the group buy for this member: the mention says which, and that its post shows where it stands. */
export const inItsChannel = (groupBuy: Pick<GroupBuy, 'channelId' | 'title'>, memberId: string): ChannelFallback => ({
  channelId: groupBuy.channelId,
  notice: closedDmNotices.groupBuyNews(memberId, groupBuy.title),
});

/** A charged pledge's receipt: the order's own notice, as every paid order's receipt has. */
export const receiptInItsChannel = (groupBuy: Pick<GroupBuy, 'channelId'>, order: Pick<Order, 'buyerId' | 'orderId'>): ChannelFallback => ({
  channelId: groupBuy.channelId,
  notice: closedDmNotices.receipt(order.buyerId, order.orderId),
});
