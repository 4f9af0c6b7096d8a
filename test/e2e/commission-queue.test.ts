/**
 * The commission queue end to end (issue 34), through signed requests and the local
 * checkout simulator: a drop of three slots sells three, each buyer takes the next place
 * with a promised date, a fourth is told it is sold out, and the line reads the same in
 * Discord, on the public page and in its JSON.
 */
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { linkIn, onboard, ordersOf, pay, postDrop, postsIn, pressBuyNow, say, setUpGuild, textOf, MARKETPLACE } from '../support/marketplace';
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
});
afterAll(() => rt.close());

async function buyAndPay(buyerId: string, dropId: string) {
  await pay(rt, linkIn(await pressBuyNow(rt, buyerId, dropId)));
  const [bought] = (await ordersOf(rt, buyerId)).filter((o) => o.sourceId === dropId);
  return bought;
}

describe('a commission queue of three slots', () => {
  let dropId = '';

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
      const bought = await buyAndPay(buyer, dropId);
      expect(bought?.status).toBe('paid');
      expect(bought?.commission?.ticket).toBe(i + 1);
      expect(Date.parse(bought!.commission!.promisedAt!) - Date.parse(bought!.commission!.paidAt!)).toBe(6 * weekMs);
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
});
