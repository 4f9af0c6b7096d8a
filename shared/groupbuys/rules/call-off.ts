/**
 * @module call-off
 * When a builder may call a group buy off (`/groupbuy cancel`), and what it does, as
 * values. Before the close: every pledge is let go and nobody is charged. After the close, as
 * Kickstarter does, a group buy whose MOQ was met proceeds even when lapsed pay links left it
 * below the MOQ, so calling it off is the builder's choice, and a safe one only before anything
 * was built: once funded (no pledge left to charge or waiting on its buyer) and before any
 * milestone is proved or any order shipped, every order is refunded in full through payments'
 * refund path. While its pledges are being charged, it waits for the charging's end. Pure.
 */
import type { Order } from '../../orders';
import type { GroupBuy, PledgeStatus } from './group-buy';

/** The pledges a call-off before the close lets go: every one that joined and has not left (nothing was charged to any). */
export const releasedAtCallOff: readonly PledgeStatus[] = ['saving-card', 'pledged', 'waitlisted'];

/** The pledges a call-off after the close refunds: those whose charge (or pay link) made a paid order. */
export const refundedAtCallOff: readonly PledgeStatus[] = ['charged', 'paid'];

export type CallOff = { kind: 'before-close' } | { kind: 'after-close' } | { kind: 'refused'; why: 'not-met' | 'charging' | 'cancelled' | 'proved' };

/**
 * What calling this group buy off now would be, by its own document (its orders are judged
 * apart: `provedOrder`). A milestone proved for the whole group buy refuses it even before its
 * fan-out has reached any order: both are decided on this document, so a call-off and a proof
 * never both go ahead.
 */
export function callOffOf(groupBuy: Pick<GroupBuy, 'status' | 'milestones'>): CallOff {
  switch (groupBuy.status) {
    case 'open':
      return { kind: 'before-close' };
    case 'funded':
      return (groupBuy.milestones ?? []).length > 0 ? { kind: 'refused', why: 'proved' } : { kind: 'after-close' };
    case 'charging':
      return { kind: 'refused', why: 'charging' };
    case 'not-met':
      return { kind: 'refused', why: 'not-met' };
    case 'cancelled':
      return { kind: 'refused', why: 'cancelled' };
  }
}

/**
 * The first order of the group buy on which the builder already moved production on: a
 * milestone proved live (or `done`), a tranche sent, or the order shipped. Any one keeps the
 * group buy from being called off as a whole: refunds are then given order by order.
 */
export function provedOrder(orders: readonly Order[]): Order | undefined {
  return orders.find((o) => {
    const c = o.commission;
    return (
      o.status === 'building' ||
      o.status === 'shipped' ||
      o.proof != null ||
      c?.milestone !== undefined ||
      (c?.proofs ?? []).length > 0 ||
      (c?.advances ?? []).length > 0 ||
      o.payouts.builder.transferId !== undefined
    );
  });
}

/** Whether a call-off may close this order and refund it: paid and not yet ended (a refund, a buyer's late cancel, a lost dispute end it otherwise). */
export const closedByCallOff = (order: Pick<Order, 'status' | 'commission'>): boolean =>
  (order.status === 'paid' || order.status === 'building') && order.commission?.ended === undefined;
