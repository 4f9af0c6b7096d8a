/**
 * An order's money as the journal would fold it, for the page rules' tests: each figure
 * named, the rest zero. The fold itself is tested against real entries (order-money.test).
 */
import type { OrderMoney } from '../../journal';
import type { Counted } from '../rules/earnings-chart';

export interface MoneyFigures {
  refunded?: number;
  sent?: number;
  reversed?: number;
  netted?: number;
  hostSent?: number;
  hostByHand?: number;
}

export function moneyOf(figures: MoneyFigures = {}): OrderMoney {
  return {
    refundedCents: figures.refunded ?? 0,
    builder: { sentCents: figures.sent ?? 0, reversedCents: figures.reversed ?? 0, nettedCents: figures.netted ?? 0 },
    host: { sentCents: figures.hostSent ?? 0, reversedCents: 0, nettedCents: 0, paidByHandCents: figures.hostByHand ?? 0 },
  };
}

/** The order with the journal's figures beside it. */
export const counted = <T extends object>(order: T, figures: MoneyFigures = {}): Counted<T> => ({ ...order, money: moneyOf(figures) });
