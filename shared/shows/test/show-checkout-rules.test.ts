import { maxAmountCents } from '../../common';
import type { StripeEvent } from '../../payments';
import type { Order } from '../../orders';
import { discordLimitProblems } from '../../discord';
import { stripeMerchSaleOf } from '../../races/rules/stripe-merch';
import { builderShowOrders, checkoutLinkDm, lotWonDm, payNowAnswer, showReceipt } from '../rules/show-checkout-messages';
import { showCheckoutKind, showCheckoutLineItems, showCheckoutMetadata, takesLot, type ShowCheckout } from '../rules/show-checkout';
import { hostCutDm } from '../../payments/rules/order-messages';
import { anOrder } from '../../../test/support/orders';

const longTitle = 'Tofu65 in e-white with brass weight, Oil Kings lubed and filmed, GMK Olivia++ and a hand-stitched cable'.slice(0, 100);
const lots = Array.from({ length: 20 }, (_, i) => ({
  orderId: `ord000${String(i).padStart(2, '0')}`,
  auctionId: `auc000${String(i).padStart(2, '0')}`,
  title: longTitle,
  amountCents: 1_000_000 + i,
  platformFeeCents: 100_000,
  hostCutCents: 150_000,
}));
const checkout: ShowCheckout = {
  checkoutId: 'chk00001',
  showId: 'show0001',
  guildId: '900000000000000001',
  channelId: '910000000000000001',
  showTitle: 'A very long show title that someone typed to the limit of eighty characters ok',
  hostId: '800000000000000010',
  buyerId: '800000000000000031',
  buyerName: 'a buyer with a name as long as Discord allows',
  builderId: '800000000000000021',
  builderName: 'a builder with a name as long as Discord allows',
  currency: 'usd',
  round: 0,
  lots,
  status: 'open',
  amountCents: lots.reduce((s, l) => s + l.amountCents, 0),
  createdAt: '2026-11-27T20:00:00.000Z',
};
const order = (i: number): Order =>
  anOrder({
    orderId: `ord000${String(i).padStart(2, '0')}`,
    source: 'auction',
    sourceId: `auc000${String(i).padStart(2, '0')}`,
    dropKind: 'auction',
    offerRank: 0,
    guildId: checkout.guildId,
    title: longTitle,
    buyerId: checkout.buyerId,
    buyerName: checkout.buyerName,
    builderId: checkout.builderId,
    builderName: checkout.builderName,
    amountCents: 1_000_000,
    platformFeeCents: 100_000,
    hostCutCents: 150_000,
    builderShareCents: 750_000,
    status: 'paid',
    createdAt: checkout.createdAt,
    showId: 'show0001',
    hostId: checkout.hostId,
  });

describe('a show checkout’s session', () => {
  it('names the show checkout and never an order, so neither a single order’s payment nor a merch sale takes it', () => {
    const metadata = showCheckoutMetadata(checkout, (id) => `ps_of_${id}`);
    expect(metadata).toMatchObject({
      kind: 'show-checkout',
      show_checkout_id: 'chk00001',
      show_id: 'show0001',
      platform_fee_cents: '2000000',
      host_cut_cents: '3000000',
    });
    expect(metadata.order_id).toBeUndefined();
    expect(metadata.kind).toBe(showCheckoutKind);
    const event = {
      id: 'evt_1',
      type: 'checkout.session.completed',
      created: 1,
      data: { object: { id: 'cs_1', metadata, payment_status: 'paid', amount_total: 1, currency: 'usd' } },
    };
    expect(stripeMerchSaleOf(event as unknown as StripeEvent)).toBeUndefined();
  });

  it('keeps every metadata value within Stripe’s 500 characters, even with the most lots a show has', () => {
    for (const value of Object.values(showCheckoutMetadata(checkout, () => `ps_${'0'.repeat(32)}`))) expect(value.length).toBeLessThanOrEqual(500);
  });

  it('has a line item per lot, naming its auction', () => {
    expect(showCheckoutLineItems(checkout).slice(0, 1)).toEqual([{ name: `${longTitle} (auction auc00000)`, amountCents: 1_000_000 }]);
  });

  it('takes lots while collecting, and not past what one card payment may be', () => {
    const collecting = { ...checkout, status: 'collecting' as const, lots: [{ ...lots[0], amountCents: maxAmountCents - 10 } as (typeof lots)[number]] };
    expect(takesLot(collecting, 10)).toBe(true);
    expect(takesLot(collecting, 11)).toBe(false);
    expect(takesLot({ ...collecting, status: 'open' }, 1)).toBe(false);
  });
});

describe('what show winners, builders and hosts read', () => {
  it('fits Discord’s limits with twenty lots of the longest titles', () => {
    const orders = lots.map((_, i) => order(i));
    const messages = [
      lotWonDm({
        item: longTitle,
        auctionId: 'auc00000',
        priceCents: 1_000_000,
        currency: 'usd',
        builderName: checkout.builderName,
        showTitle: checkout.showTitle,
      }),
      checkoutLinkDm(checkout, 'https://checkout.stripe.com/c/pay/cs_test_1', '2026-11-27T21:00:00.000Z'),
      payNowAnswer(
        checkout.showTitle,
        Array.from({ length: 20 }, (_, i) => ({
          checkout: { ...checkout, checkoutId: `chk000${i}` },
          url: `https://checkout.stripe.com/${i}`,
          expiresAt: '2026-11-27T21:00:00.000Z',
        })),
      ),
      showReceipt(checkout, orders),
      builderShowOrders(checkout, orders),
      hostCutDm(order(0), 150_000, 'transfer'),
      hostCutDm(order(0), 150_000, 'no-account'),
    ];
    for (const message of messages) expect(discordLimitProblems(message)).toEqual([]);
  });

  it('gives Pay now one link button per builder, five to a row', () => {
    const opened = Array.from({ length: 7 }, (_, i) => ({
      checkout: { ...checkout, builderName: `b${i}` },
      url: `https://x/${i}`,
      expiresAt: '2026-11-27T21:00:00.000Z',
    }));
    const rows = payNowAnswer('Show', opened).components as Array<{ components: Array<{ url: string; label: string }> }>;
    expect(rows.map((r) => r.components.length)).toEqual([5, 2]);
    expect(rows[1]?.components[1]).toMatchObject({ url: 'https://x/6', label: expect.stringContaining('to b6') });
  });
});
