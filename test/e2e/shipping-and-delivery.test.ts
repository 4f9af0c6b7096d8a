/**
 * An order's life after it is paid, end to end through the local runtime with really
 * signed requests: the builder ships it with a carrier, the buyer's DM has the tracking link
 * and a Received button only the buyer's press counts on, an order nobody confirms counts
 * as received 30 days on, and the address is erased 90 days after receipt, the clock moved
 * by `POST /_local/clock`. The address is seen by the order's builder alone: the slip is
 * 404 for another member, a show's host and the server's admin, and no guild CSV, channel
 * post or line of the runtime's log (every process's) holds any part of it.
 */
import { orderPath, type Order } from '../../shared/orders';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { answerOf, dmsTo, onboard, order, paidOrder, say, setUpGuild, textOf } from '../support/marketplace';
import { dmButtonPress } from '../support/interactions';
import { get, GUILD, signIn } from '../support/dashboard';
import { addressParts, paidWith, sampleAddress } from '../support/shipping-address';

const day = 86_400_000;
const builder = '811000000000000301';
const buyer = '821000000000000301';
const otherBuyer = '821000000000000302';
const stranger = '821000000000000399';
const host = '811000000000000303';
const admin = '800000000000000001';

let rt: TestRuntime;
const logged: string[] = [];
let first: Order;
let second: Order;
let lot: Order;

/** Everything the runtime and its processes print, kept instead of shown. */
function captureLog(): void {
  for (const stream of [process.stdout, process.stderr])
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      logged.push(String(chunk));
      return true;
    });
}

const leaks = (text: string) => addressParts().filter((part) => text.includes(part));

async function moveClock(body: unknown): Promise<{ status: number; json: { now?: string; scheduledRun?: string[]; error?: string } }> {
  const res = await fetch(`${rt.url}/_local/clock`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
  return { status: res.status, json: (await res.json()) as { now?: string; scheduledRun?: string[]; error?: string } };
}

beforeAll(async () => {
  process.env.C500_LOG_LEVEL = 'debug';
  captureLog();
  rt = await startTestRuntime({ env: { C500_LOG_LEVEL: 'debug' }, processOutput: (text) => void logged.push(text) });
  await setUpGuild(rt, admin);
  await onboard(rt, builder);
  // The builder ships in the US at $15 an order: each buyer types the address at the (local) Stripe checkout.
  await say(rt, builder, { path: ['shipping'], options: { to: 'US', domestic: 15, 'domestic-extra': 5 } });
  first = await paidOrder(rt, builder, buyer, { title: 'Lavender 65%' }, paidWith(sampleAddress));
  second = await paidOrder(rt, builder, otherBuyer, { title: 'Brass TKL', price: '310' }, paidWith(sampleAddress));
  // A show's lot of the same builder, hosted by someone else, with its own buyer's address.
  lot = {
    ...first,
    orderId: 'lot-ship-0001',
    title: 'Show lot: Jade TKL',
    showId: 'showship01',
    hostId: host,
    hostName: 'Hana Host',
    hostCutCents: 1_000,
    shippingAddress: sampleAddress,
  };
  await rt.store.set(orderPath(lot.orderId), lot);
}, 120_000);

afterAll(async () => {
  await rt.close();
  jest.restoreAllMocks();
});

describe('shipping an order', () => {
  it('GIVEN the builder ships with a carrier THEN the buyer’s DM has the carrier’s tracking link and a Received button', async () => {
    const answer = await say(rt, builder, { path: ['ship'], options: { order: first.orderId, tracking: '1Z999AA1 0123456784', carrier: 'ups' } });
    expect(textOf(answer)).toContain('marked shipped (UPS 1Z999AA10123456784)');
    const dm = dmsTo(rt, buyer).at(-1);
    expect(textOf(dm ?? {})).toContain('Tracking: UPS 1Z999AA10123456784');
    const buttons = ((dm?.components ?? []) as Array<{ components: Array<{ url?: string; custom_id?: string; label: string }> }>).flatMap((r) => r.components);
    expect(buttons.find((b) => b.url)?.url).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(buttons.find((b) => b.custom_id)?.custom_id).toBe(`received:${first.orderId}`);
    expect(await order(rt, first.orderId)).toMatchObject({
      status: 'shipped',
      carrier: 'ups',
      tracking: '1Z999AA10123456784',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    });
  });

  it('GIVEN a tracking number that is not one THEN the builder is told what to type and nothing ships', async () => {
    const answer = await say(rt, builder, { path: ['ship'], options: { order: second.orderId, tracking: 'see <link>', carrier: 'fedex' } });
    expect(textOf(answer)).toContain('8 to 40 letters and digits');
    expect((await order(rt, second.orderId))?.status).toBe('paid');
  });
});

describe('the Received button', () => {
  const press = (userId: string) => answerOf(rt, dmButtonPress(`received:${first.orderId}`, userId));

  it('GIVEN another member presses it THEN they are refused privately and the order is not received', async () => {
    const answer = await press(stranger);
    expect(textOf(answer)).toContain('Only the buyer of this order can mark it received');
    expect(answer.flags).toBe(64);
    expect((await order(rt, first.orderId))?.receivedAt).toBeUndefined();
  });

  it('GIVEN the buyer presses it THEN the order is received by the buyer and the builder is told', async () => {
    expect(textOf(await press(buyer))).toContain('is marked received');
    expect(await order(rt, first.orderId)).toMatchObject({ receivedBy: 'buyer', awaitingReceipt: false });
    expect(textOf(dmsTo(rt, builder).at(-1) ?? {})).toContain('marked **Lavender 65%**');
  });
});

describe('who sees the address', () => {
  it('GIVEN the builder THEN the slip and the order page show the address, and the to-ship CSV lists the unshipped order with it', async () => {
    const { cookie } = await signIn(rt, { userId: builder });
    const slip = await get(rt, `/dashboard/builder/orders/${first.orderId}/slip`, cookie);
    expect(slip.status).toBe(200);
    const html = await slip.text();
    for (const part of [first.orderId, 'Lavender 65%', ...addressParts()]) expect(html).toContain(part);
    expect(leaks(await (await get(rt, `/dashboard/orders/${first.orderId}`, cookie)).text())).toEqual(addressParts());
    const csv = await (await get(rt, '/dashboard/builder/to-ship.csv', cookie)).text();
    expect(csv).toContain(second.orderId);
    expect(csv).toContain(sampleAddress.line1);
    expect(csv).not.toContain(first.orderId);
  });

  it('GIVEN another member, the show’s host or the server’s admin THEN the slip is 404 and no page of theirs shows any part of it', async () => {
    const people = [{ userId: stranger }, { userId: host }, { userId: admin, adminGuilds: [GUILD] }];
    for (const who of people) {
      const { cookie } = await signIn(rt, who);
      for (const id of [first.orderId, lot.orderId]) {
        const slip = await get(rt, `/dashboard/builder/orders/${id}/slip`, cookie);
        expect(slip.status).toBe(404);
        expect(leaks(await slip.text())).toEqual([]);
        expect(leaks(await (await get(rt, `/dashboard/orders/${id}`, cookie)).text())).toEqual([]);
      }
    }
    const { cookie } = await signIn(rt, { userId: host });
    expect((await get(rt, `/dashboard/orders/${lot.orderId}`, cookie)).status).toBe(200);
    for (const path of ['/dashboard/host', '/dashboard/host/lots.csv', '/dashboard/host/cuts.csv'])
      expect(leaks(await (await get(rt, path, cookie)).text())).toEqual([]);
  });

  it('GIVEN the server’s admin THEN its page and every guild CSV hold no part of it', async () => {
    const { cookie } = await signIn(rt, { userId: admin, adminGuilds: [GUILD] });
    const paths = [
      `/dashboard/guild/${GUILD}`,
      ...['sales', 'balances', 'host-payouts', 'waiting-proof', 'strikes', 'blocked'].map((e) => `/dashboard/guild/${GUILD}/${e}.csv`),
    ];
    for (const path of paths) {
      const res = await get(rt, path, cookie);
      expect(res.status).toBe(200);
      expect(leaks(await res.text())).toEqual([]);
    }
  });

  it('never posts any part of it in a channel or sends it to anyone but the builder', () => {
    const elsewhere = rt.outbox.entries.filter((e) => !(e.kind === 'dm' && e.userId === builder));
    expect(leaks(JSON.stringify(elsewhere))).toEqual([]);
  });
});

describe('the local clock', () => {
  it('refuses a body that is not exactly {"advanceMs": <n>}, and the clock stays', async () => {
    for (const bad of ['{', { advanceMs: -5 }, { advanceMs: 'soon' }, { advanceMs: 1, extra: true }]) {
      const moved = await moveClock(bad);
      expect(moved.status).toBe(400);
      expect(moved.json.error).toMatch(/advanceMs/);
    }
  });

  it('GIVEN 30 days after shipping with no confirmation THEN the order is received by timeout', async () => {
    await say(rt, builder, { path: ['ship'], options: { order: second.orderId, tracking: 'AB123456789GB', carrier: 'royal-mail' } });
    const before = Date.now();
    const moved = await moveClock({ advanceMs: 30 * day });
    expect(moved.status).toBe(200);
    // The refused moves moved nothing: this one is 30 days on, not more.
    expect(Date.parse(moved.json.now as string)).toBeGreaterThanOrEqual(before + 30 * day);
    expect(Date.parse(moved.json.now as string)).toBeLessThan(Date.now() + 30 * day + 1_000);
    expect(moved.json.scheduledRun).toContain('orderSweep');
    expect(await order(rt, second.orderId)).toMatchObject({ receivedBy: 'timeout', awaitingReceipt: false });
    // Received 30 days ago by the buyer: its address stays until 90.
    expect((await order(rt, first.orderId))?.shippingAddress).toEqual(sampleAddress);
  });

  it('GIVEN 90 days after receipt THEN the address is gone from the order, and only then', async () => {
    await moveClock({ advanceMs: 60 * day });
    expect(await order(rt, first.orderId)).toMatchObject({ shippingAddress: null, addressErasedAt: expect.any(String) });
    // Received at day 30 by timeout: kept until day 120.
    expect((await order(rt, second.orderId))?.shippingAddress).toEqual(sampleAddress);
    await moveClock({ advanceMs: 30 * day });
    expect((await order(rt, second.orderId))?.shippingAddress).toBeNull();
    // Never refunded nor received: the show lot's address is still needed.
    expect((await order(rt, lot.orderId))?.shippingAddress).toEqual(sampleAddress);
  });
});

describe('the runtime’s log', () => {
  it('holds no part of the address, from any process, though the sweep’s own line is there', async () => {
    await rt.settle();
    // The processes' output reaches the test on its own time: the sweep's line waited for, then every line read.
    while (!logged.join('').includes('order sweep')) await new Promise((resolve) => setTimeout(resolve, 20));
    const text = logged.join('');
    expect(leaks(text)).toEqual([]);
  });
});
