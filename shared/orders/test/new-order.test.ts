/** Every seller makes its order with `newOrder`: the price split as each seller split it by hand before, and nothing else set. */
import fc from 'fast-check';
import { shareOf } from '../../common';
import { newOrder, type Sale } from '../../orders';
import { hostCutThatFits, splitLot } from '../../orders';
import type { OrderCommission } from '../../orders';
import { testSale } from '../../../test/support/orders';

describe('a new order', () => {
  it('GIVEN a drop’s sale THEN it awaits payment with the fee taken from the price and the rest the builder’s, and no payout yet', () => {
    expect(newOrder({ ...testSale, checkoutExpiresAt: '2026-11-22T12:30:00Z', stockShard: 3 })).toEqual({
      orderId: 'o1',
      source: 'drop',
      sourceId: 'd1',
      dropKind: 'ready-to-ship',
      guildId: 'g1',
      title: 'Tofu65',
      buyerId: 'buyer',
      buyerName: 'Buyer',
      builderId: 'builder',
      builderName: 'Builder',
      amountCents: 10_000,
      currency: 'usd',
      platformFeeCents: 1_000,
      builderShareCents: 9_000,
      status: 'awaiting-payment',
      createdAt: '2026-11-22T12:00:00Z',
      lastPayoutAt: 'delivery',
      payouts: { builder: {} },
      checkoutExpiresAt: '2026-11-22T12:30:00Z',
      stockShard: 3,
    });
  });

  it('GIVEN a sale whose hold was fixed in a trace THEN the order keeps that trace for its checkouts, and a sale with none keeps no field', () => {
    const traceparent = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    expect(newOrder({ ...testSale, checkoutTraceparent: traceparent }).checkoutTraceparent).toBe(traceparent);
    expect(newOrder(testSale)).not.toHaveProperty('checkoutTraceparent');
  });

  it('GIVEN a show’s lot THEN the host’s cut comes out of the price too, and the lot names its show and host', () => {
    const show = { showId: 'show0001', hostId: 'host', hostName: 'Hana', hostCutBps: 1_500 };
    expect(newOrder({ ...testSale, source: 'auction', dropKind: 'auction', offerRank: 1, amountCents: 25_000, show })).toMatchObject({
      offerRank: 1,
      platformFeeCents: 2_500,
      hostCutCents: 3_750,
      builderShareCents: 18_750,
      showId: 'show0001',
      hostId: 'host',
      hostName: 'Hana',
    });
  });

  it('GIVEN a sale with no offer rank, hold, stock shard, commission or show THEN the order has no such field at all, not even an empty one (Firestore refuses undefined)', () => {
    expect(Object.keys(newOrder(testSale)).sort()).toEqual(
      [
        'orderId',
        'source',
        'sourceId',
        'dropKind',
        'guildId',
        'title',
        'buyerId',
        'buyerName',
        'builderId',
        'builderName',
        'amountCents',
        'currency',
        'platformFeeCents',
        'builderShareCents',
        'status',
        'createdAt',
        'payouts',
        'lastPayoutAt',
      ].sort(),
    );
  });

  it('GIVEN a commission sold from a queue THEN the order keeps its terms as sold, and a runner-up’s rank 0 is kept too', () => {
    const commission: OrderCommission = {
      terms: { slots: 2, leadWeeks: 4, oneAtATime: false, tranches: [{ milestone: 'done', percent: 100 }] },
    };
    const order = newOrder({ ...testSale, offerRank: 0, stockShard: 0, commission });
    expect(order.commission).toEqual(commission);
    expect(order).toMatchObject({ offerRank: 0, stockShard: 0 });
  });

  it('splits any price as Buy Now did (the fee, half a cent up) and as an auction did (the host’s rate held to what fits)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (cents, feeBps, cutBps) => {
          const sale: Sale = { ...testSale, amountCents: cents, platformFeeBps: feeBps };
          const drop = newOrder(sale);
          expect([drop.platformFeeCents, drop.builderShareCents, drop.hostCutCents]).toEqual([
            shareOf(cents, feeBps),
            cents - shareOf(cents, feeBps),
            undefined,
          ]);
          const lot = newOrder({ ...sale, show: { showId: 's', hostId: 'h', hostName: 'H', hostCutBps: cutBps } });
          const split = splitLot(cents, { platformFeeBps: feeBps, hostCutBps: hostCutThatFits(feeBps, cutBps) });
          expect([lot.platformFeeCents, lot.hostCutCents, lot.builderShareCents]).toEqual([
            split.platformFeeCents,
            split.hostCutCents,
            split.builderShareCents,
          ]);
          expect(lot.platformFeeCents + (lot.hostCutCents ?? 0) + lot.builderShareCents).toBe(cents);
        },
      ),
    );
  });
});
