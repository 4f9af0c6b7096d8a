import { checkoutMetadata, type Order } from '../rules/order';

const showLot = (over: Partial<Order>): Order =>
  ({
    orderId: 'k3v9m2qa',
    source: 'auction',
    sourceId: 'auct0001',
    dropKind: 'auction',
    offerRank: 1,
    guildId: '900000000000000001',
    title: 'Lavender 65%',
    buyerId: '800000000000000001',
    buyerName: 'mia',
    builderId: '800000000000000002',
    builderName: 'juno',
    amountCents: 12_000,
    currency: 'usd',
    platformFeeCents: 1_200,
    builderShareCents: 9_000,
    status: 'awaiting-payment',
    createdAt: '2026-11-21T10:00:00.000Z',
    showId: 'show0001',
    ...over,
  }) as Order;

describe('the checkout metadata of a show lot', () => {
  it('writes an empty host and a zero cut when the lot names neither, so every value Stripe keeps is text', () => {
    const metadata = checkoutMetadata(showLot({}));
    expect(metadata).toMatchObject({ show_id: 'show0001', host_id: '', host_cut_cents: '0' });
  });
});
