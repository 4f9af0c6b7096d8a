/**
 * A group buy's extras from outside, through the local runtime (issue 65, point 6): a group
 * buy capped at one unit, joined by two (the second waitlisted), closes and is funded; its
 * builder puts two extras on sale with `/groupbuy extras`, the waitlisted member hears by
 * DM with the post's link, and one extra is sold through the drop's Buy Now to a paid order.
 * A second run posts nothing more. The clock is the test's.
 */
import { extrasDropId, pledgePath } from '../../shared/groupbuys';
import type { Drop } from '../../shared/marketplace';
import { dropWithStock } from '../../shared/marketplace/use-cases/drop-stock';
import { buttonPress, snowflake } from '../support/interactions';
import { answerOf, dmsTo, linkIn, ordersOf, pay, postsIn, say, textOf } from '../support/marketplace';
import { AUCTION_CHANNEL, auctionWorld, type TestClock } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';
import { groupBuyDriver } from '../support/group-buys';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
let gb: ReturnType<typeof groupBuyDriver>;

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  gb = groupBuyDriver(rt, clock, builder);
}, 120_000);
afterAll(() => rt.close());

describe('a group buy’s extras, from outside', () => {
  it('puts a funded group buy’s extras on sale once, tells its waitlist, and sells one through Buy Now to a paid order', async () => {
    const [pledger, waitlisted, buyer] = [snowflake(), snowflake(), snowflake()] as [string, string, string];
    const id = await gb.start('Tofu65 in e-white', 1, { cap: 1, description: 'An aluminium 65% case' });
    await gb.join(id, pledger);
    await gb.join(id, waitlisted);
    expect((await rt.store.get(pledgePath(id, waitlisted)))?.status).toBe('waitlisted');
    const early = await say(rt, builder, { name: 'groupbuy', path: ['extras'], options: { id, units: 2 } });
    expect(textOf(early)).toContain('isn’t funded yet');
    await gb.runClose(id);
    expect(await gb.groupBuyOf(id)).toMatchObject({ status: 'funded', fundedUnits: 1 });

    const answer = await say(rt, builder, { name: 'groupbuy', path: ['extras'], options: { id, units: 2 } });
    expect(answer.flags).toBe(64);
    expect(textOf(answer)).toContain('**2 units** of **Tofu65 in e-white** are on sale');
    const dropId = extrasDropId(id);
    const drop = (await dropWithStock(rt.store, dropId)) as Drop;
    expect(drop).toMatchObject({
      fromGroupBuyId: id,
      title: 'Tofu65 in e-white (extra)',
      stock: 2,
      stockAvailable: 2,
      priceCents: 12_000,
      channelId: AUCTION_CHANNEL,
    });
    expect((await gb.groupBuyOf(id)).extras).toMatchObject({ dropId, units: 2, messageId: drop.messageId });
    const link = `https://discord.com/channels/900000000000000001/${AUCTION_CHANNEL}/${drop.messageId}`;
    expect(
      dmsTo(rt, waitlisted)
        .map(textOf)
        .filter((m) => m.includes(link)),
    ).toHaveLength(1);
    expect(dmsTo(rt, pledger).map(textOf).join('\n')).not.toContain(link);

    const again = await say(rt, builder, { name: 'groupbuy', path: ['extras'], options: { id, units: 5 } });
    expect(textOf(again)).toContain('already on sale (2 units at $120.00)');
    expect(postsIn(rt, AUCTION_CHANNEL).filter((p) => JSON.stringify(p.components).includes(`buy:${dropId}`))).toHaveLength(1);

    const checkout = await answerOf(rt, buttonPress(`buy:${dropId}`, buyer, { channelId: AUCTION_CHANNEL }));
    expect((await pay(rt, linkIn(checkout))).status).toBe(200);
    const [order, ...more] = (await ordersOf(rt, buyer)).filter((o) => o.sourceId === dropId);
    expect(more).toEqual([]);
    expect(order).toMatchObject({ source: 'drop', dropKind: 'ready-to-ship', status: 'paid', amountCents: 12_000, builderId: builder });
    expect((await dropWithStock(rt.store, dropId))?.stockAvailable).toBe(1);
    const edits = rt.outbox.entries.filter((e) => e.kind === 'edit' && e.messageId === drop.messageId);
    expect(textOf(edits.at(-1)?.message ?? {})).toContain('Ready to ship: 1 of 2 left');
    expect(((await (await fetch(`${rt.url}/_local/dead-letters`)).json()) as { entries: unknown[] }).entries).toEqual([]);
  });
});
