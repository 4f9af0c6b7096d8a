/**
 * A block holds for the accounts linked to the one blocked: a member's linked Twitch account,
 * and the member a blocked Twitch login is linked to (`/c500 link-twitch`). Learnt when the
 * admin blocks, and, for a link made after the block, when an auction of the server opens;
 * never read on a bid. Against the embedded store and the in-memory book.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import type { DiscordMessage } from '../../ports';
import { builderPath, twitchChannelPath } from '../../onboarding';
import { ADMIN, command } from '../../../test/support/interactions';
import { auctionTerms, GUILD } from '../../../test/support/auction-book-fixtures';
import { blockBidder, unblockBidder, type TrustCommandDeps } from '../use-cases/trust-commands';
import { syncGuildTrust } from '../use-cases/guild-trust';
import { guildAuctionsPath } from '../rules/bidder-trust';
import { bid } from './book-model-fixtures';

const ADMIN_ID = '800000000000000100';
const MEMBER = '800000000000000200';
const TWITCH_ID = '4242';

async function world() {
  const store = new LocalDocumentStore();
  const book = new InMemoryAuctionBook();
  const clock = { now: () => new Date('2026-11-27T20:00:00Z') };
  const deps: TrustCommandDeps = { store, book, clock, marketplace: { currency: 'usd' } };
  await book.open(auctionTerms({ endsAtMs: Date.now() + 3_600_000 }));
  await syncGuildTrust(deps, GUILD);
  let seq = 0;
  /** The book's answer to a bid in the live auction, a second after the last so no cooldown meets it. */
  const bidAs = async (bidderId: string, over: Parameters<typeof bid>[2] = {}) =>
    (await book.placeBid({ auctionId: 'a1' }, bid(bidderId, 1_000 + 100 * ++seq, { atMs: Date.now() + seq * 2_000, ...over }))).outcome;
  /** `/c500 link-twitch` as onboarding saves it: the member's builder record and the channel's pointer back. */
  const link = async () => {
    const linkedAt = clock.now().toISOString();
    await store.set(builderPath(MEMBER), {
      discordUserId: MEMBER,
      displayName: 'Ann',
      twitch: { userId: TWITCH_ID, login: 'keebfan', displayName: 'KeebFan', linkedAt },
    });
    await store.set(twitchChannelPath(TWITCH_ID), { builderId: MEMBER, login: 'keebfan', linkedAt });
  };
  return { store, book, deps, bidAs, link };
}

const asAdmin = (path: string[], options: Record<string, string> = {}) => command({ name: 'c500', path, options, userId: ADMIN_ID, permissions: ADMIN });
const text = (message: DiscordMessage) => message.content ?? '';
/** A chat bid from the linked Twitch account: it names the member the account is linked to, as the chat path reads it. */
const fromChat = { bidderAlias: 'twitch-login:keebfan', linkedBidderId: MEMBER };

describe('a block of an account with another linked to it', () => {
  it('blocks a member’s linked Twitch account with them, and lets both bid again when unblocked', async () => {
    const w = await world();
    await w.link();
    expect(text(await blockBidder(w.deps, asAdmin(['block'], { member: MEMBER })))).toContain(`Blocked <@${MEMBER}> and the Twitch account they linked`);
    expect((await w.store.get(guildAuctionsPath(GUILD)))?.auctions?.blocked).toMatchObject([{ key: MEMBER, linked: [`twitch:${TWITCH_ID}`] }]);
    // Even a chat bid that does not name the member (the chat memory not yet asked) is refused by the account's id.
    expect(await w.bidAs(`twitch:${TWITCH_ID}`, { bidderAlias: 'twitch-login:keebfan' })).toBe('blocked');
    expect(text(await unblockBidder(w.deps, asAdmin(['unblock'], { member: MEMBER })))).toContain('Unblocked');
    expect(await w.bidAs(`twitch:${TWITCH_ID}`, fromChat)).toBe('leading');
    expect(await w.bidAs(MEMBER)).toBe('leading');
  });

  it('blocks the member a blocked Twitch login is linked to, and that account by its id', async () => {
    const w = await world();
    await w.link();
    expect(text(await blockBidder(w.deps, asAdmin(['block'], { twitch: 'KeebFan' })))).toContain(
      'Blocked twitch.tv/keebfan and the Discord member who linked it',
    );
    expect(await w.bidAs(MEMBER)).toBe('blocked');
    // Renamed on Twitch since: the account's id still holds.
    expect(await w.bidAs(`twitch:${TWITCH_ID}`, { bidderAlias: 'twitch-login:keebfan2' })).toBe('blocked');
    expect(text(await unblockBidder(w.deps, asAdmin(['unblock'])))).toContain('• twitch.tv/keebfan and the accounts linked to it');
  });

  it('holds a block by Twitch login for the member who links that account after it, from the next auction the server opens', async () => {
    const w = await world();
    await blockBidder(w.deps, asAdmin(['block'], { twitch: 'keebfan' }));
    await w.link();
    // The Discord bid path reads nothing: until an auction opens, the book does not know the link.
    await syncGuildTrust(w.deps, GUILD);
    expect(await w.bidAs(MEMBER)).toBe('blocked');
    const rules = (await w.store.get(guildAuctionsPath(GUILD)))?.auctions;
    expect(rules).toMatchObject({ version: 2, blocked: [{ key: 'twitch-login:keebfan', linked: [MEMBER, `twitch:${TWITCH_ID}`] }] });
    // Nothing new to learn: the next opening writes nothing.
    await syncGuildTrust(w.deps, GUILD);
    expect((await w.store.get(guildAuctionsPath(GUILD)))?.auctions?.version).toBe(2);
  });

  it('holds a block of a member for the Twitch account they link after it: their chat bid names them', async () => {
    const w = await world();
    await blockBidder(w.deps, asAdmin(['block'], { member: MEMBER }));
    await w.link();
    expect(await w.bidAs(`twitch:${TWITCH_ID}`, fromChat)).toBe('blocked');
  });
});
