/**
 * A block holds for the accounts linked to the one blocked, end to end on the local runtime
 * with really signed interactions and EventSub deliveries: a member blocked in Discord who
 * bids from Twitch chat through the Twitch account they linked (`/c500 link-twitch`), and a
 * Twitch login blocked whose linked Discord member bids from Discord. A link made after the
 * block holds too: in chat at once (the chat bid names the member its account is linked
 * to), for Discord bids from the next auction the server opens.
 */
import type { Interaction } from '../../shared/discord';
import { ADMIN, command, snowflake } from '../support/interactions';
import { answerOf, linkIn, say, textOf, twitchAuthorizeBehind } from '../support/marketplace';
import { auctionWorld, bid, liveAuction, runToHammer, startAuction, type TestClock } from '../support/auctions';
import { botSaid, chatBiddingOn, sayInChat, signInChatter, type Chatter } from '../support/chat-bidding';
import type { TestRuntime } from '../support/local-runtime';

const admin = '800000000000000001';
const channel = 'linkkeebs';

let rt: TestRuntime;
let clock: TestClock;
let builder: string;
let auctionId: string;

beforeAll(async () => {
  ({ rt, clock, builder } = await auctionWorld());
  await chatBiddingOn(rt, builder, channel);
  await startAuction(rt, builder, { price: 25, duration: '1h' });
  auctionId = (await liveAuction(rt, builder)).auctionId;
}, 60_000);
afterAll(() => rt.close());

/** `/c500 link-twitch` by the member, authorized on the local Twitch as the chatter's account. */
async function linkTwitchAs(memberId: string, chatter: Chatter): Promise<void> {
  const link = await twitchAuthorizeBehind(linkIn(await say(rt, memberId, { path: ['link-twitch'] })));
  link.searchParams.set('login', chatter.login);
  link.searchParams.set('user_id', chatter.userId);
  const res = await fetch(link, { method: 'POST' });
  if (res.status !== 200) throw new Error(`linking twitch.tv/${chatter.login} answered ${res.status}`);
  await rt.settle();
}

/** `/c500 block` (or unblock) as Discord sends it: a member is a USER option (type 6). */
function blockCommand(sub: 'block' | 'unblock', who: { member: string } | { twitch: string }): Interaction {
  const interaction = command({ name: 'c500', path: [sub], options: who, userId: admin, permissions: ADMIN });
  const leaf = interaction.data?.options?.[0]?.options?.[0];
  if (leaf && 'member' in who) leaf.type = 6;
  return interaction;
}

/** Lets chat bids land and the reply task say what they came to. */
async function settleChat(): Promise<void> {
  await rt.settle();
  clock.advance(1_100);
  await rt.tasks.runDueNow();
  await rt.settle();
}

const said = async () => (await botSaid(rt, channel)).map((m) => m.text).join('\n');
const bidCount = async (id = auctionId) => ((await (await fetch(`${rt.url}/overlay/auction/${id}`)).json()) as { bidCount: number }).bidCount;

describe('a block and the accounts linked to the one blocked', () => {
  it('refuses a blocked member’s bids from Twitch chat through the Twitch account they linked, until they are unblocked', async () => {
    const member = snowflake();
    const ann: Chatter = { login: 'ann_keys', userId: '520000001' };
    await linkTwitchAs(member, ann);
    await signInChatter(rt, ann);
    expect(textOf(await answerOf(rt, blockCommand('block', { member })))).toContain(`Blocked <@${member}> and the Twitch account they linked`);
    clock.advance(1_500);
    const before = await bidCount();
    await sayInChat(rt, channel, ann, '!bid 30');
    await settleChat();
    expect(await said()).toContain('@ann_keys: bidding is paused for your account: ask the admins of this channel’s Discord server why');
    expect(await bidCount()).toBe(before);

    expect(textOf(await answerOf(rt, blockCommand('unblock', { member })))).toContain(`Unblocked <@${member}>`);
    clock.advance(1_500);
    await sayInChat(rt, channel, ann, '!bid 30');
    await settleChat();
    expect(await said()).toContain('ann_keys (Twitch) leads at $30.00');
  });

  it('refuses a blocked Twitch chatter’s bids from Discord through the member who linked that account', async () => {
    const member = snowflake();
    const bea: Chatter = { login: 'bea_keys', userId: '520000002' };
    await linkTwitchAs(member, bea);
    expect(textOf(await answerOf(rt, blockCommand('block', { twitch: bea.login })))).toContain(
      'Blocked twitch.tv/bea_keys and the Discord member who linked it',
    );
    clock.advance(1_500);
    expect(textOf(await bid(rt, member, 40))).toContain('a server admin has blocked you');
  });

  it('holds a member’s block for a Twitch account they link after it, in chat at once', async () => {
    const member = snowflake();
    const cid: Chatter = { login: 'cid_keys', userId: '520000003' };
    await answerOf(rt, blockCommand('block', { member }));
    await linkTwitchAs(member, cid);
    await signInChatter(rt, cid);
    clock.advance(1_500);
    const before = await bidCount();
    await sayInChat(rt, channel, cid, '!bid 60');
    await settleChat();
    expect(await said()).toContain('@cid_keys: bidding is paused for your account: ask the admins of this channel’s Discord server why');
    expect(await bidCount()).toBe(before);
  });

  it('holds a Twitch login’s block for a member who links that account after it, from the next auction', async () => {
    const member = snowflake();
    await answerOf(rt, blockCommand('block', { twitch: 'dot_keys' }));
    await linkTwitchAs(member, { login: 'dot_keys', userId: '520000004' });
    await runToHammer(rt, clock, auctionId);
    await startAuction(rt, builder, { price: 25, duration: '1h' });
    const next = (await liveAuction(rt, builder)).auctionId;
    expect(next).not.toBe(auctionId);
    clock.advance(1_500);
    expect(textOf(await bid(rt, member, 40))).toContain('a server admin has blocked you');
    expect(await bidCount(next)).toBe(0);
    await rt.settle();
    expect(rt.bus.deadLetters).toEqual([]);
  });
});
