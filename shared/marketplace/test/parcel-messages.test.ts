/** What the carrier's tracking tells the buyer, the builder and the admin, written out by hand. */
import type { Order } from '../../orders';
import { buyerParcelNews, parcelExceptionNews } from '../rules/parcel-messages';

const order = { orderId: 'o1', title: 'Tofu65 build', builderName: 'Kai', buyerName: 'Ana', carrier: 'ups', tracking: '1Z999' } as Order;
const quiet = { allowed_mentions: { parse: [] } };

describe('the buyer’s parcel news', () => {
  it('says when the parcel is out for delivery', () => {
    expect(buyerParcelNews(order, 'out-for-delivery')).toEqual({ ...quiet, content: '**Tofu65 build** (`o1`, UPS 1Z999) is out for delivery today.' });
  });

  it('says when it was delivered, and whom to tell if something is wrong', () => {
    expect(buyerParcelNews(order, 'delivered')).toEqual({
      ...quiet,
      content: "**Tofu65 build** (`o1`, UPS 1Z999) was delivered. If something is wrong with it, tell Kai or the server's admin within the next few days.",
    });
  });

  it.each(['shipped', 'in-transit', 'returned', 'lost'] as const)('says nothing when the parcel is %s', (status) => {
    expect(buyerParcelNews(order, status)).toBeUndefined();
  });
});

describe('the news of a parcel that will not arrive as sent', () => {
  it('tells the builder a return, and that the admin chooses', () => {
    expect(parcelExceptionNews(order, 'returned', false)).toEqual({
      ...quiet,
      content:
        '**Tofu65 build** (`o1`, UPS 1Z999) to Ana is being returned to the sender. Its last payout is held until the server’s admin chooses a reship or a refund; you can reach out to them.',
    });
  });

  it('tells the admin a loss, and asks them to choose with a Reship and a Refund button', () => {
    expect(parcelExceptionNews(order, 'lost', true)).toEqual({
      ...quiet,
      content:
        '**Tofu65 build** (`o1`, UPS 1Z999) to Ana is reported lost by the carrier. Its last payout is held: press **Reship** to buy a new label for the same order (the builder gets it, the buyer the new tracking), or **Refund** to give the buyer back all that is left of it.',
      components: [
        {
          type: 1,
          components: [
            { type: 2, style: 1, label: 'Reship', custom_id: 'parcel-reship:o1' },
            { type: 2, style: 4, label: 'Refund', custom_id: 'parcel-refund:o1' },
          ],
        },
      ],
    });
  });

  it('gives the builder no buttons: only the admin chooses', () => {
    expect(parcelExceptionNews(order, 'returned', false).components).toBeUndefined();
  });
});
