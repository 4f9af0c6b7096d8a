/**
 * What a member's erasure reaches beyond the privacy table's own pass: the auction book forgets
 * them in every auction it still holds, ended ones too, not only the live ones Firestore lists;
 * and every interest check they were interested in counts them no more, its post edited.
 */
import type { Platform } from '../../platform';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { erasureReach } from '../erasure-wiring';
import { auctionTerms, GUILD, t0 } from '../../../test/support/auction-book-fixtures';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { eraseMemberData } from '../../privacy';
import { interestCheckPath, interestPath, listInterest, type InterestCheck } from '../../groupbuys';
import { buttonPress } from '../../../test/support/interactions';
import { anInterestCheck } from '../../groupbuys/test/group-buy-fixture';
import { auctionPath, blockDisputingBuyer, guildAuctionsPath, isBlockedBuyer, type Auction } from '../../auctions';
import { buyRefusals } from '../../marketplace/rules/drop-messages';

const member = '412345678901234567';
const other = '398765432109876543';

function platformWithBook() {
  const book = new InMemoryAuctionBook();
  const store = new LocalDocumentStore();
  // Only what the erasure's wiring reads of a platform; no live auction in Firestore, so nothing to edit in Discord.
  const platform = {
    store: () => store,
    auctionBook: () => book,
    discord: () => ({}),
    // No shop connected: nothing to rename there.
    shopSecrets: () => ({ query: async () => [] }),
    // No Stripe customer saved: nothing to detach or delete there.
    payments: () => ({}),
    clock: new LocalClock({ now: () => new Date(t0) }),
  } as unknown as Platform;
  return { book, platform };
}

const bidBy = (bidderId: string, n: number, amountCents: number) => ({
  bidId: `interaction-${n}`,
  guildId: GUILD,
  bidderId,
  bidderName: `Name of ${bidderId}`,
  amountCents,
  maxCents: amountCents,
  responseToken: `token-${n}`,
  atMs: t0 + n * 1_000,
  receivedAtMs: t0 + n * 1_000,
});

describe('the erasure’s reach into the auction book', () => {
  it('GIVEN a member who bid in an auction now ended WHEN they erase themselves THEN the book forgets them there, once, and keeps the other bidder', async () => {
    const { book, platform } = platformWithBook();
    await book.open(auctionTerms());
    await book.placeBid({ auctionId: 'a1' }, bidBy(member, 1, 1_000));
    await book.placeBid({ auctionId: 'a1' }, bidBy(other, 2, 2_000));
    await book.hammer('a1', 0, t0 + 60_000);

    expect(await erasureReach(platform).eraseElsewhere(member)).toBe(1);
    const closed = await book.hammer('a1', 0, t0 + 60_000);
    if (closed.kind !== 'closed') throw new Error('the auction closed');
    expect(closed.bids.map((b) => b.bidderId)).toEqual([other]);
    expect(closed.standings.map((s) => s.bidderId)).toEqual([other]);
    expect(closed.snapshot).toMatchObject({ leaderId: other, priceCents: 2_000 });
    expect(await erasureReach(platform).eraseElsewhere(member)).toBe(0);
  });
});

describe('the erasure’s reach into interest checks', () => {
  const builder = '811000000000000651';
  const channelId = '910000000000000002';
  const check: InterestCheck = anInterestCheck({ channelId, builderId: builder, messageId: '920000000000000001', createdAt: new Date(t0).toISOString() });
  const interest = (memberId: string, quantity: number) => ({
    checkId: 'ab12cd34',
    memberId,
    memberName: `Name of ${memberId}`,
    quantity,
    at: check.createdAt,
    byInteraction: memberId,
  });

  it('GIVEN a member interested in a check WHEN they erase themselves THEN the check counts them no more, its post says so, and its builder no longer sees them', async () => {
    const store = new LocalDocumentStore();
    const discord = new DiscordOutbox();
    const clock = new LocalClock({ now: () => new Date(t0) });
    const platform = {
      store: () => store,
      auctionBook: () => new InMemoryAuctionBook(),
      discord: () => discord,
      shopSecrets: () => ({ query: async () => [] }),
      payments: () => ({}),
      clock,
    } as unknown as Platform;
    await store.set(interestCheckPath('ab12cd34'), check);
    await store.set(interestPath('ab12cd34', member), interest(member, 2));
    await store.set(interestPath('ab12cd34', other), interest(other, 3));

    expect((await eraseMemberData({ store, clock, ...erasureReach(platform) }, member)).kind).toBe('erased');
    expect(await store.get(interestPath('ab12cd34', member))).toBeUndefined();
    expect(await store.get(interestCheckPath('ab12cd34'))).toMatchObject({ interestedPeople: 1, interestedUnits: 3 });
    const edit = discord.entries.filter((e) => e.kind === 'edit' && e.messageId === check.messageId).at(-1);
    expect(edit?.message.embeds?.[0]?.description).toContain('**1 person**, **3 units** of 50');
    const list = await listInterest({ store }, buttonPress('gbwho:ab12cd34', builder, { channelId }));
    expect(list.content).toContain(`<@${other}>`);
    expect(list.content).not.toContain(member);
    expect(list.content).toContain('1 person, 3 units of the 50');
    // Asked again, there is nothing left to take out.
    expect(await erasureReach(platform).eraseElsewhere(member)).toBe(0);
  });
});

describe('an erasure asked again after the member came back', () => {
  it('GIVEN a member who erased, came back and bid in a live auction WHEN they erase again within a minute THEN the book holds nothing of the new bid or name', async () => {
    const { book, platform } = platformWithBook();
    const store = platform.store();
    const discord = new DiscordOutbox();
    Object.assign(platform, { discord: () => discord });
    const clock = new LocalClock({ now: () => new Date(t0 + 30_000) });
    await book.open(auctionTerms());
    // The auction as Firestore lists it while it runs: what the erasure's wiring reads to find the live books.
    await store.set(auctionPath('a1'), { auctionId: 'a1', status: 'live', ladder: auctionTerms().ladder } as unknown as Auction);
    await book.placeBid({ auctionId: 'a1' }, bidBy(member, 1, 1_000));
    await book.placeBid({ auctionId: 'a1' }, bidBy(other, 2, 2_000));
    expect((await eraseMemberData({ store, clock, ...erasureReach(platform) }, member)).kind).toBe('erased');

    await book.placeBid({ auctionId: 'a1' }, bidBy(member, 3, 3_000));
    expect(await book.holdsBidder('a1', member)).toBe(true);
    expect((await eraseMemberData({ store, clock, ...erasureReach(platform) }, member)).kind).toBe('erased');
    expect(await book.holdsBidder('a1', member)).toBe(false);
    const overlay = JSON.stringify(await book.read('a1'));
    expect(overlay).not.toContain(member);
    expect(overlay).not.toContain(`Name of ${member}`);
    expect(overlay).toContain(other);
  });

  it('GIVEN a member who erased and did nothing since WHEN they erase again within a minute THEN nothing is searched and the answer is from that erasure', async () => {
    const { platform } = platformWithBook();
    const store = platform.store();
    const clock = new LocalClock({ now: () => new Date(t0 + 30_000) });
    await store.set(
      interestCheckPath('ab12cd34'),
      anInterestCheck({ channelId: 'c1', builderId: other, messageId: 'm9', createdAt: new Date(t0).toISOString() }),
    );
    await store.set(interestPath('ab12cd34', member), {
      checkId: 'ab12cd34',
      memberId: member,
      memberName: 'Ann',
      quantity: 1,
      at: new Date(t0).toISOString(),
      byInteraction: member,
    });
    Object.assign(platform, { discord: () => new DiscordOutbox() });
    let reached = 0;
    const reach = erasureReach(platform);
    const counted = { ...reach, eraseElsewhere: async (id: string, person?: string) => ((reached += 1), reach.eraseElsewhere(id, person)) };
    expect((await eraseMemberData({ store, clock, ...counted }, member)).kind).toBe('erased');
    const first = reached;
    expect(await eraseMemberData({ store, clock, ...counted }, member)).toEqual({ kind: 'nothing-new', erasedAt: clock.now().toISOString() });
    expect(reached).toBe(first);
  });

  it('GIVEN a member who erased, then made a bid the book refused (it keeps their last bid’s time, in no document) WHEN they erase again within a minute THEN the book forgets that too', async () => {
    const { book, platform } = platformWithBook();
    const store = platform.store();
    Object.assign(platform, { discord: () => new DiscordOutbox() });
    const clock = new LocalClock({ now: () => new Date(t0 + 30_000) });
    await book.open(auctionTerms());
    await book.setGuildTrust(GUILD, { version: 1, newBidderLimitCents: 0, cooldownMs: 60_000, blocked: [] });
    await store.set(auctionPath('a1'), { auctionId: 'a1', status: 'live', ladder: auctionTerms().ladder } as unknown as Auction);
    await book.placeBid({ auctionId: 'a1' }, bidBy(member, 1, 1_000));
    await book.placeBid({ auctionId: 'a1' }, bidBy(other, 2, 5_000));
    expect((await eraseMemberData({ store, clock, ...erasureReach(platform) }, member)).kind).toBe('erased');

    // Too low: refused, but the cooldown has already taken it as their latest bid.
    expect((await book.placeBid({ auctionId: 'a1' }, bidBy(member, 3, 100))).outcome).toBe('too-low');
    // No max, but the book holds that time: what the erasure asked again sees, and searches for.
    expect(await book.holdsBidder('a1', member)).toBe(true);
    expect((await eraseMemberData({ store, clock, ...erasureReach(platform) }, member)).kind).toBe('erased');
    // Remembered, their next bid within the cooldown would be told to slow down.
    expect((await book.placeBid({ auctionId: 'a1' }, bidBy(member, 4, 10_000))).outcome).toBe('leading');
  });
});

describe('the automatic block after a dispute, at an erasure', () => {
  it('GIVEN a buyer C500 blocked after their chargeback THEN they are blocked for a dispute; WHEN they erase themselves THEN no block list keeps their id and the book hears it', async () => {
    const { book, platform } = platformWithBook();
    const store = platform.store();
    const clock = new LocalClock({ now: () => new Date(t0) });
    Object.assign(platform, { discord: () => new DiscordOutbox() });
    await blockDisputingBuyer({ store, book, clock }, GUILD, member, 'dp_1');
    await blockDisputingBuyer({ store, book, clock }, GUILD, other, 'dp_2');
    expect(await isBlockedBuyer(store, GUILD, member)).toBe('dispute');
    expect(buyRefusals.blockedAfterDispute.content).toContain('disputed with your bank');
    expect(buyRefusals.blockedAfterDispute.content).toContain('ask this server’s admins');

    expect((await eraseMemberData({ store, clock, ...erasureReach(platform) }, member)).kind).toBe('erased');
    const guild = JSON.stringify(await store.get(guildAuctionsPath(GUILD)));
    expect(guild).not.toContain(member);
    expect(guild).toContain(other);
    expect(await isBlockedBuyer(store, GUILD, member)).toBe(false);
    expect(await isBlockedBuyer(store, GUILD, other)).toBe('dispute');
  });
});

describe('the automatic block after a dispute, in the live book, at an erasure', () => {
  it('GIVEN a live auction in the server WHEN the blocked buyer erases themselves THEN the book’s own block list lets go of them too, and still holds the other', async () => {
    const { book, platform } = platformWithBook();
    const store = platform.store();
    const clock = new LocalClock({ now: () => new Date(t0) });
    Object.assign(platform, { discord: () => new DiscordOutbox() });
    await book.open(auctionTerms());
    await blockDisputingBuyer({ store, book, clock }, GUILD, member, 'dp_1');
    await blockDisputingBuyer({ store, book, clock }, GUILD, other, 'dp_2');
    // The book refuses them by its own list, not the store's: what the erasure must reach.
    expect((await book.placeBid({ auctionId: 'a1' }, bidBy(member, 1, 1_000))).outcome).toBe('blocked');

    expect((await eraseMemberData({ store, clock, ...erasureReach(platform) }, member)).kind).toBe('erased');
    expect((await book.placeBid({ auctionId: 'a1' }, bidBy(member, 2, 1_000))).outcome).toBe('leading');
    expect((await book.placeBid({ auctionId: 'a1' }, bidBy(other, 3, 2_000))).outcome).toBe('blocked');
  });
});
