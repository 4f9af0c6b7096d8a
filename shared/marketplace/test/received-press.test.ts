/**
 * The Received button's id and who may press it, as the pure rules decide, plus the edges of
 * a tracking reference typed for another carrier.
 */
import type { Order } from '../../orders';
import { addressErasableAtMs, judgeReceivedPress, orderIdFromReceived, receivedButtonId } from '../rules/delivery';
import { trackingOf } from '../rules/tracking';
import { sampleAddress } from '../../../test/support/shipping-address';
import { anOrder } from '../../../test/support/orders';

const buyer = '820000000000000001';
const order = (over: Partial<Order> = {}): Order =>
  anOrder({
    orderId: 'ship-0001',
    sourceId: 'drop-1',
    dropKind: 'commission',
    guildId: '900000000000000001',
    title: 'Lavender 65%',
    buyerId: buyer,
    buyerName: 'Bo Buyer',
    builderId: '810000000000000001',
    builderName: 'Dee Builder',
    amountCents: 24_000,
    platformFeeCents: 2_400,
    builderShareCents: 21_600,
    status: 'shipped',
    createdAt: '2026-10-01T12:00:00.000Z',
    shippedAt: '2026-10-02T12:00:00.000Z',
    ...over,
  });

describe('the Received button’s id', () => {
  it('is received:<order id>, and a bare order id is not one', () => {
    expect(receivedButtonId('ship-0001')).toBe('received:ship-0001');
    expect(orderIdFromReceived('ship-0001')).toBeUndefined();
  });
});

describe('a Received press', () => {
  it('tells an unknown order from someone else’s only as not found or not the buyer', () => {
    expect(judgeReceivedPress(undefined, buyer, undefined)).toEqual({ kind: 'refused', reason: 'not-found' });
    expect(judgeReceivedPress(order(), '820000000000000099', undefined)).toEqual({ kind: 'refused', reason: 'not-buyer' });
  });

  it('answers a second press with who marked it received, the buyer when nobody is recorded', () => {
    const receivedAt = '2026-10-05T09:00:00.000Z';
    expect(judgeReceivedPress(order({ receivedAt }), buyer, undefined)).toEqual({ kind: 'already', receivedAt, by: 'buyer' });
    expect(judgeReceivedPress(order({ receivedAt, receivedBy: 'timeout' }), buyer, undefined)).toEqual({ kind: 'already', receivedAt, by: 'timeout' });
  });
});

describe('when an address may be erased', () => {
  it('keeps the address of an order refunded only in part, which is still on its way', () => {
    const partly = order({ refundedAt: '2026-10-05T09:00:00.000Z', shippingAddress: sampleAddress });
    expect(addressErasableAtMs(partly, 90)).toBeUndefined();
  });
});

describe('another carrier’s reference', () => {
  it('accepts up to 100 characters', () => {
    expect(trackingOf('other', 'a'.repeat(100))).toEqual({ ok: true, carrier: 'other', tracking: 'a'.repeat(100) });
  });

  it('is asked for when none was given', () => {
    expect(trackingOf('other', undefined)).toEqual({ ok: false, problem: 'text' });
    expect(trackingOf('ups', 12345678)).toEqual({ ok: false, problem: 'number' });
  });
});
