/**
 * Nothing C500 sends pings @everyone or @here, whatever people type: a drop's title and
 * description, an auction's item, a bidder's or a builder's display name, a race's title, a
 * payout's note, a show's title and its lots. Every message in the outbox is read as
 * Discord would read it, the soak's check run over a whole day of the product.
 */
import { ADMIN, asMember, buttonPress, snowflake } from '../support/interactions';
import { MARKETPLACE, answerOf, pay, postDrop, linkIn, say } from '../support/marketplace';
import { auctionWorld, bidCommand, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';
import { race, payout, racing, stripeMerchSale } from '../support/races';
import { addLot, createShow, startShow } from '../support/shows';
import type { TestRuntime } from '../support/local-runtime';
import { canPingEveryone } from '../../shared/discord';

const shout = '@everyone @here free boards';

describe('no @everyone', () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let builder: string;

  beforeEach(async () => {
    ({ rt, clock, builder } = await auctionWorld());
  });
  afterEach(() => rt.close());

  const pings = () => rt.outbox.entries.filter((e) => canPingEveryone(e.message)).map((e) => `${e.kind} #${e.seq}: ${JSON.stringify(e.message).slice(0, 200)}`);

  it('a drop, a purchase and an auction whose texts and names say @everyone ping no one but whom they name', async () => {
    const { drop } = await postDrop(rt, builder, { title: shout, description: `${shout} @here` });
    expect(drop).toBeDefined();
    const bought = await answerOf(rt, asMember(buttonPress(`buy:${drop?.dropId}`, snowflake(), { channelId: MARKETPLACE }), '@everyone'));
    await pay(rt, linkIn(bought));
    await rt.settle();

    await startAuction(rt, builder, { item: shout });
    const auction = await liveAuction(rt, builder);
    await answerOf(rt, asMember(bidCommand(snowflake(), 30), '@here', 'username'));
    await runToHammer(rt, clock, auction.auctionId);

    expect(rt.outbox.entries.length).toBeGreaterThan(5);
    expect(pings()).toEqual([]);
  });

  it('a race, a payout note and a show whose titles say @everyone ping no one but whom they name', async () => {
    const host = snowflake();
    const racer = snowflake();
    await racing(rt, host, [racer], shout);
    await stripeMerchSale(rt, '40.00');
    await race(rt, host, 'end');
    await payout(rt, host, racer, '1.00', { note: shout });

    await createShow(rt, host, shout);
    await addLot(rt, builder, { item: shout });
    await startShow(rt, host);
    await say(rt, host, { path: ['show', 'lots'], permissions: ADMIN });
    await rt.settle();

    expect(rt.outbox.entries.length).toBeGreaterThan(5);
    expect(pings()).toEqual([]);
  });
});
