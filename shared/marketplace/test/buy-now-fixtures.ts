/**
 * What the Buy Now tests share: the server, channel and builder a drop lives in, a clock at
 * its moment, a Stripe that fails any call (these presses must not reach it), and an order
 * on the drop awaiting payment.
 */
import type { Order } from '../../payments';
import type { Payments } from '../../ports';

export const GUILD = '900000000000000001';
export const CHANNEL = '910000000000000002';
export const BUILDER = '800000000000000009';

export const clock = { now: () => new Date('2026-11-22T12:00:00Z') };

export const noPayments = new Proxy({} as Payments, { get: (_t, key) => () => Promise.reject(new Error(`Stripe was asked to ${String(key)}`)) });

/** An order of `buyerId`'s on drop1, awaiting payment unless `fields` say otherwise. */
export const orderOnTheDrop = (orderId: string, buyerId: string, fields: Partial<Order> = {}): Order => ({
  orderId,
  source: 'drop',
  sourceId: 'drop1',
  dropKind: 'ready-to-ship',
  guildId: GUILD,
  title: 'Board',
  buyerId,
  buyerName: 'Buyer',
  builderId: BUILDER,
  builderName: 'B',
  amountCents: 12_000,
  currency: 'usd',
  platformFeeCents: 1_200,
  builderShareCents: 10_800,
  status: 'awaiting-payment',
  createdAt: '2026-11-22T11:58:00Z',
  ...fields,
});
