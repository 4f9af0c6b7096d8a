/**
 * A giveaway end to end through the local runtime, with really signed interactions and
 * EventSub chat deliveries: 500 people enter, from Discord's **Enter** and from `!enter` in
 * the sponsor's Twitch chat, some of them members whose linked Twitch account enters too
 * (each counted once); the draw reveals a seed whose SHA-256 is the commitment on the post,
 * and the winner follows from the seed and the public list of entries by the rules page's
 * recipe, recomputed here with Node's crypto alone; a winner who does not confirm in time is
 * replaced by the next round of the same seed; the one who confirms gives an address in a
 * modal, and the sponsor ships the prize with `/c500 ship` as an order.
 */
import { createHash, createHmac } from 'node:crypto';
import { execFile } from 'node:child_process';
import type { DiscordMessage } from '../../shared/ports';
import { orderPath } from '../../shared/orders';
import { entryPath, giveawaySeedPath, pseudonymOf, type PublicGiveaway } from '../../shared/giveaways';
import { ADMIN, buttonPress, command, dmButtonPress, modalSubmit, snowflake } from '../support/interactions';
import { answerOf, dmsTo, linkTwitch, postsIn, say, textOf } from '../support/marketplace';
import { AUCTION_CHANNEL, auctionWorld, type TestClock } from '../support/auctions';
import { botSaid, chatBiddingOn, sayInChat, signInChatter, type Chatter } from '../support/chat-bidding';
import type { TestRuntime } from '../support/local-runtime';

const channel = 'gwkeebs';
const admin = '800000000000000001';
const discordOnly = 300;
const chatOnly = 180;
const linked = 20;

let rt: TestRuntime;
let clock: TestClock;
let sponsor: string;
let giveawayId: string;
let commitment: string;
/** Every entrant's pseudonym, and who it is. */
const people = new Map<string, { memberId?: string; chatter?: Chatter }>();

const members = Array.from({ length: discordOnly }, () => snowflake());
const chatters: Chatter[] = Array.from({ length: chatOnly }, (_, i) => ({ login: `viewer_${i}`, userId: String(530_000_000 + i) }));
const both = Array.from({ length: linked }, (_, i) => ({ memberId: snowflake(), chatter: { login: `linked_${i}`, userId: String(540_000_000 + i) } }));

async function inBatches<T>(items: readonly T[], size: number, each: (item: T) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(each));
  await rt.settle();
}

/** `/c500 link-twitch` by the member, authorized on the local Twitch as the chatter's account. */
async function linkTwitchAs(memberId: string, chatter: Chatter): Promise<void> {
  const res = await linkTwitch(rt, memberId, chatter.login, chatter.userId);
  if (res.status !== 200) throw new Error(`linking twitch.tv/${chatter.login} answered ${res.status}`);
}

async function pressEnter(memberId: string): Promise<Response> {
  return rt.sendInteraction(buttonPress(`genter:${giveawayId}`, memberId, { channelId: AUCTION_CHANNEL }));
}

async function board(): Promise<PublicGiveaway> {
  return (await (await fetch(`${rt.url}/giveaway/${giveawayId}.json`)).json()) as PublicGiveaway;
}

/** Moves the clock and lets what fell due run (the draw, a deadline, chat replies). */
async function advance(ms: number): Promise<void> {
  clock.advance(ms);
  await rt.settle();
  await rt.tasks.runDueNow();
  await rt.settle();
}

/** What anyone can do with the revealed seed, entries.txt and the drand round: the rules page's recipe, in Node's crypto alone. */
function recompute(seedHex: string, entries: readonly string[], rounds: number, beaconRandomness: string): string[] {
  const pool = [...entries].sort();
  // The key: the seed then the beacon round's randomness, hashed (a round published after entry closed).
  const seed = createHash('sha256')
    .update(Buffer.concat([Buffer.from(seedHex, 'hex'), Buffer.from(beaconRandomness, 'hex')]))
    .digest();
  // The entries' hash, fixed when entry closed: every round is bound to it.
  const hash = createHash('sha256').update(pool.join('\n')).digest('hex');
  const winners: string[] = [];
  for (let r = 1; r <= rounds && pool.length > 0; r++) {
    const h = createHmac('sha256', seed).update(`draw:${hash}:${r}`).digest('hex');
    winners.push(pool.splice(Number(BigInt(`0x${h}`) % BigInt(pool.length)), 1)[0] as string);
  }
  return winners;
}

/** `node docs/verify-giveaway.mjs <url>` against the running site: its exit code and what it printed. */
function verifier(): Promise<{ code: number | null; said: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['docs/verify-giveaway.mjs', `${rt.url}/giveaway/${giveawayId}`], (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, said: `${stdout}${stderr}` }),
    );
  });
}

const postWith = (text: string): DiscordMessage | undefined => postsIn(rt, AUCTION_CHANNEL).find((m) => textOf(m).includes(text));

beforeAll(async () => {
  ({ rt, clock, builder: sponsor } = await auctionWorld());
  await chatBiddingOn(rt, sponsor, channel);
  for (const { memberId, chatter } of both) await linkTwitchAs(memberId, chatter);
  // `!enter`, as `!bid`, takes a chatter who signed in with Twitch once.
  await inBatches([...chatters, ...both.map((b) => b.chatter)], 20, (c) => signInChatter(rt, c));
  await rt.settle();
}, 120_000);
afterAll(() => rt.close());

describe('a giveaway of 500 entrants', () => {
  it('refuses a start by someone who neither sells, hosts nor administers, and a duration that is not one', async () => {
    expect(textOf(await say(rt, snowflake(), { name: 'giveaway', path: ['start'], options: { prize: 'Keycaps', duration: '1h' } }))).toContain(
      'Only a builder who sells on C500, a show host or a server admin',
    );
    expect(textOf(await say(rt, sponsor, { name: 'giveaway', path: ['start'], options: { prize: 'Keycaps', duration: 'soon' } }))).toContain(
      'isn’t a duration',
    );
    expect(textOf(await say(rt, sponsor, { name: 'giveaway', path: ['start'], options: { prize: 'Keycaps', duration: '1h', winners: 0 } }))).toContain(
      '`winners` is a whole number from 1 to 20',
    );
  });

  it('posts Enter, "No purchase necessary", the official rules and the seed’s SHA-256', async () => {
    const answer = await say(rt, sponsor, {
      name: 'giveaway',
      path: ['start'],
      options: { prize: 'Tofu65 kit (no purchase needed, purchases welcome)', duration: '30m' },
    });
    giveawayId = /Giveaway `([0-9a-z]{8})`/.exec(textOf(answer))?.[1] as string;
    expect(giveawayId).toBeDefined();
    const post = postWith(`Giveaway ${giveawayId}`) ?? postsIn(rt, AUCTION_CHANNEL).find((m) => m.embeds?.[0]?.footer?.text === `Giveaway ${giveawayId}`);
    expect(post).toBeDefined();
    const text = textOf(post as DiscordMessage);
    expect(text).toContain('No purchase necessary');
    commitment = /`([0-9a-f]{64})`/.exec(text)?.[1] as string;
    expect(commitment).toMatch(/^[0-9a-f]{64}$/);
    const buttons = ((post as DiscordMessage).components as Array<{ components: Array<{ label: string; url?: string; custom_id?: string }> }>).flatMap(
      (r) => r.components,
    );
    expect(buttons.find((b) => b.custom_id === `genter:${giveawayId}`)?.label).toContain('Enter');
    const rulesUrl = buttons.find((b) => b.label === 'Official rules')?.url as string;
    const rules = await (await fetch(rulesUrl)).text();
    for (const words of [
      'No purchase necessary',
      'Sponsor',
      'Dates',
      'Who may enter',
      'odds of winning depend on the number of entries',
      'How the winner is drawn',
      'draw:',
      commitment,
    ])
      expect(rules).toContain(words);
  });

  it('counts each person once, whether they enter from Discord, from chat or both, and refuses the sponsor and the blocked', async () => {
    await inBatches(members, 25, pressEnter);
    await inBatches(chatters, 25, (c) => sayInChat(rt, channel, c, '!enter'));
    // The linked: half enter by chat first, all by Discord, the other half by chat after.
    await inBatches(both.slice(0, linked / 2), 10, (b) => sayInChat(rt, channel, b.chatter, '!enter'));
    await inBatches(both, 10, (b) => pressEnter(b.memberId));
    await inBatches(both.slice(linked / 2), 10, (b) => sayInChat(rt, channel, b.chatter, '!enter'));
    // The salt is never published: the test reads it from the store to know who is behind each pseudonym.
    const salt = (await rt.store.get(giveawaySeedPath(giveawayId)))?.salt;
    expect(salt).toMatch(/^[0-9a-f]{64}$/);
    for (const m of members) people.set(pseudonymOf(giveawayId, m, salt), { memberId: m });
    for (const c of chatters) people.set(pseudonymOf(giveawayId, `twitch:${c.userId}`, salt), { chatter: c });
    for (const b of both) people.set(pseudonymOf(giveawayId, b.memberId, salt), b);
    // Nobody can match the public list to a public id without it.
    expect(people.has(createHash('sha256').update(`${giveawayId}:${members[0]}`).digest('hex'))).toBe(false);

    // What the overlay polls: the count and the state, never a name.
    const feed = await board();
    expect(feed).toMatchObject({ giveawayId, status: 'open', entrants: discordOnly + chatOnly + linked, seed: null, rounds: [], commitment });
    expect(JSON.stringify(feed)).not.toContain(members[0] as string);
    const overlay = await fetch(`${rt.url}/overlay/giveaway?giveaway=${giveawayId}`);
    expect(overlay.status).toBe(200);
    expect(await overlay.text()).toContain(`/giveaway/\${encodeURIComponent(id)}.json`);
    const entries = (await (await fetch(`${rt.url}/giveaway/${giveawayId}/entries.txt`)).text()).trim().split('\n');
    expect(new Set(entries)).toEqual(new Set(people.keys()));

    expect(textOf(await answerOf(rt, buttonPress(`genter:${giveawayId}`, members[0] as string)))).toContain('already in the draw');
    expect(textOf(await answerOf(rt, buttonPress(`genter:${giveawayId}`, sponsor)))).toContain('You sponsor this giveaway');
    const blocked = snowflake();
    const block = command({ name: 'c500', path: ['block'], options: { member: blocked }, userId: admin, permissions: ADMIN });
    const leaf = block.data?.options?.[0]?.options?.[0];
    if (leaf) leaf.type = 6;
    await answerOf(rt, block);
    expect(textOf(await answerOf(rt, buttonPress(`genter:${giveawayId}`, blocked)))).toContain('blocked you');
    expect((await board()).entrants).toBe(500);
    // A chat name nobody signed in with enters nothing: it is told to sign in first.
    await sayInChat(rt, channel, { login: 'throwaway_1', userId: '559000001' }, '!enter');

    await advance(1_100);
    expect((await board()).entrants).toBe(500);
    const said = (await botSaid(rt, channel)).map((m) => m.text).join('\n');
    expect(said).toContain('No purchase necessary');
    expect(said).toContain('@throwaway_1 to enter from chat, sign in with Twitch once');
  }, 240_000);

  it('draws at the end a winner anyone can recompute from the revealed seed and the entries', async () => {
    await advance(30 * 60_000 + 5_000);
    const drawn = await board();
    expect(drawn.status).toBe('drawn');
    const draw = postWith('Seed:') as DiscordMessage;
    const seed = /Seed: `([0-9a-f]{64})`/.exec(textOf(draw))?.[1] as string;
    expect(seed).toBe(drawn.seed);
    expect(createHash('sha256').update(Buffer.from(seed, 'hex')).digest('hex')).toBe(commitment);
    const entries = (await (await fetch(`${rt.url}/giveaway/${giveawayId}/entries.txt`)).text()).trim().split('\n');
    expect(entries).toHaveLength(500);
    expect(drawn.rounds.map((r) => r.pseudonym)).toEqual(recompute(seed, entries, 1, drawn.beacon?.randomness as string));
    expect(drawn.entriesHash).toBe(
      createHash('sha256')
        .update([...entries].sort().join('\n'))
        .digest('hex'),
    );
    // The verifier in docs/, from the public pages alone, in a process of its own.
    expect(await verifier()).toMatchObject({ code: 0, said: expect.stringContaining('the draw holds') });
    // The public page lists pseudonyms and the seed, and names nobody.
    const page = await (await fetch(`${rt.url}/giveaway/${giveawayId}`)).text();
    expect(page).toContain(seed);
    for (const m of members.slice(0, 20)) expect(page).not.toContain(m);
    for (const c of chatters.slice(0, 20)) expect(page).not.toContain(c.login);
  });

  it('draws again from the same seed when a winner does not confirm in time, and ships the prize of the one who does through /c500 ship', async () => {
    // Until a round's winner is a Discord member (a chatter no member linked confirms only after linking): each lapses in turn.
    let current = (await board()).rounds.at(-1) as PublicGiveaway['rounds'][number];
    let lapses = 0;
    do {
      await advance(5 * 60_000 + 2_000);
      const after = await board();
      expect(after.rounds.find((r) => r.round === current.round)?.state).toBe('lapsed');
      current = after.rounds.at(-1) as PublicGiveaway['rounds'][number];
      lapses += 1;
      const entries = (await (await fetch(`${rt.url}/giveaway/${giveawayId}/entries.txt`)).text()).trim().split('\n');
      expect(after.rounds.map((r) => r.pseudonym)).toEqual(recompute(after.seed as string, entries, after.rounds.length, after.beacon?.randomness as string));
      expect(textOf(postsIn(rt, AUCTION_CHANNEL).at(-1) as DiscordMessage)).toContain('did not confirm in time');
    } while (!people.get(current.pseudonym)?.memberId && lapses < 12);
    const winner = people.get(current.pseudonym)?.memberId as string;
    expect(winner).toBeDefined();

    const dm = dmsTo(rt, winner).find((m) => textOf(m).includes('You won')) as DiscordMessage;
    const claim = ((dm.components as Array<{ components: Array<{ custom_id: string }> }>)[0]?.components[0] as { custom_id: string }).custom_id;
    expect(claim).toBe(`gclaim:${giveawayId}:${current.round}`);
    const opened = (await (await rt.sendInteraction(dmButtonPress(claim, winner))).json()) as { type: number; data: { custom_id: string } };
    expect(opened.type).toBe(9);
    // Someone else's address is refused; the winner's makes the prize an order.
    expect(textOf(await answerOf(rt, modalSubmit(opened.data.custom_id, address, members.find((m) => m !== winner) as string)))).toContain('not yours');
    expect(textOf(await answerOf(rt, modalSubmit(opened.data.custom_id, address, winner)))).toContain('Confirmed');

    const orderId = `gw-${giveawayId}-${current.round}`;
    expect(await rt.store.get(orderPath(orderId))).toMatchObject({
      source: 'giveaway',
      amountCents: 0,
      status: 'paid',
      buyerId: winner,
      builderId: sponsor,
      shippingAddress: { name: 'Ann Key', postalCode: '97201', country: 'US' },
    });
    expect((await board()).rounds.at(-1)?.state).toBe('confirmed');
    expect(textOf(dmsTo(rt, sponsor).find((m) => textOf(m).includes(orderId)) as DiscordMessage)).toContain('1 Switch Lane');
    // The address went to the sponsor alone: no channel post holds it.
    for (const post of postsIn(rt, AUCTION_CHANNEL)) expect(textOf(post)).not.toContain('Switch Lane');

    expect(textOf(await say(rt, sponsor, { path: ['ship'], options: { order: orderId, tracking: 'UPS 1Z999' } }))).toContain('marked shipped');
    expect((await rt.store.get(orderPath(orderId)))?.status).toBe('shipped');
    expect(dmsTo(rt, winner).some((m) => textOf(m).includes('1Z999'))).toBe(true);
    // Each chatter no member linked who won a round was told in the sponsor's chat, where they entered.
    const said = (await botSaid(rt, channel)).map((m) => m.text).join('\n');
    for (const round of (await board()).rounds) {
      const chatter = people.get(round.pseudonym)?.memberId ? undefined : people.get(round.pseudonym)?.chatter;
      if (chatter) expect(said).toContain(`@${chatter.login} you won`);
    }
    // A deadline that comes after the confirmation changes nothing.
    await advance(6 * 60_000);
    expect((await board()).rounds.at(-1)?.state).toBe('confirmed');
    expect(rt.bus.deadLetters).toEqual([]);
  }, 120_000);

  it('keeps the draw when an entry is slipped into the store after the close: no round is drawn from it, and the verifier says the list is not the one drawn from', async () => {
    const before = await board();
    const slipped = 'f'.repeat(64);
    // Written around the product, as only someone with the store's keys could.
    await rt.store.set(entryPath(giveawayId, slipped), {
      pseudonym: slipped,
      entrantId: '899999999999999999',
      via: 'discord',
      label: 'insider',
      enteredAt: new Date(clock.ms).toISOString(),
    });
    await advance(6 * 60_000);
    const after = await board();
    expect(after.rounds.map((r) => r.pseudonym)).toEqual(before.rounds.map((r) => r.pseudonym));
    expect(after.entriesHash).toBe(before.entriesHash);
    const checked = await verifier();
    expect(checked.code).toBe(1);
    expect(checked.said).toContain('FAIL the entries listed hash to the entries’ hash published at the close');
  });
});

const address = { name: 'Ann Key', line1: '1 Switch Lane', city: 'Portland', state: 'OR', postal: '97201 US' };
