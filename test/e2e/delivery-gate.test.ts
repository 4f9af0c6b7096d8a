/**
 * The delivery gate from outside (issue 78): a paid drop order proved on stream sends nothing
 * until its parcel is delivered. The carrier stand-in's delivered scan (its signed webhook at
 * `POST /webhooks/carrier`) frees it as the buyer's Received does, once the server's window
 * has passed (0 days here, so at once), however often or late the scan arrives; a parcel
 * returned to its sender frees nothing; and an admin's `/order release` frees it by hand, once.
 */
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { ADMIN } from '../support/interactions';
import { GENERAL, MARKETPLACE, linkTwitch, onboard, order, paidOrder, say, streamEvent, textOf, transfers } from '../support/marketplace';

const admin = '800000000000000001';
const builder = '811000000000000791';
const buyers = ['821000000000000791', '821000000000000792', '821000000000000793'] as const;

let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
  await onboard(rt, builder);
  await linkTwitch(rt, builder, 'gatebuilds');
  await streamEvent(rt, 'gatebuilds', 'online');
}, 120_000);

afterAll(() => rt.close());

const releasesOf = async (orderId: string) => (await transfers(rt)).filter((t) => t.transfer_group === orderId);

async function moveParcel(code: string, status: string): Promise<void> {
  const res = await fetch(`${rt.url}/_local/carrier/trackers/${code}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ status }),
  });
  expect(res.status).toBe(200);
  await rt.settle();
}

/** A paid order from `buyer`, proved live and shipped with `tracking` typed by hand. */
async function provedAndShipped(buyer: string, tracking: string, title: string) {
  const paid = await paidOrder(rt, builder, buyer, { title });
  expect(textOf(await say(rt, builder, { path: ['live'], options: { mode: `order:${paid.orderId}` } }))).toContain('your payout leaves once it is delivered');
  expect(textOf(await say(rt, builder, { path: ['ship'], options: { order: paid.orderId, tracking, carrier: 'ups' } }))).toContain('marked shipped');
  return paid;
}

const setUp = (window: number) =>
  say(rt, admin, { path: ['setup'], options: { general: GENERAL, marketplace: MARKETPLACE, 'delivery-window': window }, permissions: ADMIN });

describe('the last payout and the carrier', () => {
  it('GIVEN a 3-day window THEN the delivered scan sends nothing yet; an admin’s /order release sends it once, a member’s is refused', async () => {
    await setUp(3);
    const paid = await provedAndShipped(buyers[0], '1Z999AA10123457001', 'Gate one');
    await moveParcel('1Z999AA10123457001', 'delivered');
    expect((await order(rt, paid.orderId))?.parcel?.status).toBe('delivered');
    expect(await releasesOf(paid.orderId)).toEqual([]);

    const refused = await say(rt, buyers[0], { name: 'order', path: ['release'], options: { order: paid.orderId } });
    expect(textOf(refused)).toContain('Only server admins can release a held payout');
    expect(await releasesOf(paid.orderId)).toEqual([]);

    const released = await say(rt, admin, { name: 'order', path: ['release'], options: { order: paid.orderId }, permissions: ADMIN });
    expect(textOf(released)).toContain('Released by hand');
    expect((await releasesOf(paid.orderId)).map((t) => t.amount)).toEqual([paid.builderShareCents]);
    expect(await order(rt, paid.orderId)).toMatchObject({ payoutFreed: { byUserId: admin } });
    await say(rt, admin, { name: 'order', path: ['release'], options: { order: paid.orderId }, permissions: ADMIN });
    expect(await releasesOf(paid.orderId)).toHaveLength(1);
  });

  it('GIVEN a 0-day window THEN in transit sends nothing, delivered sends the share once, and a scan again or late sends no more', async () => {
    await setUp(0);
    const paid = await provedAndShipped(buyers[1], '1Z999AA10123457002', 'Gate two');
    await moveParcel('1Z999AA10123457002', 'in_transit');
    expect(await releasesOf(paid.orderId)).toEqual([]);
    await moveParcel('1Z999AA10123457002', 'delivered');
    expect((await releasesOf(paid.orderId)).map((t) => t.amount)).toEqual([paid.builderShareCents]);
    await moveParcel('1Z999AA10123457002', 'out_for_delivery');
    await moveParcel('1Z999AA10123457002', 'delivered');
    expect(await releasesOf(paid.orderId)).toHaveLength(1);
  });

  it('GIVEN the parcel goes back to its sender THEN nothing is sent', async () => {
    await setUp(0);
    const paid = await provedAndShipped(buyers[2], '1Z999AA10123457003', 'Gate three');
    await moveParcel('1Z999AA10123457003', 'return_to_sender');
    expect((await order(rt, paid.orderId))?.parcel?.status).toBe('returned');
    expect(await releasesOf(paid.orderId)).toEqual([]);
  });
});
