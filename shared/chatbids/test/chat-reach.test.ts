/**
 * How auctions reach a bidder from Twitch chat: the winner told in the channel's chat with
 * our pay page, once per offer; a chatter linked to a Discord member DM'd as well.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { InMemoryChatOutbox } from '../../local/chat/in-memory-chat-outbox';
import type { ScheduledTask, TaskQueue } from '../../ports';
import type { Auction, AuctionOffer } from '../../auctions';
import { twitchChannelPath } from '../../onboarding';
import { chatBiddingPath, twitchBidderPath } from '../rules/chat-bidding';
import { chatBidderReach } from '../use-cases/chat-reach';

const OWNER = '800000000000000009';
const MEMBER = '800000000000000042';

async function world() {
  const clock = { now: () => new Date('2026-11-27T20:00:00Z') };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox(undefined, { clock });
  const outbox = new InMemoryChatOutbox();
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  await store.set(chatBiddingPath('5551'), {
    broadcasterId: '5551',
    login: 'keebstream',
    ownerId: OWNER,
    guildId: '900000000000000001',
    on: true,
    changedBy: OWNER,
    changedAt: clock.now().toISOString(),
  });
  await store.set(twitchBidderPath('42'), { twitchUserId: '42', login: 'ana', displayName: 'Ana', linkedAt: clock.now().toISOString() });
  const reach = chatBidderReach({ store: () => store, discord: () => discord, outbox, tasks, clock, publicBaseUrl: 'https://c500.example' });
  const auction = {
    auctionId: 'auct0001',
    item: 'Tofu65',
    currency: 'usd',
    builderId: OWNER,
    channelId: '910000000000000001',
    guildId: '900000000000000001',
  } as Auction;
  const offer: AuctionOffer = { rank: 0, bidderId: 'twitch:42', bidderName: 'Ana (Twitch)', priceCents: 52_000, orderId: 'ord-0001' };
  return { store, discord, outbox, reach, auction, offer, scheduled };
}

describe('telling a chat winner', () => {
  it('says SOLD with our pay page in the channel’s chat, once however often the offer is made', async () => {
    const w = await world();
    await w.reach.tellOffer({ auction: w.auction, offer: w.offer, expiresAt: '2026-11-27T21:00:00Z' });
    await w.reach.tellOffer({ auction: w.auction, offer: w.offer, expiresAt: '2026-11-27T21:00:00Z' });
    const lines = await w.outbox.takeAll('5551');
    expect(lines.map((l) => l.text)).toEqual(['SOLD! @ana wins Tofu65 at $520.00. Pay by 21:00 UTC: https://c500.example/pay/ord-0001']);
    expect(lines[0]?.must).toBe(true);
    expect(w.scheduled.some((t) => t.queue === 'chat-replies')).toBe(true);
    expect(w.discord.entries.filter((e) => e.kind === 'dm')).toEqual([]);
  });

  it('says in chat that a Discord member won, at what price and never by name, once however often the hammer is delivered', async () => {
    const w = await world();
    await w.reach.tellSoldInDiscord({ auction: w.auction, priceCents: 61_000 });
    await w.reach.tellSoldInDiscord({ auction: w.auction, priceCents: 61_000 });
    const lines = await w.outbox.takeAll('5551');
    expect(lines.map((l) => l.text)).toEqual(['SOLD! Tofu65 goes to a bidder in Discord at $610.00. Thanks for bidding, chat!']);
    expect(lines[0]?.must).toBe(true);
  });

  it('says nothing of a Discord member’s win where the builder has chat bidding off', async () => {
    const w = await world();
    await w.store.update(chatBiddingPath('5551'), { on: false });
    await w.reach.tellSoldInDiscord({ auction: w.auction, priceCents: 61_000 });
    expect(await w.outbox.takeAll('5551')).toEqual([]);
  });

  it('DMs the winner as well when their Twitch account is linked to a Discord member', async () => {
    const w = await world();
    await w.store.set(twitchChannelPath('42'), { builderId: MEMBER, login: 'ana', linkedAt: '2026-11-01T00:00:00Z' });
    await w.reach.tellOffer({ auction: w.auction, offer: w.offer, expiresAt: '2026-11-27T21:00:00Z' });
    const dms = w.discord.entries.filter((e) => e.kind === 'dm' && e.userId === MEMBER);
    expect(dms).toHaveLength(1);
    expect(JSON.stringify(dms[0]?.message)).toContain('https://c500.example/pay/ord-0001');
  });
});
