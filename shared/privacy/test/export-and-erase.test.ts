import { LocalDocumentStore } from '../../local/firestore/document-store';
import type { DiscordMessage } from '../../ports';
import { buttonPress as pressIn, command, dmButtonPress } from '../../../test/support/interactions';
import type { Interaction } from '../../discord';
import { snowflakeAt, snowflakeTimeMs } from '../../common';
import { anyDocument, findMemberData } from '../use-cases/find-member-data';
import { askToErase, eraseMember, eraseMemberData } from '../use-cases/erase-member';
import { markActed } from '../use-cases/take-erasure-ask';
import { exportMemberData } from '../use-cases/export-member-data';
import { showPrivacy } from '../use-cases/show-privacy';
import { confirmEraseButtonId, eraseButtonId, eraseButtonLifetimeMs, privacyAnswers } from '../rules/privacy-messages';
import { erasedName } from '../rules/member-data';
import type { Fields } from '../rules/field-paths';

const buyer = '811000000000000101';
const builder = '811000000000000202';
const rival = '811000000000000303';
const stranger = '811000000000000404';
const clock = { now: () => new Date('2026-11-20T12:00:00Z') };
const publicBaseUrl = 'https://c500.example';

// The name on the parcel is what Stripe collected: it stays with the open order, seen by its builder alone.
const address = { name: 'A. Lovelace', line1: '1 Keycap Lane', city: 'Oslo', postalCode: '0150', country: 'NO' };
const world: Record<string, Fields> = {
  'orders/o1': {
    orderId: 'o1',
    status: 'paid',
    buyerId: buyer,
    buyerName: 'Ada Buyer',
    builderId: builder,
    builderName: 'Bo Builder',
    amountCents: 12_000,
    shippingAddress: address,
    commission: { ticket: 3, promisedAt: '2026-12-13T12:00:00.000Z' },
  },
  'orders/o2': {
    orderId: 'o2',
    status: 'paid',
    buyerId: rival,
    buyerName: 'Rik Rival',
    builderId: builder,
    builderName: 'Bo Builder',
    shippingAddress: { ...address, name: 'R. Rival' },
  },
  'auctions/a1': {
    auctionId: 'a1',
    builderId: builder,
    builderName: 'Bo Builder',
    item: 'Tofu65',
    winner: { bidderId: buyer, bidderName: 'Ada Buyer', amountCents: 9_000 },
    runnerUps: [{ bidderId: rival, bidderName: 'Rik Rival', amountCents: 8_500 }],
  },
  // Their Twitch account, linked with /c500 link-twitch, through which they also bid from chat as `twitch:77001`.
  [`builders/${buyer}`]: { discordUserId: buyer, displayName: 'Ada Buyer', twitch: { userId: '77001', login: 'ada_keebs', displayName: 'AdaKeebs' } },
  'twitchChannels/77001': { builderId: buyer, login: 'ada_keebs' },
  [`twitchBidders/77001`]: { twitchUserId: '77001', login: 'ada_keebs', displayName: 'AdaKeebs', linkedAt: '2026-11-01T00:00:00Z' },
  'twitchLogins/ada_keebs': { login: 'ada_keebs', twitchUserId: '77001', seenAt: '2026-11-01T00:00:00Z' },
  // Another chatter's identity: nothing of theirs is the member's.
  [`twitchBidders/77002`]: { twitchUserId: '77002', login: 'rik_keebs', displayName: 'RikKeebs', linkedAt: '2026-11-01T00:00:00Z' },
  [`dashboardSessions/s1`]: { sessionId: 's1', userId: buyer, username: 'ada', displayName: 'Ada Buyer', sealedToken: 'sealed' },
  [`queuePrivacy/${buyer}`]: { at: '2026-11-02T00:00:00Z' },
  // Subcollections: the member's bids in an auction's history, a wallet's shard, a giveaway entry.
  'auctions/a1/history/0000': {
    auctionId: 'a1',
    chunk: 0,
    bidderIds: [rival, buyer],
    bids: [
      { bidId: 'b1', bidderId: rival, bidderName: 'Rik Rival', amountCents: 8_500, leaderId: rival },
      { bidId: 'b2', bidderId: buyer, bidderName: 'Ada Buyer', amountCents: 9_000, leaderId: buyer },
    ],
  },
  'auctions/a2/history/0000': {
    auctionId: 'a2',
    chunk: 0,
    bidderIds: [rival, 'twitch:77001', 'twitch:77002'],
    bids: [
      { bidId: 'b3', bidderId: rival, bidderName: 'Rik Rival', amountCents: 1_000, leaderId: rival },
      // Their chat bid, under their Twitch identity; and another chatter's.
      { bidId: 'b6', bidderId: 'twitch:77001', bidderName: 'AdaKeebs', amountCents: 1_100, leaderId: 'twitch:77001' },
      { bidId: 'b7', bidderId: 'twitch:77002', bidderName: 'RikKeebs', amountCents: 1_200, leaderId: 'twitch:77002' },
    ],
  },
  // An auction the member lost as its runner-up: no field of the auction lists every bidder; their bids do.
  'auctions/a3': {
    auctionId: 'a3',
    builderId: builder,
    winner: { bidderId: rival, bidderName: 'Rik Rival', amountCents: 5_000 },
    runnerUps: [{ bidderId: buyer, bidderName: 'Ada Buyer', amountCents: 4_500 }],
  },
  'auctions/a3/history/0000': {
    auctionId: 'a3',
    chunk: 0,
    bidderIds: [buyer, rival],
    bids: [
      { bidId: 'b4', bidderId: buyer, bidderName: 'Ada Buyer', amountCents: 4_500, leaderId: buyer },
      { bidId: 'b5', bidderId: rival, bidderName: 'Rik Rival', amountCents: 5_000, leaderId: rival },
    ],
  },
  [`wallets/g1-${buyer}/shards/3`]: { guildId: 'g1', racerId: buyer, racerName: 'Ada Buyer', currency: 'eur', pendingCents: 0, paidCents: 0, earnedCents: 0 },
  [`wallets/g1-${rival}/shards/3`]: {
    guildId: 'g1',
    racerId: rival,
    racerName: 'Rik Rival',
    currency: 'eur',
    pendingCents: 700,
    paidCents: 0,
    earnedCents: 700,
  },
  // A race the member raced in, hosted by the rival: the lobby names its racers, and the pot overlay shows them.
  'raceLobbies/r1': {
    lobbyId: 'r1',
    hostId: rival,
    racers: [
      { userId: buyer, name: 'Ada Buyer' },
      { userId: rival, name: 'Rik Rival' },
    ],
    racerIds: [buyer, rival],
    shares: { [buyer]: 100, [rival]: 200 },
  },
  'giveaways/gw1/entries/p1': { pseudonym: 'p1', entrantId: buyer, via: 'discord', label: 'Ada Buyer', enteredAt: '2026-11-03T00:00:00Z' },
  'giveaways/gw1/entries/p2': { pseudonym: 'p2', entrantId: rival, via: 'discord', label: 'Rik Rival', enteredAt: '2026-11-03T00:00:00Z' },
};

async function seeded(): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  for (const [path, data] of Object.entries(world)) await store.set(anyDocument<Fields>(path), data);
  return store;
}

const text = (message: DiscordMessage) => JSON.stringify(message);

/** A press on the message `/c500 privacy` answered with, that message made `sentAgoMs` before the press (Discord's snowflakes say both times). */
function onMessage(press: Interaction, sentAgoMs: number): Interaction {
  const pressedAtMs = snowflakeTimeMs(press.id) as number;
  return { ...press, message: { id: snowflakeAt(pressedAtMs - sentAgoMs, 7), ...(press.channel_id ? { channel_id: press.channel_id } : {}) } };
}
const buttonPress = (customId: string, userId: string, sentAgoMs = 60_000) => onMessage(pressIn(customId, userId), sentAgoMs);
const dmPress = (customId: string, userId: string, sentAgoMs = 60_000) => onMessage(dmButtonPress(customId, userId), sentAgoMs);

describe('a member’s export and erasure', () => {
  it('GIVEN a member with a paid order in a queue, a won auction, a Twitch link and a session THEN the export holds all of it and no other person', async () => {
    const store = await seeded();
    const exported = await exportMemberData(store, buyer, clock.now());
    const json = JSON.stringify(exported);
    expect(exported?.records.map((r) => r.path).sort()).toEqual([
      'auctions/a1',
      'auctions/a1/history/0000',
      'auctions/a2/history/0000',
      'auctions/a3',
      'auctions/a3/history/0000',
      `builders/${buyer}`,
      'dashboardSessions/s1',
      'giveaways/gw1/entries/p1',
      'orders/o1',
      `queuePrivacy/${buyer}`,
      'raceLobbies/r1',
      'twitchBidders/77001',
      'twitchChannels/77001',
      'twitchLogins/ada_keebs',
      `wallets/g1-${buyer}/shards/3`,
    ]);
    // Their chat bid, shown as theirs (the Twitch identity), and no other chatter's.
    expect(exported?.records.find((r) => r.path === 'auctions/a2/history/0000')).toMatchObject({
      as: 'twitch:77001',
      data: { bidderIds: ['twitch:77001'], bids: [{ bidderId: 'twitch:77001', bidderName: 'AdaKeebs', amountCents: 1_100 }] },
    });
    expect(exported?.records.find((r) => r.path === 'auctions/a1/history/0000')?.data).toMatchObject({
      bidderIds: [buyer],
      // Their own bids only: another bidder's bid holds what that bidder alone may see (their max).
      bids: [{ bidderId: buyer, bidderName: 'Ada Buyer', amountCents: 9_000 }],
    });
    expect(json).toContain('1 Keycap Lane');
    expect(json).toContain('ada_keebs');
    expect(json).toContain('"ticket":3');
    expect(json).not.toContain('Rik Rival');
    expect(json).not.toContain('Bo Builder');
    expect(json).not.toContain(rival);
    expect(json).not.toContain(builder);
    expect(json).not.toContain('77002');
    // No credential: the session's sealed Discord token stays out of a file that is passed around.
    expect(json).not.toContain('sealed');
    expect(json).not.toContain('RikKeebs');
  });

  it('GIVEN a person C500 knows nothing of THEN /c500 privacy and the export say so', async () => {
    const store = await seeded();
    expect(await showPrivacy({ store, clock, publicBaseUrl }, command({ name: 'c500', path: ['privacy'], userId: stranger }))).toEqual(
      privacyAnswers.nothingKept,
    );
    expect(await exportMemberData(store, stranger, clock.now())).toBeUndefined();
  });

  it('GIVEN /c500 privacy THEN it answers privately in a few lines with Download and Erase buttons, in DMs too', async () => {
    const store = await seeded();
    const answer = await showPrivacy({ store, clock, publicBaseUrl }, command({ name: 'c500', path: ['privacy'], userId: buyer, guildId: null }));
    expect(answer.flags).toBe(64);
    expect(text(answer)).toContain('Download my data');
    expect(text(answer)).toContain(`${publicBaseUrl}/dashboard/me`);
    expect(text(answer)).toContain(eraseButtonId(buyer));
  });

  it('GIVEN someone presses another member’s Erase buttons THEN nothing is erased', async () => {
    const store = await seeded();
    const deps = { store, clock, publicBaseUrl };
    expect(await askToErase(deps, buttonPress(eraseButtonId(buyer), rival))).toEqual(privacyAnswers.notYours);
    expect(await eraseMember(deps, buttonPress(confirmEraseButtonId(buyer), rival))).toEqual(privacyAnswers.notYours);
    expect(await eraseMember(deps, buttonPress('privacy-erase-yes:not-a-snowflake', buyer))).toEqual(privacyAnswers.notYours);
    expect(await store.get(anyDocument<Fields>('twitchBidders/77001'))).toBeDefined();
  });

  it('GIVEN the member confirms THEN their name appears nowhere, their link, session and choices are gone, and the order still ships to them', async () => {
    const store = await seeded();
    const deps = { store, clock, publicBaseUrl };
    expect(text(await askToErase(deps, buttonPress(eraseButtonId(buyer), buyer)))).toContain('Yes, erase me');
    const answer = await eraseMember(deps, buttonPress(confirmEraseButtonId(buyer), buyer));
    expect(answer.content).toContain('Done');
    expect(answer.content).toContain('one purchase');

    const everything = JSON.stringify(await Promise.all(Object.keys(world).map((path) => store.get(anyDocument<Fields>(path)))));
    expect(everything).not.toContain('Ada Buyer');
    expect(everything).not.toContain('ada_keebs');
    expect(everything).not.toContain('AdaKeebs');
    expect(everything).toContain('RikKeebs');
    for (const path of ['twitchBidders/77001', 'twitchLogins/ada_keebs', 'twitchChannels/77001'])
      expect(await store.get(anyDocument<Fields>(path))).toBeUndefined();
    expect(await store.get(anyDocument<Fields>('twitchBidders/77002'))).toBeDefined();
    expect(await store.get(anyDocument<Fields>('dashboardSessions/s1'))).toBeUndefined();
    expect(await store.get(anyDocument<Fields>(`queuePrivacy/${buyer}`))).toBeUndefined();
    expect(await store.get(anyDocument<Fields>('auctions/a1/history/0000'))).toMatchObject({
      bids: [{ bidderName: 'Rik Rival' }, { bidderId: buyer, bidderName: erasedName, amountCents: 9_000 }],
    });
    expect(await store.get(anyDocument<Fields>('giveaways/gw1/entries/p1'))).toMatchObject({ entrantId: buyer, label: erasedName });
    expect(await store.get(anyDocument<Fields>('giveaways/gw1/entries/p2'))).toMatchObject({ label: 'Rik Rival' });

    const order = await store.get(anyDocument<Fields>('orders/o1'));
    expect(order).toMatchObject({
      buyerId: buyer,
      buyerName: erasedName,
      status: 'paid',
      amountCents: 12_000,
      shippingAddress: address,
      builderName: 'Bo Builder',
    });
    const auction = await store.get(anyDocument<Fields>('auctions/a1'));
    expect(auction).toMatchObject({ winner: { bidderId: buyer, bidderName: erasedName, amountCents: 9_000 }, runnerUps: [{ bidderName: 'Rik Rival' }] });
  });

  it('GIVEN the member erases twice THEN the second answer says it was already done', async () => {
    const store = await seeded();
    const deps = { store, clock, publicBaseUrl };
    await eraseMember(deps, buttonPress(confirmEraseButtonId(buyer), buyer));
    expect(await eraseMember(deps, buttonPress(confirmEraseButtonId(buyer), buyer))).toEqual(privacyAnswers.nothingNew(clock.now().toISOString()));
    // What stays carries the member's id alone: the order, the auction's result, their bids, entry and wallet.
    expect((await findMemberData(store, buyer)).map((f) => f.path).sort()).toEqual([
      'auctions/a1',
      'auctions/a1/history/0000',
      'auctions/a3',
      'auctions/a3/history/0000',
      `builders/${buyer}`,
      'giveaways/gw1/entries/p1',
      'orders/o1',
      'raceLobbies/r1',
      `wallets/g1-${buyer}/shards/3`,
    ]);
    expect(await store.get(anyDocument<Fields>('raceLobbies/r1'))).toMatchObject({
      racers: [
        { userId: buyer, name: erasedName },
        { userId: rival, name: 'Rik Rival' },
      ],
    });
  });
});

describe('the Erase buttons', () => {
  it('GIVEN /c500 privacy and both Erase buttons in the bot’s DMs THEN it erases, as in a server', async () => {
    const store = await seeded();
    const deps = { store, clock, publicBaseUrl };
    const dm = command({ name: 'c500', path: ['privacy'], userId: buyer, guildId: null });
    expect(dm.guild_id).toBeUndefined();
    expect(dm.member).toBeUndefined();
    expect(text(await showPrivacy(deps, dm))).toContain(eraseButtonId(buyer));
    expect(text(await askToErase(deps, dmPress(eraseButtonId(buyer), buyer)))).toContain(confirmEraseButtonId(buyer));
    expect((await eraseMember(deps, dmPress(confirmEraseButtonId(buyer), buyer))).content).toContain('Done');
    expect(await store.get(anyDocument<Fields>('twitchBidders/77001'))).toBeUndefined();
  });

  it('GIVEN a press 15 minutes or more after the message was sent THEN it has expired and nothing is erased; a minute before, it works', async () => {
    const store = await seeded();
    const deps = { store, clock, publicBaseUrl };
    expect(await askToErase(deps, buttonPress(eraseButtonId(buyer), buyer, eraseButtonLifetimeMs))).toEqual(privacyAnswers.expired);
    expect(await eraseMember(deps, dmPress(confirmEraseButtonId(buyer), buyer, eraseButtonLifetimeMs + 3_600_000))).toEqual(privacyAnswers.expired);
    // Discord always says which message a button is on: a press that does not is not trusted.
    expect(await eraseMember(deps, pressIn(confirmEraseButtonId(buyer), buyer))).toEqual(privacyAnswers.expired);
    expect(privacyAnswers.expired.content).toBe('This button has expired: type `/c500 privacy` again.');
    expect(privacyAnswers.expired.flags).toBe(64);
    expect(await store.get(anyDocument<Fields>('twitchBidders/77001'))).toBeDefined();
    expect((await eraseMember(deps, buttonPress(confirmEraseButtonId(buyer), buyer, eraseButtonLifetimeMs - 60_000))).content).toContain('Done');
  });

  it('GIVEN each press THEN its answer replaces the buttons it came from: none is left after the erasure, and a second press hears it is done', async () => {
    const store = await seeded();
    const deps = { store, clock, publicBaseUrl };
    const asked = await askToErase(deps, buttonPress(eraseButtonId(buyer), buyer));
    expect(text(asked)).not.toContain(eraseButtonId(buyer));
    const done = await eraseMember(deps, buttonPress(confirmEraseButtonId(buyer), buyer));
    expect(done.components).toEqual([]);
    const again = await eraseMember(deps, buttonPress(confirmEraseButtonId(buyer), buyer));
    expect(again).toEqual(privacyAnswers.nothingNew(clock.now().toISOString()));
    expect(again.components).toEqual([]);
  });
});

describe('the automatic block after a dispute', () => {
  const blockedGuild = {
    configuredBy: rival,
    auctions: {
      version: 3,
      blocked: [
        { key: buyer, linked: ['twitch:77001'], label: `<@${buyer}>`, blockedBy: buyer, blockedAt: '2026-11-10T00:00:00Z', disputeId: 'dp_1' },
        { key: rival, label: `<@${rival}>`, blockedBy: builder, blockedAt: '2026-11-11T00:00:00Z' },
      ],
      blockedIds: [buyer, 'twitch:77001', rival],
      lastChange: { interactionId: 'i1', key: buyer },
    },
  };

  it('GIVEN a buyer C500 blocked after their dispute THEN their export holds the block and why, and no other person on the list', async () => {
    const store = await seeded();
    await store.set(anyDocument<Fields>('guilds/g1'), blockedGuild);
    const exported = await exportMemberData(store, buyer, clock.now());
    const block = exported?.records.find((r) => r.path === 'guilds/g1');
    expect(block?.data).toMatchObject({ auctions: { blocked: [{ key: buyer, disputeId: 'dp_1' }] } });
    expect(JSON.stringify(block)).not.toContain(rival);
    expect(JSON.stringify(block)).not.toContain(builder);
  });

  it('GIVEN a disputed-then-blocked buyer WHEN they erase themselves THEN no block list keeps their id or their linked account’s, and the others stay blocked', async () => {
    const store = await seeded();
    await store.set(anyDocument<Fields>('guilds/g1'), blockedGuild);
    expect((await eraseMemberData({ store, clock }, buyer)).kind).toBe('erased');
    const guild = JSON.stringify(await store.get(anyDocument<Fields>('guilds/g1')));
    expect(guild).not.toContain(buyer);
    expect(guild).not.toContain('twitch:77001');
    expect(await store.get(anyDocument<Fields>('guilds/g1'))).toMatchObject({
      configuredBy: rival,
      auctions: { blocked: [{ key: rival }], blockedIds: [rival] },
    });
  });
});

describe('an erasure asked again', () => {
  it('GIVEN an erasure moments ago WHEN asked again after the member did something THEN every store is searched again, the outside ones too, and the answer is already erased', async () => {
    const store = await seeded();
    let reached = 0;
    const deps = { store, clock, eraseElsewhere: async () => ((reached += 1), 0) };
    expect((await eraseMemberData(deps, buyer)).kind).toBe('erased');
    const first = reached;
    expect(first).toBeGreaterThan(0);
    await markActed(deps, buyer);
    expect(await eraseMemberData(deps, buyer)).toEqual({ kind: 'already-erased', erasedAt: clock.now().toISOString() });
    // The linked Twitch account went with the first: the second reaches the member's own id.
    expect(reached).toBe(first + 1);
  });

  it('GIVEN a member who erased, came back and bid WHEN they erase again within a minute THEN the search runs again and their new name goes', async () => {
    const store = await seeded();
    const deps = { store, clock };
    expect((await eraseMemberData(deps, buyer)).kind).toBe('erased');
    await store.set(anyDocument<Fields>('auctions/a9/history/0000'), {
      auctionId: 'a9',
      chunk: 0,
      bidderIds: [buyer],
      bids: [{ bidId: 'b9', bidderId: buyer, bidderName: 'Ada Again', amountCents: 2_000, leaderId: buyer }],
    });
    await markActed(deps, buyer); // what wrote it marked them, as every path a person acts through does
    expect((await eraseMemberData(deps, buyer)).kind).toBe('erased');
    expect(JSON.stringify(await store.get(anyDocument<Fields>('auctions/a9/history/0000')))).not.toContain('Ada Again');
  });

  it('GIVEN a linked Twitch account THEN its own records are erased before the ones that link it, so an erasure stopped midway is retried whole', async () => {
    const store = await seeded();
    const order: string[] = [];
    const watching = new Proxy(store, {
      get(target, key, receiver) {
        if (key !== 'runTransaction') return Reflect.get(target, key, receiver) as unknown;
        return async (work: Parameters<typeof store.runTransaction>[0]) =>
          target.runTransaction(async (tx) => {
            const get = tx.get.bind(tx);
            return work(Object.assign(tx, { get: async (path: Parameters<typeof tx.get>[0]) => (order.push(String(path)), get(path)) }));
          });
      },
    });
    await eraseMemberData({ store: watching, clock }, buyer);
    // The documents that name the linked account (found through them) go after all the rest: its chat bids and chat identity first.
    expect(order.slice(-3).sort()).toEqual([`builders/${buyer}`, 'twitchBidders/77001', 'twitchChannels/77001']);
    expect(order.indexOf('twitchLogins/ada_keebs')).toBeLessThan(order.length - 3);
    expect(order.indexOf('auctions/a2/history/0000')).toBeLessThan(order.length - 3);
  });
});
