import { isOrderState, orderCsvRow, orderRow, safeLink } from '../rules/order-views';
import { isToShip, receivedCell, trackingCell } from '../rules/shipping-views';
import { slipPage } from '../rules/pages/slip-page';
import { anOrder } from './dashboard-fixtures';
import { counted } from './order-money-fixtures';
import { dash, signedInFrame, time } from './page-html';

const address = { name: 'Bo Private', line1: '1 Secret Lane', city: 'Springfield', state: 'IL', postalCode: '12345', country: 'US' };

describe('order states in a link', () => {
  it('knows its own state names and nothing else', () => {
    expect(isOrderState('released')).toBe(true);
    expect(isOrderState('awaiting-payment')).toBe(true);
    expect(isOrderState('shipped')).toBe(false);
    expect(isOrderState(undefined)).toBe(false);
  });
});

describe('what an order row says was released', () => {
  it('shows released what the journal’s transfers sent, and nothing while none went out, whatever the order’s counters say', () => {
    expect(orderRow(counted(anOrder({ orderId: 'o-1', status: 'building', payouts: { builder: {} } }))).released).toBeUndefined();
    expect(orderRow(counted(anOrder({ orderId: 'o-1', status: 'building', payouts: { builder: { transferId: 'tr_1' } } }), { sent: 21_600 })).released).toBe(
      '$216.00',
    );
  });

  it('shows refunded what the journal refunded, net of a refund that failed, not the order’s counter', () => {
    expect(orderRow(counted(anOrder({ orderId: 'o-1', status: 'paid' }))).refunded).toBeUndefined();
    expect(orderRow(counted(anOrder({ orderId: 'o-1', status: 'paid' }), { refunded: 4_000 })).refunded).toBe('$40.00');
  });
});

describe('links on a page', () => {
  it('keeps plain http links as well as https, and drops what is not a URL', () => {
    expect(safeLink('http://example.com/proof')).toBe('http://example.com/proof');
    expect(safeLink('not a url')).toBeUndefined();
  });
});

describe("an order's CSV line", () => {
  it('calls a show’s order a show lot and leaves the proof empty when there is none', () => {
    const row = orderCsvRow(counted(anOrder({ orderId: 'o-1', showId: 'sh1' })));
    expect(row[4]).toBe('show lot');
    expect(row.slice(-2)).toEqual([undefined, undefined]);
  });
});

describe('shipping cells', () => {
  it('shows a dash for tracking until there is a number', () => {
    expect(trackingCell({ carrier: 'ups' })).toBe(dash);
  });

  it('shows who confirmed receipt: the buyer, or nobody before the delivery window ran out', () => {
    const at = '2026-11-22T10:00:00.000Z';
    expect(receivedCell({})).toBe(dash);
    expect(receivedCell({ receivedAt: at, receivedBy: 'buyer' })).toBe(`${time(at, 'Nov 22, 2026')} <span class="hint">(by the buyer)</span>`);
    expect(receivedCell({ receivedAt: at, receivedBy: 'timeout' })).toBe(
      `${time(at, 'Nov 22, 2026')} <span class="hint">(nobody confirmed: counted after the delivery window)</span>`,
    );
  });

  it('lists to ship only orders paid or being built that hold an address', () => {
    expect(isToShip(anOrder({ orderId: 'o-1', status: 'paid', shippingAddress: address }))).toBe(true);
    expect(isToShip(anOrder({ orderId: 'o-1', status: 'building', shippingAddress: address }))).toBe(true);
    expect(isToShip(anOrder({ orderId: 'o-1', status: 'shipped', shippingAddress: address }))).toBe(false);
    expect(isToShip(anOrder({ orderId: 'o-1', status: 'paid' }))).toBe(false);
  });
});

describe('the packing slip', () => {
  it('lists the order, the item, the buyer’s Discord name and when it was paid, under the address', () => {
    const html = slipPage(signedInFrame('order'), anOrder({ orderId: 'o-0001', shippingAddress: address }));
    expect(html).toContain('<address class="ship-to">Bo Private<br>1 Secret Lane<br>Springfield IL 12345<br>US</address>');
    expect(html).toContain(
      `<dl class="facts slip-facts"><dt>Order</dt><dd><code class="id">o-0001</code></dd><dt>Item</dt><dd>Lavender 65%</dd><dt>Buyer (Discord)</dt><dd>Bo</dd><dt>Paid</dt><dd>${time('2026-11-20T10:05:00.000Z', 'Nov 20, 2026')}</dd></dl>`,
    );
  });
});
