/**
 * The shipping address on the dashboard is the order's builder's alone: on the order page,
 * the packing slip and the "to ship" CSV. Its buyer, its show's host and its server's
 * admins see the order's shipping dates, never the address, and get the same 404 on the
 * slip as for an order that does not exist.
 */
import { orderPath, type Order } from '../../orders';
import { answerDashboard, type DashboardAnswer } from '../use-cases/answer-dashboard';
import { parseCsv } from '../../../test/support/dashboard';
import { anOrder, signedIn, signedInUser, world, type World } from './dashboard-fixtures';
import { addressParts, sampleAddress } from '../../../test/support/shipping-address';

const ask = (w: World, path: string, cookie: string): Promise<DashboardAnswer> =>
  answerDashboard(w.deps, { method: 'GET', path, query: {}, cookie, form: {}, origin: undefined });

const order = (over: Partial<Order> & Pick<Order, 'orderId'>): Order =>
  anOrder({ buyerName: 'Bo Buyer', builderId: signedInUser, builderName: 'Cleo Builds', shippingAddress: sampleAddress, shippingCents: 1_500, ...over });

const showsAddress = (body: string) => addressParts().some((part) => body.includes(part));

async function signedInWith(orders: Order[]) {
  const w = world();
  for (const o of orders) await w.store.set(orderPath(o.orderId), o);
  const { cookie } = await signedIn(w);
  return { w, cookie };
}

describe('the packing slip', () => {
  it('GIVEN the order’s builder THEN it shows the order id, the item, the buyer’s Discord name and the whole address, printable', async () => {
    const { w, cookie } = await signedInWith([order({ orderId: 'slip-0001' })]);
    const slip = await ask(w, '/dashboard/builder/orders/slip-0001/slip', cookie);
    expect(slip.status).toBe(200);
    for (const part of ['slip-0001', 'Lavender 65%', 'Bo Buyer', ...addressParts(), 'VT', 'US']) expect(slip.body).toContain(part);
    expect(slip.body).toContain('class="slip"');
  });

  it('GIVEN the buyer, the show’s host, an admin of the server, or an id that does not exist THEN the same 404, with nothing of the order', async () => {
    const other = '810000000000000002';
    const { w, cookie } = await signedInWith([
      order({ orderId: 'as-buyer-01', builderId: other, buyerId: signedInUser }),
      order({ orderId: 'as-host-001', builderId: other, hostId: signedInUser, showId: 'show1' }),
      order({ orderId: 'as-admin-01', builderId: other }),
    ]);
    const answers = await Promise.all(
      ['as-buyer-01', 'as-host-001', 'as-admin-01', 'no-such-01'].map((id) => ask(w, `/dashboard/builder/orders/${id}/slip`, cookie)),
    );
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(showsAddress(answer.body)).toBe(false);
      expect(answer.body).not.toContain('Lavender');
    }
    expect(new Set(answers.map((a) => a.body.replace(/name="csrf" value="[^"]*"/g, ''))).size).toBe(1);
  });

  it('GIVEN an address erased after the order was done with THEN the slip says so and when', async () => {
    const { w, cookie } = await signedInWith([order({ orderId: 'erased-001', shippingAddress: null, addressErasedAt: '2027-03-01T00:00:00.000Z' })]);
    const slip = await ask(w, '/dashboard/builder/orders/erased-001/slip', cookie);
    expect(slip.status).toBe(200);
    expect(slip.body).toContain('Erased on');
    expect(slip.body).toContain('Mar 1, 2027');
  });
});

describe('an order’s page', () => {
  it('shows its builder the address and the slip’s link, the tracking link and the shipped and received dates', async () => {
    const shipped = order({
      orderId: 'page-0001',
      status: 'shipped',
      shippedAt: '2026-11-22T09:00:00.000Z',
      carrier: 'ups',
      tracking: '1Z999AA10123456784',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
      receivedAt: '2026-11-25T09:00:00.000Z',
      receivedBy: 'buyer',
    });
    const { w, cookie } = await signedInWith([shipped]);
    const page = await ask(w, '/dashboard/orders/page-0001', cookie);
    expect(page.status).toBe(200);
    expect(showsAddress(page.body)).toBe(true);
    expect(page.body).toContain('/dashboard/builder/orders/page-0001/slip');
    expect(page.body).toContain('href="https://www.ups.com/track?tracknum=1Z999AA10123456784"');
    expect(page.body).toContain('Nov 22, 2026');
    expect(page.body).toContain('Nov 25, 2026');
  });

  it('shows its buyer, its host and its server’s admin the dates but never the address', async () => {
    const other = '810000000000000002';
    const { w, cookie } = await signedInWith([
      order({ orderId: 'as-buyer-02', builderId: other, buyerId: signedInUser, status: 'shipped', shippedAt: '2026-11-22T09:00:00.000Z' }),
      order({ orderId: 'as-host-002', builderId: other, hostId: signedInUser, showId: 'show1', status: 'shipped', shippedAt: '2026-11-22T09:00:00.000Z' }),
      order({ orderId: 'as-admin-02', builderId: other, status: 'shipped', shippedAt: '2026-11-22T09:00:00.000Z' }),
    ]);
    for (const id of ['as-buyer-02', 'as-host-002', 'as-admin-02']) {
      const page = await ask(w, `/dashboard/orders/${id}`, cookie);
      expect(page.status).toBe(200);
      expect(page.body).toContain('Nov 22, 2026');
      expect(showsAddress(page.body)).toBe(false);
      expect(page.body).not.toContain('/slip');
    }
  });
});

describe('the “to ship” CSV', () => {
  it('lists the builder’s own paid and building orders that hold an address, with it, and nothing else', async () => {
    const { w, cookie } = await signedInWith([
      order({ orderId: 'paid-00001' }),
      order({ orderId: 'build-0001', status: 'building', createdAt: '2026-11-20T11:00:00.000Z' }),
      order({ orderId: 'shipped-01', status: 'shipped' }),
      order({ orderId: 'pickup-001', shippingAddress: undefined }),
      order({ orderId: 'others-001', builderId: '810000000000000002' }),
    ]);
    const csv = await ask(w, '/dashboard/builder/to-ship.csv', cookie);
    expect(csv.status).toBe(200);
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    const rows = parseCsv(csv.body);
    expect(rows[0]).toEqual(['order_id', 'item', 'buyer', 'status', 'paid_at', 'name', 'line1', 'line2', 'city', 'state', 'postal_code', 'country']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['build-0001', 'paid-00001']);
    expect(rows[1]?.slice(5)).toEqual([sampleAddress.name, sampleAddress.line1, sampleAddress.line2, sampleAddress.city, 'VT', sampleAddress.postalCode, 'US']);
  });
});
