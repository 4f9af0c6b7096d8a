/**
 * The commission queue end to end (issue 34), through signed requests and the local
 * checkout simulator: a drop of three slots sells three, each buyer takes the next place
 * with a promised date, a fourth is told it is sold out, and the line reads the same in
 * Discord, on the public page and in its JSON.
 */
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import {
  answerOf,
  dmsTo,
  linkIn,
  linkTwitch,
  onboard,
  order,
  ordersOf,
  pay,
  postDrop,
  postsIn,
  pressBuyNow,
  say,
  shipAndReceive,
  setUpGuild,
  streamEvent,
  textOf,
  transfers,
  MARKETPLACE,
} from '../support/marketplace';
import type { Order } from '../../shared/orders';
import { dropWithStock } from '../../shared/marketplace/use-cases/drop-stock';
import { dmButtonPress, useInteractionClock } from '../support/interactions';
import type { DiscordMessage } from '../../shared/ports';

let rt: TestRuntime;
const builder = '811000000000000031';
const buyers = ['821000000000000031', '821000000000000032', '821000000000000033'];
const fourth = '821000000000000034';
const weekMs = 7 * 24 * 3600_000;

beforeAll(async () => {
  rt = await startTestRuntime();
  await setUpGuild(rt);
  await onboard(rt, builder);
  await linkTwitch(rt, builder, 'queuekeebs');
  await streamEvent(rt, 'queuekeebs', 'online');
});
afterAll(() => rt.close());

async function buyAndPay(buyerId: string, dropId: string) {
  await pay(rt, linkIn(await pressBuyNow(rt, buyerId, dropId)));
  const [bought] = (await ordersOf(rt, buyerId)).filter((o) => o.sourceId === dropId);
  return bought;
}

describe('a commission queue of three slots', () => {
  let dropId = '';
  const bought: Order[] = [];
  const prove = (orderId: string, milestone?: string) =>
    say(rt, builder, { path: ['live'], options: { mode: `order:${orderId}`, ...(milestone ? { milestone } : {}) } });
  const sentFor = async (orderId: string) => (await transfers(rt)).filter((t) => t.transfer_group === orderId);

  it('posts the drop with its slots, lead time and tranches', async () => {
    const { answer, drop } = await postDrop(rt, builder, { kind: 'commission 3 slots 6 weeks 30% at parts-in' });
    expect(textOf(answer)).toContain('is up in');
    dropId = drop!.dropId;
    expect(drop).toMatchObject({ kind: 'commission', stock: 3, commission: { slots: 3, leadWeeks: 6, oneAtATime: false } });
    expect(textOf(postsIn(rt, MARKETPLACE).at(-1) as DiscordMessage)).toMatch(
      /Commission queue: 3 of 3 slots open; each built within 6 weeks of paying\. The builder is paid 30% at parts-in/,
    );
  });

  it('gives each paid buyer the next place, promised six weeks after they paid', async () => {
    for (const [i, buyer] of buyers.entries()) {
      const paid = await buyAndPay(buyer, dropId);
      expect(paid?.status).toBe('paid');
      expect(paid?.commission?.ticket).toBe(i + 1);
      expect(Date.parse(paid!.commission!.promisedAt!) - Date.parse(paid!.commission!.paidAt!)).toBe(6 * weekMs);
      bought.push(paid!);
    }
  });

  it('tells a fourth buyer it is sold out, and where to see the line', async () => {
    const answer = textOf(await pressBuyNow(rt, fourth, dropId));
    expect(answer).toMatch(/sold out: all 3 slots in the queue are taken/);
    expect(answer).toContain('/c500 queue');
  });

  it('shows the line in Discord, each buyer marking their own place', async () => {
    const seen = textOf(await say(rt, buyers[1]!, { path: ['queue', 'line'], options: { builder } }));
    expect(seen).toMatch(/\*\*#1\*\* .* · waiting to start · promised <t:\d+:D>/);
    expect(seen).toMatch(/➜ \*\*#2\*\* .* · for you ·/);
    expect(seen).toMatch(/\*\*#3\*\* /);
    expect(seen).toContain(`/queue/${builder}`);
  });

  it('shows the same line on the public page and in its JSON, with no buyer named', async () => {
    const json = (await (await fetch(`${rt.url}/queue/${builder}.json`)).json()) as { places: Array<{ position: number }>; total: number };
    expect(json.places.map((p) => p.position)).toEqual([1, 2, 3]);
    const page = await (await fetch(`${rt.url}/queue/${builder}`)).text();
    expect(page).toContain('#3');
    const orders = (await Promise.all(buyers.map((b) => ordersOf(rt, b)))).flat();
    for (const o of orders) {
      expect(page).not.toContain(o.buyerName);
      expect(page).not.toContain(o.orderId);
      expect(JSON.stringify(json)).not.toContain(o.buyerId);
    }
  });

  it('shows a buyer who hid their name as "a buyer" to everyone else, and still marks their own place', async () => {
    const hidden = textOf(await say(rt, buyers[2]!, { path: ['profile'], options: { 'queue-name': 'hide' } }));
    expect(hidden).toContain('builders’ queues now show you as “a buyer”');
    const others = textOf(await say(rt, buyers[0]!, { path: ['queue', 'line'], options: { builder } }));
    expect(others).toMatch(/\*\*#3\*\* .* · for a buyer ·/);
    const own = textOf(await say(rt, buyers[2]!, { path: ['queue', 'line'], options: { builder } }));
    expect(own).toMatch(/➜ \*\*#3\*\* .* · for you ·/);
  });

  it('proves parts-in live: 30 % of the builder’s share goes out from the order’s charge, and the buyer gets the clip', async () => {
    const first = bought[0]!;
    const answer = textOf(await prove(first.orderId, 'parts-in'));
    expect(answer).toContain('**parts-in** proved');
    const sent = await sentFor(first.orderId);
    expect(sent).toEqual([expect.objectContaining({ amount: Math.floor((first.builderShareCents * 30) / 100), source_transaction: first.chargeId })]);
    const dm = textOf(dmsTo(rt, first.buyerId).at(-1)!);
    expect(dm).toContain('reached **parts-in**');
    expect(dm).toMatch(/a clip of the stream at the proof: https:\/\/clips\.twitch\.tv\//);
    expect((await order(rt, first.orderId))?.commission?.milestone).toBe('parts-in');
  });

  it('refuses to prove parts-in twice, sending nothing more', async () => {
    expect(textOf(await prove(bought[0]!.orderId, 'parts-in'))).toContain('already proved');
    expect(await sentFor(bought[0]!.orderId)).toHaveLength(1);
  });

  it('proves done, and once shipped and received the rest of the share goes out, to the cent, and the line moves up', async () => {
    const first = bought[0]!;
    await prove(first.orderId);
    // The delivery gate: the last tranche waits for the parcel; the buyer's Received lets it go.
    expect(await sentFor(first.orderId)).toHaveLength(1);
    await shipAndReceive(rt, builder, first.buyerId, first.orderId);
    const sent = await sentFor(first.orderId);
    expect(sent.map((t) => t.amount).reduce((a, b) => a + b, 0)).toBe(first.builderShareCents);
    expect(sent).toHaveLength(2);
    expect((await order(rt, first.orderId))?.commission).toMatchObject({ milestone: 'done', ended: 'done' });
    expect(
      dmsTo(rt, first.buyerId)
        .map(textOf)
        .some((t) => t.includes('is **done**')),
    ).toBe(true);
    const json = (await (await fetch(`${rt.url}/queue/${builder}.json`)).json()) as {
      places: Array<{ position: number; title: string }>;
      record: { completed: number };
    };
    expect(json.places).toHaveLength(2);
    expect(json.record.completed).toBe(1);
  });

  it('tells a buyer whose date passed, once, with Cancel and Keep waiting, and tells the builder', async () => {
    const second = bought[1]!;
    await prove(second.orderId, 'parts-in');
    const moved = await fetch(`${rt.url}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ advanceMs: 7 * weekMs }),
      headers: { 'content-type': 'application/json' },
    });
    expect(moved.status).toBe(200);
    useInteractionClock({ now: () => new Date(Date.now() + 7 * weekMs) });
    const notice = dmsTo(rt, second.buyerId).at(-1)!;
    expect(textOf(notice)).toMatch(/was promised by <t:\d+:D> and isn’t done yet\. You can cancel it and get back \$175\.20 \(\$64\.80 already went to/);
    expect(JSON.stringify(notice.components)).toContain(`qcancel:${second.orderId}`);
    expect(textOf(dmsTo(rt, builder).at(-1)!)).toContain('/c500 queue delay');
    const page = await (await fetch(`${rt.url}/queue/${builder}`)).text();
    expect(page).toContain('late');
  });

  it('refunds a buyer who cancels exactly what was not released, frees the slot and moves the line', async () => {
    const second = bought[1]!;
    const answer = await answerOf(rt, dmButtonPress(`qcancel:${second.orderId}`, second.buyerId));
    expect(textOf(answer)).toContain('$175.20 is on its way back to you');
    const cancelled = await order(rt, second.orderId);
    expect(cancelled?.refundedCents).toBe(second.amountCents - Math.floor((second.builderShareCents * 30) / 100));
    expect(cancelled?.commission?.ended).toBe('cancelled');
    // Nothing taken back from the builder: what the proved step was paid stays theirs.
    expect((await sentFor(second.orderId)).map((t) => t.amount)).toEqual([6_480]);
    const json = (await (await fetch(`${rt.url}/queue/${builder}.json`)).json()) as { places: Array<{ position: number; title: string }> };
    expect(json.places).toHaveLength(1);
    expect((await dropWithStock(rt.store, dropId))?.stockAvailable).toBe(1);
  });

  it('gives the freed slot to the next buyer, who takes the next place at the end of the line', async () => {
    const next = await buyAndPay(fourth, dropId);
    expect(next?.commission?.ticket).toBe(4);
    const json = (await (await fetch(`${rt.url}/queue/${builder}.json`)).json()) as { places: Array<{ position: number }> };
    expect(json.places.map((p) => p.position)).toEqual([1, 2]);
    expect(textOf(await pressBuyNow(rt, '821000000000000035', dropId))).toMatch(/sold out/);
  });

  it('lets a builder move a date once, with a reason the buyer reads, and refuses a second move', async () => {
    const third = bought[2]!;
    const moved = textOf(
      await say(rt, builder, { path: ['queue', 'delay'], options: { order: third.orderId, weeks: 2, reason: 'switches are late from the vendor' } }),
    );
    expect(moved).toContain('is now promised by');
    expect(textOf(dmsTo(rt, third.buyerId).at(-1)!)).toContain('“switches are late from the vendor”');
    const again = textOf(await say(rt, builder, { path: ['queue', 'delay'], options: { order: third.orderId, weeks: 1, reason: 'more' } }));
    expect(again).toContain('only once per order');
    expect((await order(rt, third.orderId))?.commission?.delay?.weeks).toBe(2);
  });

  it('answers a buyer who keeps waiting, and lets nobody else cancel their order', async () => {
    const third = bought[2]!;
    const kept = await answerOf(rt, dmButtonPress(`qwait:${third.orderId}`, third.buyerId));
    expect(textOf(kept)).toContain('You’re keeping your place');
    const other = await answerOf(rt, dmButtonPress(`qcancel:${third.orderId}`, fourth));
    expect(textOf(other)).toContain('isn’t for one of your orders');
    expect((await order(rt, third.orderId))?.commission?.ended).toBeUndefined();
  });
});
