/**
 * The carrier's tracking moving an order, from outside the local runtime: the builder ships
 * with `/c500 ship` (a number typed by hand starts the carrier's tracker), the carrier's
 * stand-in is told the parcel moved (`POST /_local/carrier/trackers/<code>/status`) and sends
 * its signed webhook to `POST /webhooks/carrier`, and the order's parcel moves (a return tells
 * the builder and the server's admin). A forged
 * webhook is refused; a redelivered or reordered one, and one for a tracker no order has,
 * change nothing.
 */
import { easyPostBody, easyPostSignature } from '../../shared/local/carrier/webhook-sender';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { dmsTo, onboard, order, paidOrder, say, setUpGuild, textOf } from '../support/marketplace';

const builder = '811000000000000781';
const buyer = '821000000000000781';
const otherBuyer = '821000000000000782';
const admin = '800000000000000001';
const tracked = '1Z999AA10123456784';
const second = '1Z999AA10123456785';
const returned = '1Z999AA10123456786';

let rt: TestRuntime;
let firstId: string;
let secondId: string;
let returnedId: string;
const returnBuyer = '821000000000000783';

/** A tracker's update as EasyPost sends it, signed over the raw body with `secret`. */
async function sendTrackerEvent(
  event: { id: string; code: string; status: string; at: string },
  secret = rt.secrets.EASYPOST_WEBHOOK_SECRET as string,
): Promise<Response> {
  const body = easyPostBody({
    id: event.id,
    object: 'Event',
    mode: 'test',
    description: 'tracker.updated',
    created_at: event.at,
    updated_at: event.at,
    result: { id: `trk_${event.code}`, object: 'Tracker', tracking_code: event.code, carrier: 'UPS', status: event.status, updated_at: event.at },
  });
  const res = await fetch(`${rt.url}/webhooks/carrier`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-hmac-signature': easyPostSignature(body, secret) },
  });
  await rt.settle();
  return res;
}

async function moveParcel(code: string, status: string): Promise<Response> {
  const res = await fetch(`${rt.url}/_local/carrier/trackers/${code}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  await rt.settle();
  return res;
}

const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const dmTexts = (userId: string) => dmsTo(rt, userId).map(textOf);

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt, admin);
  await onboard(rt, builder);
  firstId = (await paidOrder(rt, builder, buyer, { title: 'Lavender 65%' })).orderId;
  secondId = (await paidOrder(rt, builder, otherBuyer, { title: 'Brass TKL', price: '310' })).orderId;
  returnedId = (await paidOrder(rt, builder, returnBuyer, { title: 'Jade TKL', price: '280' })).orderId;
  for (const [orderId, tracking] of [
    [firstId, tracked],
    [secondId, second],
    [returnedId, returned],
  ] as const) {
    const answer = await say(rt, builder, { path: ['ship'], options: { order: orderId, tracking, carrier: 'ups' } });
    expect(textOf(answer)).toContain('marked shipped');
  }
}, 120_000);

afterAll(() => rt.close());

describe('tracking a parcel shipped by hand', () => {
  it('GIVEN a number typed in /c500 ship THEN the carrier follows it and its in-transit scan moves the parcel, the buyer not told', async () => {
    const before = dmTexts(buyer).length;
    expect((await moveParcel(tracked, 'in_transit')).status).toBe(200);
    expect(await order(rt, firstId)).toMatchObject({ status: 'shipped', parcel: { status: 'in-transit' } });
    expect(dmTexts(buyer)).toHaveLength(before);
  });

  it('GIVEN the carrier delivers it THEN the order is delivered and the buyer is told once', async () => {
    expect((await moveParcel(tracked, 'delivered')).status).toBe(200);
    const delivered = await order(rt, firstId);
    expect(delivered?.parcel).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    expect(dmTexts(buyer).filter((t) => t.includes('was delivered'))).toHaveLength(1);
  });
});

describe('a parcel that will not arrive', () => {
  it('GIVEN the carrier returns it to the sender THEN the builder and the server’s admin are told, once each, and the buyer is not', async () => {
    const buyerBefore = dmTexts(returnBuyer).length;
    expect((await moveParcel(returned, 'return_to_sender')).status).toBe(200);
    expect((await order(rt, returnedId))?.parcel).toMatchObject({ status: 'returned' });
    for (const who of [builder, admin]) expect(dmTexts(who).filter((t) => t.includes('is being returned to the sender'))).toHaveLength(1);
    expect(dmTexts(returnBuyer)).toHaveLength(buyerBefore);
  });
});

describe('webhooks that must change nothing', () => {
  it('GIVEN a webhook signed with another secret THEN it is refused 401 and the parcel stays', async () => {
    const res = await sendTrackerEvent({ id: 'evt_forged0001', code: second, status: 'delivered', at: minutesFromNow(1) }, 'not-the-carrier-secret');
    expect(res.status).toBe(401);
    expect((await order(rt, secondId))?.parcel).toBeUndefined();
  });

  it('GIVEN a webhook with no signature THEN it is refused 401', async () => {
    const res = await fetch(`${rt.url}/webhooks/carrier`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id":"evt_x"}' });
    expect(res.status).toBe(401);
  });

  it('GIVEN the same event delivered twice THEN the buyer hears once and the parcel moved once', async () => {
    const event = { id: 'evt_outfordelivery01', code: second, status: 'out_for_delivery', at: minutesFromNow(10) };
    for (let i = 0; i < 2; i++) expect((await sendTrackerEvent(event)).status).toBe(200);
    expect(await order(rt, secondId)).toMatchObject({ parcel: { status: 'out-for-delivery', at: event.at }, parcelEvents: [event.id] });
    expect(dmTexts(otherBuyer).filter((t) => t.includes('is out for delivery'))).toHaveLength(1);
  });

  it('GIVEN an earlier scan arriving after a later one THEN the parcel does not step back', async () => {
    const res = await sendTrackerEvent({ id: 'evt_intransit_late01', code: second, status: 'in_transit', at: minutesFromNow(5) });
    expect(res.status).toBe(200);
    expect(await order(rt, secondId)).toMatchObject({ parcel: { status: 'out-for-delivery' }, parcelEvents: ['evt_outfordelivery01'] });
  });

  it('GIVEN a tracker no order has THEN it is taken (2xx) and no order changes', async () => {
    const ids = [firstId, secondId, returnedId];
    const before = { orders: await Promise.all(ids.map((id) => order(rt, id))), dms: rt.outbox.entries.length };
    const res = await sendTrackerEvent({ id: 'evt_stranger0001', code: 'EZ9999999999', status: 'delivered', at: minutesFromNow(20) });
    expect(res.status).toBe(200);
    expect(await Promise.all(ids.map((id) => order(rt, id)))).toEqual(before.orders);
    expect(rt.outbox.entries).toHaveLength(before.dms);
  });
});
