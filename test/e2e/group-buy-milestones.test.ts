/**
 * A group buy's production as a line everyone can watch, from outside (issue 65, point 5),
 * through the local runtime with really signed interactions and Stripe's events through the
 * real webhook: a group buy of three is funded at its close; its builder, live, runs
 * `/c500 live mode:groupbuy:<id> milestone:parts-in` once; the `groupbuy-milestone` task
 * gives each order the one clip and sends each its tranche from its own charge (read back from
 * the local Stripe's transfers); the page and its JSON list the step with its clip, and the
 * builder gets one summary. The clock is the test's.
 */
import { closeSettleMs, groupBuyOrderId, groupBuyPath, type GroupBuy, type PublicGroupBuy } from '../../shared/groupbuys';
import { orderPath, type Order } from '../../shared/orders';
import { buttonPress, modalSubmit, snowflake } from '../support/interactions';
import { answerOf, dmsTo, linkIn, linkTwitch, pay, say, streamEvent, textOf, transfers } from '../support/marketplace';
import { AUCTION_CHANNEL, auctionWorld, type TestClock } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
const login = 'gbmilestones';

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  await linkTwitch(rt, builder, login);
  await streamEvent(rt, login, 'online');
}, 120_000);
afterAll(() => rt.close());

const ships = () => new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 7);
const groupBuyOf = async (id: string) => (await rt.store.get(groupBuyPath(id))) as GroupBuy;

/** The clock a second at a time, running the tasks then due, until the runtime rests. */
async function runTasks(seconds: number): Promise<void> {
  for (let second = 0; second < seconds; second++) {
    await rt.settle();
    await rt.tasks.runDueNow();
    await rt.settle();
    clock.advance(1_000);
  }
}

/** A group buy of three members, $120.00 a unit, 30 % at parts-in, joined and charged at its close. */
async function fundedGroupBuy(members: string[]): Promise<string> {
  const answer = await say(rt, builder, {
    name: 'groupbuy',
    path: ['start'],
    options: { title: 'Tofu65 in e-white', price: 120, moq: members.length, closes: '1h', ships: ships(), tranches: '30% at parts-in' },
  });
  const id = /Group buy `([0-9a-z]{8})`/.exec(textOf(answer))?.[1];
  if (!id) throw new Error(`no group buy started: ${textOf(answer)}`);
  for (const member of members) {
    await rt.sendInteraction(buttonPress(`gbjoin:${id}`, member, { channelId: AUCTION_CHANNEL }));
    expect((await pay(rt, linkIn(await answerOf(rt, modalSubmit(`gbjq:${id}`, { quantity: '1' }, member))))).status).toBe(200);
  }
  clock.ms = Math.max(clock.ms, Date.parse((await groupBuyOf(id)).closesAt) + closeSettleMs + 1_000);
  await runTasks(5);
  expect((await groupBuyOf(id)).status).toBe('funded');
  return id;
}

describe('a group buy’s milestone, from outside', () => {
  it('is proved once live, reaches every order with its tranche, and shows on the page with its clip', async () => {
    const members = [snowflake(), snowflake(), snowflake()];
    const id = await fundedGroupBuy(members);
    const answer = await say(rt, builder, { path: ['live'], options: { mode: `groupbuy:${id}`, milestone: 'parts-in' } });
    expect(textOf(answer)).toContain(`✅ **parts-in** proved live for **Tofu65 in e-white** (\`${id}\`).`);
    const clip = /a clip of the stream: (\S+)/.exec(textOf(answer))?.[1];
    expect(clip).toBeDefined();
    await runTasks(3);

    const orders = (await Promise.all(members.map((m) => rt.store.get(orderPath(groupBuyOrderId(id, m)))))) as Order[];
    const sent = (await transfers(rt)).filter((t) => orders.some((o) => o.orderId === t.transfer_group));
    // $120.00 a unit, the 10 % fee kept: $108.00 the builder's share, 30 % of it at parts-in, from each order's own charge.
    expect(sent.map((t) => [t.transfer_group, t.amount, t.source_transaction]).sort()).toEqual(orders.map((o) => [o.orderId, 3_240, o.chargeId]).sort());
    for (const order of orders) expect(order.commission?.proofs).toMatchObject([{ milestone: 'parts-in', kind: 'clip', url: clip }]);
    for (const member of members) expect(dmsTo(rt, member).map(textOf).join('\n')).toContain(clip);
    expect(
      dmsTo(rt, builder)
        .map(textOf)
        .filter((t) => t.includes('reached every order')),
    ).toEqual([`🎬 **parts-in** reached every order of **Tofu65 in e-white** (\`${id}\`).\n3 orders proved; $97.20 released to you.`]);

    const messageId = (await groupBuyOf(id)).messageId;
    const post = rt.outbox.entries.filter((e) => e.kind === 'edit' && e.messageId === messageId).at(-1)?.message;
    expect(textOf(post as NonNullable<typeof post>)).toContain(`Production: **parts-in** proved live <t:`);

    const feed = (await (await fetch(`${rt.url}/groupbuy/${id}.json`)).json()) as PublicGroupBuy;
    expect(feed.production).toEqual([
      { milestone: 'parts-in', percent: 30, proved: true, proofUrl: clip, proofKind: 'clip', provedAt: expect.any(String) },
      { milestone: 'done', percent: 70, proved: false, proofUrl: null, proofKind: null, provedAt: null },
    ]);
    const page = await (await fetch(`${rt.url}/groupbuy/${id}`)).text();
    expect(page).toContain('Production, proven live');
    expect(page).toContain(`<a href="${clip}" rel="noopener">watch a clip of the stream</a>`);
    for (const member of members) expect(page + JSON.stringify(feed)).not.toContain(member);
    expect(((await (await fetch(`${rt.url}/_local/dead-letters`)).json()) as { entries: unknown[] }).entries).toEqual([]);
  });
});
