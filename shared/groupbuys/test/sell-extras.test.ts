/**
 * `/groupbuy extras`: a funded group buy's builder sells the units in hand beyond it as
 * one ready-to-ship drop in its channel, made once whatever is redelivered or run again; the
 * waitlist, never charged, told once by DM with the post's link; nobody but its builder, in
 * its server, after it is funded, may ask.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { builderPath } from '../../onboarding';
import { dropsCollection } from '../../marketplace/rules/drop';
import { dropWithStock } from '../../marketplace/use-cases/drop-stock';
import type { DiscordMessenger } from '../../ports';
import { command } from '../../../test/support/interactions';
import { groupBuyPath, pledgePath, type GroupBuy, type GroupBuyStatus, type PledgeStatus } from '../rules/group-buy';
import { extrasDropId } from '../rules/extras';
import { sellExtras } from '../use-cases/sell-extras';
import { builder, members, postChannel } from './group-buy-deps';

const GUILD = '900000000000000001';
const ID = 'gbextra1';
const clock = { now: () => new Date('2027-02-01T12:00:00Z') };
const [charged, waitlisted, released, withdrawn] = members;
const lapsed = '821000000000000655';

async function extrasWorld(status: GroupBuyStatus = 'funded', fields: Partial<GroupBuy> = {}) {
  const store = new LocalDocumentStore();
  const outbox = new DiscordOutbox();
  await store.set(builderPath(builder), { discordUserId: builder, displayName: 'Bo Builder', stripeAccountId: 'acct_1', chargesEnabled: true });
  const groupBuy: GroupBuy = {
    groupBuyId: ID,
    guildId: GUILD,
    channelId: postChannel,
    builderId: builder,
    builderName: 'Bo',
    title: 'Tofu65',
    description: 'An aluminium 65% case',
    imageUrl: 'https://x.example/tofu.png',
    priceCents: 25_000,
    currency: 'usd',
    moq: 1,
    cap: 1,
    opensAt: '2026-12-01T12:00:00Z',
    closesAt: '2026-12-08T12:00:00Z',
    shipsMonth: '2027-03',
    tranches: [],
    status,
    pledgedUnits: 1,
    pledgers: 1,
    byInteraction: '1000000000000000001',
    createdAt: '2026-12-01T12:00:00Z',
    ...fields,
  };
  await store.set(groupBuyPath(ID), groupBuy);
  const pledges: Array<[string, PledgeStatus]> = [
    [charged, 'charged'],
    [waitlisted, 'waitlisted'],
    [released, 'released'],
    [withdrawn, 'withdrawn'],
    [lapsed, 'lapsed'],
  ];
  for (const [buyerId, pledged] of pledges)
    await store.set(pledgePath(ID, buyerId), { groupBuyId: ID, buyerId, buyerName: 'm', quantity: 1, status: pledged, joinedAt: '2026-12-02T12:00:00Z' });
  const discord: DiscordMessenger = Object.create(outbox) as DiscordMessenger;
  const deps = { store, discord, clock };
  const dmsTo = (userId: string) => outbox.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => e.message.content ?? '');
  const posts = () => outbox.entries.filter((e) => e.kind === 'channel');
  const drops = async () => (await store.query(dropsCollection)).map((d) => d.data);
  return { store, outbox, discord, deps, dmsTo, posts, drops };
}

const extras = (options: Record<string, string | number>, userId = builder, guildId = GUILD) =>
  command({ name: 'groupbuy', path: ['extras'], options: { id: ID, ...options }, userId, guildId });

describe('selling a group buy’s extras', () => {
  it('posts one ready-to-ship drop in the group buy’s channel, linked both ways, whatever redelivers the command', async () => {
    const w = await extrasWorld();
    const asked = extras({ units: 3 });
    const answer = await sellExtras(w.deps, asked);
    expect(await sellExtras(w.deps, asked)).toEqual(answer);
    const [drop, ...more] = await w.drops();
    expect(more).toEqual([]);
    expect(drop).toMatchObject({
      dropId: extrasDropId(ID),
      fromGroupBuyId: ID,
      kind: 'ready-to-ship',
      stock: 3,
      title: 'Tofu65 (extra)',
      description: 'An aluminium 65% case',
      imageUrl: 'https://x.example/tofu.png',
      priceCents: 25_000,
      channelId: postChannel,
    });
    expect((await dropWithStock(w.store, extrasDropId(ID)))?.stockAvailable).toBe(3);
    expect(w.posts()).toHaveLength(1);
    const link = `https://discord.com/channels/${GUILD}/${postChannel}/${drop?.messageId}`;
    expect((await w.store.get(groupBuyPath(ID)))?.extras).toEqual({
      dropId: extrasDropId(ID),
      units: 3,
      priceCents: 25_000,
      byInteraction: asked.id,
      at: clock.now().toISOString(),
      messageId: drop?.messageId,
    });
    expect(answer.flags).toBe(64);
    expect(answer.content).toContain('**3 units** of **Tofu65** are on sale');
    expect(answer.content).toContain(link);
    expect(answer.content).toContain('The 2 people on its waitlist were told first');
  });

  it('answers a second run with the drop already on sale, at its first terms, and makes no second', async () => {
    const w = await extrasWorld();
    await sellExtras(w.deps, extras({ units: 3 }));
    const again = await sellExtras(w.deps, extras({ units: 7, price: 90 }));
    expect(again.content).toContain('already on sale (3 units at $250.00)');
    expect(await w.drops()).toHaveLength(1);
    expect(w.posts()).toHaveLength(1);
  });

  it('tells each on the waitlist, never charged, once by DM with the post’s link, and nobody charged, gone or lapsed', async () => {
    const w = await extrasWorld();
    await sellExtras(w.deps, extras({ units: 2, price: 199 }));
    await sellExtras(w.deps, extras({ units: 2 }));
    const [drop] = await w.drops();
    for (const member of [waitlisted, released]) {
      const [dm, ...more] = w.dmsTo(member);
      expect(more).toEqual([]);
      expect(dm).toContain('You were on the waitlist for **Tofu65**');
      expect(dm).toContain('**2 units** extra, ready to ship, at $199.00 each');
      expect(dm).toContain(`https://discord.com/channels/${GUILD}/${postChannel}/${drop?.messageId}`);
    }
    for (const member of [charged as string, withdrawn as string, lapsed]) expect(w.dmsTo(member)).toEqual([]);
  });

  it('posts the claimed extras when the command that claimed them died before posting, and not the later command’s terms', async () => {
    const w = await extrasWorld();
    const post = w.discord.postToChannel.bind(w.discord);
    w.discord.postToChannel = async () => Promise.reject(new Error('Discord answered 503'));
    const first = extras({ units: 4 });
    await expect(sellExtras(w.deps, first)).rejects.toThrow('503');
    w.discord.postToChannel = post;
    const later = await sellExtras(w.deps, extras({ units: 9 }));
    expect(later.content).toContain('already on sale (4 units at $250.00)');
    expect(await w.drops()).toMatchObject([{ stock: 4, interactionId: first.id }]);
    expect(w.posts()).toHaveLength(1);
    expect((await sellExtras(w.deps, first)).content).toContain('**4 units** of **Tofu65** are on sale');
  });

  it('refuses anyone but its builder, and its builder in another server, as no group buy of theirs', async () => {
    const w = await extrasWorld();
    expect((await sellExtras(w.deps, extras({ units: 3 }, charged))).content).toContain(`There is no group buy \`${ID}\` of yours in this server`);
    const elsewhere = await extrasWorld('funded', { guildId: '900000000000000002' });
    expect((await sellExtras(elsewhere.deps, extras({ units: 3 }))).content).toContain(`There is no group buy \`${ID}\` of yours in this server`);
    for (const world of [w, elsewhere]) {
      expect(await world.drops()).toEqual([]);
      expect((await world.store.get(groupBuyPath(ID)))?.extras).toBeUndefined();
    }
  });

  it('refuses a group buy not yet funded, or one that never was, and claims nothing', async () => {
    for (const status of ['open', 'charging'] as const) {
      const w = await extrasWorld(status);
      expect((await sellExtras(w.deps, extras({ units: 3 }))).content).toContain('isn’t funded yet');
      expect(await w.drops()).toEqual([]);
      expect((await w.store.get(groupBuyPath(ID)))?.extras).toBeUndefined();
    }
    const w = await extrasWorld('not-met');
    expect((await sellExtras(w.deps, extras({ units: 3 }))).content).toContain('didn’t reach its minimum');
    expect(w.dmsTo(waitlisted)).toEqual([]);
  });

  it('refuses a price below what Stripe charges, and a builder who cannot take payments, claiming nothing', async () => {
    const w = await extrasWorld();
    expect((await sellExtras(w.deps, extras({ units: 3, price: 0.1 }))).content).toContain('the lowest price Stripe can charge');
    await w.store.update(builderPath(builder), { chargesEnabled: false });
    expect((await sellExtras(w.deps, extras({ units: 3 }))).content).toContain('Run `/c500 onboard`');
    expect((await w.store.get(groupBuyPath(ID)))?.extras).toBeUndefined();
    expect(w.posts()).toEqual([]);
  });
});
