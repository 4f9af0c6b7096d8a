import { createHash } from 'node:crypto';
import { checkoutKinds, checkoutMetadata, sourceIdOf, type Order } from '../../orders';
import { stripeMerchSaleOf } from '../../races/rules/stripe-merch';
import type { StripeEvent } from '../rules/stripe-event';
import { anOrder } from '../../../test/support/orders';

/** A stand-in for the keyed pseudonym: shaped as one, and holding no id. */
const ps = (id: string) => `ps_${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;

const order = (over: Partial<Order>): Order =>
  anOrder({
    orderId: 'k3v9m2qa',
    sourceId: 'drop0001',
    dropKind: 'commission',
    guildId: '900000000000000001',
    title: 'Lavender 65%',
    buyerId: '800000000000000001',
    buyerName: 'mia',
    builderId: '800000000000000002',
    builderName: 'juno',
    amountCents: 12_000,
    platformFeeCents: 1_200,
    builderShareCents: 10_800,
    createdAt: '2026-11-21T10:00:00.000Z',
    ...over,
  });

describe('an order’s drop or auction', () => {
  it('is read under the name orders were stored with before it held auctions too, so nothing stored needs rewriting', () => {
    const stored = order({ sourceId: undefined, dropId: 'auct0001', source: 'auction', dropKind: 'auction', offerRank: 0 });
    expect(sourceIdOf(stored)).toBe('auct0001');
    expect(checkoutMetadata(stored, ps)).toMatchObject({ auction_id: 'auct0001' });
    expect(sourceIdOf(order({}))).toBe('drop0001');
  });

  it('is an error to read from an order that names neither', () => {
    expect(() => sourceIdOf(order({ sourceId: undefined }))).toThrow(/k3v9m2qa/);
  });
});

describe('checkout metadata', () => {
  it('carries the same keys for a drop and an auction order, and what is theirs alone', () => {
    const drop = checkoutMetadata(order({}), ps);
    const auction = checkoutMetadata(order({ source: 'auction', sourceId: 'auct0001', dropKind: 'auction', offerRank: 1 }), ps);
    const shared = ['kind', 'order_id', 'buyer_pseudonym', 'builder_pseudonym', 'guild_id', 'platform_fee_cents'];
    expect(Object.keys(drop).sort()).toEqual([...shared, 'drop_id'].sort());
    expect(Object.keys(auction).sort()).toEqual([...shared, 'auction_id', 'offer_rank'].sort());
    expect(drop).toMatchObject({ kind: checkoutKinds.drop, order_id: 'k3v9m2qa', drop_id: 'drop0001', platform_fee_cents: '1200' });
    expect(auction).toMatchObject({ kind: checkoutKinds.auction, auction_id: 'auct0001', offer_rank: '1' });
  });

  it('names the buyer and the builder by keyed pseudonym, never by their Discord ids', () => {
    const metadata = checkoutMetadata(order({ hostId: '800000000000000010', showId: 'show0001' }), ps);
    expect(metadata).toMatchObject({
      buyer_pseudonym: ps('800000000000000001'),
      builder_pseudonym: ps('800000000000000002'),
      host_pseudonym: ps('800000000000000010'),
    });
    expect(JSON.stringify(metadata)).not.toMatch(/80000000000000000[12]|800000000000000010/);
  });

  it('names the show, its host and the host’s cut for a show lot offered on its own, after everything an order always carried', () => {
    const lot = order({
      source: 'auction',
      sourceId: 'auct0001',
      dropKind: 'auction',
      offerRank: 1,
      showId: 'show0001',
      hostId: '800000000000000010',
      hostCutCents: 1_800,
    });
    expect(Object.entries(checkoutMetadata(lot, ps)).slice(-3)).toEqual([
      ['show_id', 'show0001'],
      ['host_pseudonym', ps('800000000000000010')],
      ['host_cut_cents', '1800'],
    ]);
  });

  it('is never read as a merch sale from a Payment Link, whatever the order', () => {
    for (const o of [order({}), order({ source: 'auction', sourceId: 'auct0001', dropKind: 'auction', offerRank: 0 })]) {
      const metadata = checkoutMetadata(o, ps);
      expect(Object.values(checkoutKinds)).toContain(metadata.kind);
      const event = {
        id: 'evt_1',
        type: 'checkout.session.completed',
        created: 1_763_720_000,
        data: { object: { id: 'cs_test_1', object: 'checkout.session', metadata, payment_status: 'paid', amount_total: 12_000, currency: 'usd' } },
      } as unknown as StripeEvent;
      expect(stripeMerchSaleOf(event)).toBeUndefined();
    }
  });
});

describe('the checkout metadata of a show lot', () => {
  it('writes an empty host and a zero cut when the lot names neither, so every value Stripe keeps is text', () => {
    const showLot = order({ source: 'auction', sourceId: 'auct0001', dropKind: 'auction', offerRank: 1, builderShareCents: 9_000, showId: 'show0001' });
    expect(checkoutMetadata(showLot, ps)).toMatchObject({ show_id: 'show0001', host_pseudonym: '', host_cut_cents: '0' });
  });
});
