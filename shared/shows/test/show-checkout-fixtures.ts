/** A small show checkout and its paid orders, for what winners and builders read about them. */
import type { Order } from '../../orders';
import type { ShowCheckout, ShowCheckoutLot } from '../rules/show-checkout';
import { anOrder } from '../../../test/support/orders';

export const lot = (orderId: string, title: string, amountCents: number): ShowCheckoutLot => ({
  orderId,
  auctionId: `a${orderId.slice(1)}`,
  title,
  amountCents,
  platformFeeCents: 0,
  hostCutCents: 0,
});

export const checkoutOf = (lots: ShowCheckoutLot[], extra: Partial<ShowCheckout> = {}): ShowCheckout => ({
  checkoutId: 'chk00001',
  showId: 'show0001',
  guildId: '900000000000000001',
  channelId: '910000000000000001',
  showTitle: 'Friday keebs',
  hostId: '800000000000000010',
  buyerId: '800000000000000031',
  buyerName: 'Ren',
  builderId: '800000000000000021',
  builderName: 'Juno',
  currency: 'usd',
  round: 0,
  lots,
  status: 'open',
  createdAt: '2026-11-27T20:00:00.000Z',
  ...extra,
});

export const paidOrder = (orderId: string, extra: Partial<Order> = {}): Order =>
  anOrder({
    orderId,
    source: 'auction',
    sourceId: `a${orderId.slice(1)}`,
    dropKind: 'auction',
    offerRank: 0,
    guildId: '900000000000000001',
    title: `Board ${orderId}`,
    buyerId: '800000000000000031',
    buyerName: 'Ren',
    builderId: '800000000000000021',
    builderName: 'Juno',
    amountCents: 10_000,
    platformFeeCents: 1_000,
    hostCutCents: 1_000,
    builderShareCents: 8_000,
    status: 'paid',
    createdAt: '2026-11-27T20:00:00.000Z',
    showId: 'show0001',
    hostId: '800000000000000010',
    ...extra,
  });

/** Eight-character order ids, as the orders really carry them. */
export const orderIds = (count: number): string[] => Array.from({ length: count }, (_, i) => `o${String(i).padStart(7, '0')}`);
