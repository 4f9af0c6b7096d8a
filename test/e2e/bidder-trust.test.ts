/**
 * Bidder trust end to end on the local runtime, with really signed interactions: an admin
 * blocks a member (a USER option, as Discord sends it) and their bids are refused in the live
 * auction until they are unblocked; a bidder who bids again within a second of Discord's time
 * is told to slow down; a bidder who has never paid is held to $500, named in the answer,
 * until they pay for an order (a drop's Buy Now, through the Stripe simulator); and an
 * admin's `/c500 auction settings` reaches the live auction at once.
 */
import { bidderPath } from '../../shared/auctions/rules/auction';
import type { Interaction } from '../../shared/discord';
import { ADMIN, command, snowflake } from '../support/interactions';
import { answerOf, linkIn, linkTwitch, pay, postDrop, pressBuyNow, say, textOf } from '../support/marketplace';
import { auctionWorld, bid, liveAuction, startAuction, type TestClock } from '../support/auctions';
import type { TestRuntime } from '../support/local-runtime';

const EPHEMERAL = 64;
const admin = '800000000000000001';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  await linkTwitch(rt, builder, 'trustkeebs');
  await startAuction(rt, builder, { price: 25, duration: '1h' });
  await liveAuction(rt, builder);
});
afterAll(() => rt.close());

/** `/c500 block member:@x` (or unblock) as Discord sends it: the member is a USER option (type 6). */
function memberCommand(sub: 'block' | 'unblock', memberId: string): Interaction {
  const interaction = command({ name: 'c500', path: [sub], options: { member: memberId }, userId: admin, permissions: ADMIN });
  const leaf = interaction.data?.options?.[0]?.options?.[0];
  if (leaf) leaf.type = 6;
  return interaction;
}

/** Each step a little later on Discord's clock, so one bidder's bids are not too close unless a test wants them to be. */
const later = () => clock.advance(1_500);

describe('bidder trust in a live auction', () => {
  it('refuses a blocked member’s bids, privately, until an admin unblocks them; a member cannot block', async () => {
    const member = snowflake();
    const refused = await answerOf(rt, command({ name: 'c500', path: ['block'], options: { member: admin }, userId: member }));
    expect(refused).toMatchObject({ flags: EPHEMERAL, content: expect.stringContaining('Only server admins') });

    expect(textOf(await answerOf(rt, memberCommand('block', member)))).toContain(`Blocked <@${member}>`);
    const blocked = await bid(rt, member, 25);
    expect(blocked.flags).toBe(EPHEMERAL);
    expect(textOf(blocked)).toContain('a server admin has blocked you');
    expect(textOf(await say(rt, admin, { path: ['block'], permissions: ADMIN }))).toContain(`• <@${member}>`);

    expect(textOf(await answerOf(rt, memberCommand('unblock', member)))).toContain(`Unblocked <@${member}>`);
    later();
    expect(textOf(await bid(rt, member, 25))).toContain('You lead at **$25.00**');
  });

  it('tells a bidder who bids again within a second to slow down, and takes their bid a second later', async () => {
    later();
    const bo = snowflake();
    expect(textOf(await bid(rt, bo, 30))).toContain('You lead at **$30.00**');
    const soon = await bid(rt, bo, 30, { max: 45 });
    expect(soon.flags).toBe(EPHEMERAL);
    expect(textOf(soon)).toContain('Slow down: this server takes one bid a second from each bidder');
    clock.advance(1_000);
    expect(textOf(await bid(rt, bo, 30, { max: 45 }))).toContain('your max is now $45.00');
  });

  it('holds a bidder who has never paid to $500, naming it, and takes the bid once they have paid for an order', async () => {
    later();
    const ann = snowflake();
    const over = await bid(rt, ann, 600);
    expect(over.flags).toBe(EPHEMERAL);
    expect(textOf(over)).toContain('Bidders who haven’t paid for an order on C500 yet can bid up to **$500.00**');
    later();
    expect(textOf(await bid(rt, ann, 50, { max: 501 }))).toContain('up to **$500.00**');

    // Ann buys a keyboard from a drop and pays for it.
    const { drop } = await postDrop(rt, builder, { price: '30', kind: 'ready-to-ship 3', title: 'Trust test switches' });
    await pay(rt, linkIn(await pressBuyNow(rt, ann, drop!.dropId)));
    expect(await rt.store.get(bidderPath(ann))).toMatchObject({ trustedAt: expect.any(String), trustedByOrder: expect.any(String) });

    later();
    expect(textOf(await bid(rt, ann, 600))).toContain('You lead at **$600.00**');
  });

  it('follows an admin’s new settings in the live auction at once', async () => {
    later();
    const cy = snowflake();
    expect(textOf(await bid(rt, cy, 620))).toContain('up to **$500.00**');
    const saved = await say(rt, admin, { path: ['auction', 'settings'], options: { 'new-bidder-limit': 1000, cooldown: 2 }, permissions: ADMIN });
    expect(saved.flags).toBe(EPHEMERAL);
    expect(textOf(saved)).toContain('Saved.');
    expect(textOf(saved)).toContain('**$1,000.00**');
    clock.advance(2_000);
    expect(textOf(await bid(rt, cy, 620))).toContain('You lead at **$620.00**');
    clock.advance(1_500);
    expect(textOf(await bid(rt, cy, 620, { max: 900 }))).toContain('one bid every 2 seconds');
    expect(textOf(await say(rt, admin, { path: ['auction', 'settings'], options: { cooldown: 61 }, permissions: ADMIN }))).toContain('Nothing was saved');
  });
});
