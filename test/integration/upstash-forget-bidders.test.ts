/**
 * An erasure reaching Redis: after the book forgets a bidder, nothing under its prefix names
 * them. Every key is read whole, straight from Redis (hashes, streams, sets, strings, lists,
 * sorted sets), and searched for the forgotten bidder's id, Twitch user id, name and answer
 * tokens, while the other bidder's are still there; the money stays where the hammer (or the
 * proxy rule, live) put it, as the model says; a ban still refuses them.
 */
import { randomUUID } from 'node:crypto';
import IORedis from 'ioredis';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { forgottenLeaderId, newAuctionBookModel, type AuctionTerms, type BidRequest } from '../../shared/auctions';
import type { AuctionBook } from '../../shared/ports';
import { auctionTerms, GUILD, t0, testIdKey } from '../support/auction-book-fixtures';

const endpoint = { url: process.env.UPSTASH_REDIS_REST_URL as string, token: process.env.UPSTASH_REDIS_REST_TOKEN as string };
const redis = connectAuctionBook(endpoint);
/** Redis itself, beside the book's client: what is really stored, read without the book's eyes. */
const raw = new IORedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const runId = randomUUID();
let prefixes = 0;

afterAll(async () => {
  const keys = await raw.keys(`test:forget:${runId}:*`);
  if (keys.length > 0) await raw.del(...keys);
  raw.disconnect();
});

interface Person {
  id: string;
  name: string;
  /** What must appear nowhere once they are forgotten, beside their answer tokens. */
  needles: string[];
}
const dora: Person = { id: '412345678901234567', name: 'Dora Discordian', needles: ['412345678901234567', 'Dora Discordian'] };
const tessa: Person = { id: 'twitch:424242424242', name: 'tessa_streams (Twitch)', needles: ['twitch:424242424242', '424242424242', 'tessa_streams'] };

function world() {
  const keyPrefix = `test:forget:${runId}:${++prefixes}:`;
  // The book's clock, for both: where the latest bid left it.
  let clockMs = t0;
  const callerClock = () => clockMs;
  const book = createUpstashAuctionBook(redis, { idKey: testIdKey, keyPrefix, callerClock });
  const model = newAuctionBookModel(callerClock);
  let n = 0;
  const tokens = new Map<string, string[]>();
  const bid = (who: Person, amountCents: number, over: Partial<BidRequest> = {}): BidRequest => {
    n += 1;
    const responseToken = `answer-of-${who.name.split(' ')[0]}-${n}`;
    tokens.set(who.id, [...(tokens.get(who.id) ?? []), responseToken]);
    const atMs = over.atMs ?? t0 + n * 1_000;
    clockMs = Math.max(clockMs, over.receivedAtMs ?? atMs);
    return {
      bidId: `interaction-${n}`,
      guildId: GUILD,
      bidderId: who.id,
      bidderName: who.name,
      amountCents,
      maxCents: amountCents,
      responseToken,
      atMs,
      receivedAtMs: atMs,
      ...over,
    };
  };
  /** The same operation on the Lua book and the model: the answers must be the same. */
  const both = async <T>(run: (b: AuctionBook | ReturnType<typeof newAuctionBookModel>) => Promise<T> | T): Promise<T> => {
    const answer = await run(book);
    expect(answer).toStrictEqual(await run(model));
    return answer;
  };
  /** Every key under the prefix, with everything it holds, as lines of text. */
  const dump = async (): Promise<string[]> => {
    const lines: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await raw.scan(cursor, 'MATCH', `${keyPrefix}*`, 'COUNT', 200);
      cursor = next;
      for (const key of keys) lines.push(...(await contents(key)).map((value) => `${key} ${value}`));
    } while (cursor !== '0');
    return lines;
  };
  /** One bid, made once, placed on both. */
  const placeBid = (auctionId: string, who: Person, amountCents: number, over: Partial<BidRequest> = {}) => {
    const request = bid(who, amountCents, over);
    return both((b) => b.placeBid({ auctionId }, request));
  };
  return { keyPrefix, book, model, bid, both, placeBid, dump, clockMs: callerClock, tokensOf: (who: Person) => tokens.get(who.id) ?? [] };
}

/** Each thing a key holds, one line each: its name too, so a key named by a person is found. */
async function contents(key: string): Promise<string[]> {
  const type = await raw.type(key);
  switch (type) {
    case 'string':
      return [(await raw.get(key)) ?? ''];
    case 'hash':
      return Object.entries(await raw.hgetall(key)).map(([field, value]) => `${field}=${value}`);
    case 'set':
      return raw.smembers(key);
    case 'list':
      return raw.lrange(key, 0, -1);
    case 'zset':
      return raw.zrange(key, 0, -1);
    case 'stream':
      return (await raw.xrange(key, '-', '+')).map(([id, fields]) => `${id} ${fields.join(' ')}`);
    default:
      throw new Error(`a key of a type this test cannot read: ${key} (${type})`);
  }
}

/** The lines that mention any of the person's needles or answer tokens: none once they are forgotten. */
const mentions = (lines: readonly string[], who: Person, tokens: readonly string[]) =>
  lines.filter((line) => [...who.needles, ...tokens].some((needle) => line.includes(needle)));

const rules = { version: 1, newBidderLimitCents: 0, cooldownMs: 500, blocked: [] };

describe.each([
  ['a Discord member', dora, tessa],
  ['a Twitch chatter', tessa, dora],
] as const)('the Redis book forgetting %s', (_who, gone, stays) => {
  it('keeps nothing that names them in an ended auction, leaves the other bidder and the hammer’s price, and a ban still refuses them', async () => {
    const w = world();
    await w.both((b) => b.setGuildTrust(GUILD, rules));
    await w.both((b) => b.open(auctionTerms()));
    await w.both((b) => b.trust(gone.id));
    await w.placeBid('a1', dora, 1_000, { maxCents: 3_000 });
    await w.placeBid('a1', tessa, 2_000);
    await w.placeBid('a1', tessa, 4_000, { maxCents: 5_000 });
    const hammered = await w.both((b) => b.hammer('a1', 0, t0 + 60_000));
    // An unpaid win bans the winner, and another server blocked them: both outlive the erasure.
    await w.both((b) => b.ban(gone.id));
    await w.both((b) => b.setGuildTrust('another-guild', { ...rules, blocked: [gone.id] }));
    expect(mentions(await w.dump(), gone, w.tokensOf(gone)).length).toBeGreaterThan(0);

    expect(await w.both((b) => b.forget([gone.id]))).toBe(1);

    const lines = await w.dump();
    expect(mentions(lines, gone, w.tokensOf(gone))).toEqual([]);
    for (const needle of [stays.id, stays.name, ...w.tokensOf(stays).slice(-1)]) expect(lines.some((line) => line.includes(needle))).toBe(true);
    // The money is where the hammer put it.
    const after = await w.both((b) => b.hammer('a1', 0, t0 + 60_000));
    if (hammered.kind !== 'closed' || after.kind !== 'closed') throw new Error('the auction closed');
    expect(after.snapshot).toMatchObject({ priceCents: hammered.snapshot.priceCents, bidCount: hammered.snapshot.bidCount });
    expect(after.standings.map((s) => s.bidderId)).toEqual([stays.id]);
    expect(await w.both((b) => b.forget([gone.id]))).toBe(0);
    // Their next bid, anywhere: still banned.
    await w.both((b) => b.open(auctionTerms({ auctionId: 'a2', channelId: 'c2', opensAtMs: t0, endsAtMs: t0 + 600_000 })));
    expect(await w.placeBid('a2', gone, 9_000, { atMs: t0 + 100_000 })).toMatchObject({ outcome: 'banned' });
  });

  it('keeps nothing that names them in a live auction in its final call, where the proxy rule leads with those left', async () => {
    const w = world();
    const terms: AuctionTerms = auctionTerms({ finalCallMs: 20_000 });
    await w.both((b) => b.setGuildTrust(GUILD, rules));
    await w.both((b) => b.open(terms));
    await w.placeBid('a1', stays, 1_000, { maxCents: 2_500 });
    await w.placeBid('a1', gone, 3_000, { maxCents: 6_000 });
    // In the final call: the public saw `gone` lead, and keeps seeing someone lead at that price.
    await w.placeBid('a1', stays, 4_000, { atMs: terms.endsAtMs + 1_000 });

    expect(await w.both((b) => b.forget([gone.id]))).toBe(1);

    const lines = await w.dump();
    expect(mentions(lines, gone, w.tokensOf(gone))).toEqual([]);
    for (const needle of [stays.id, stays.name, ...w.tokensOf(stays).slice(-1)]) expect(lines.some((line) => line.includes(needle))).toBe(true);
    expect(await w.book.read('a1')).toStrictEqual(w.model.reading('a1', w.clockMs()));
    expect(await w.book.read('a1')).toMatchObject({ leaderId: forgottenLeaderId, leaderName: '', priceCents: 3_000 });
    const closed = await w.both((b) => b.hammer('a1', 0, terms.endsAtMs + 30_000));
    // The sealed bid is a max: alone once the other is forgotten, it pays the shown minimum.
    expect(closed).toMatchObject({ kind: 'closed', snapshot: { leaderId: stays.id, priceCents: 3_200 } });
  });
});

describe('the Redis book’s bidder lists', () => {
  it('keeps a ban, a trust and a block as hashes, honours raw ids kept from before until an erasure takes them, and keeps a ban after it', async () => {
    const w = world();
    const bannedKey = `${w.keyPrefix}bidders:banned`;
    const trustedKey = `${w.keyPrefix}bidders:trusted`;
    await w.book.setGuildTrust(GUILD, { ...rules, cooldownMs: 0, newBidderLimitCents: 5_000 });
    await w.book.ban(dora.id);
    await w.book.trust(tessa.id);
    await w.book.setGuildTrust('another-guild', { ...rules, blocked: [dora.id, 'twitch-login:tessa_streams'] });
    expect(mentions(await w.dump(), dora, [])).toEqual([]);
    expect(mentions(await w.dump(), tessa, [])).toEqual([]);

    // As the book wrote them before it hashed: raw ids, still honoured.
    const ann = '398765432109876543';
    const bo = 'twitch:515151515151';
    const cy = '377777777777777777';
    await raw.sadd(bannedKey, ann);
    await raw.sadd(trustedKey, bo);
    await raw.hset(`${w.keyPrefix}guild:${GUILD}:trust`, `blocked:${cy}`, '1');
    await w.book.open(auctionTerms({ endsAtMs: t0 + 600_000 }));
    const place = (bidderId: string, amountCents: number) =>
      w.book.placeBid({ auctionId: 'a1' }, { ...w.bid({ id: bidderId, name: 'Someone', needles: [] }, amountCents), bidderId });
    expect(await place(ann, 1_000)).toMatchObject({ outcome: 'banned' });
    expect(await place(cy, 1_000)).toMatchObject({ outcome: 'blocked' });
    expect(await place(dora.id, 1_000)).toMatchObject({ outcome: 'banned' });
    expect(await place(bo, 9_000)).toMatchObject({ outcome: 'leading' });
    expect(await place(tessa.id, 9_500)).toMatchObject({ outcome: 'leading' });

    await w.book.forget([ann, bo, cy]);
    expect((await w.dump()).filter((line) => [ann, '515151515151', cy].some((id) => line.includes(id)))).toEqual([]);
    // Ann's ban and Cy's block stay, as hashes; Bo's trust went: over the limit he is a new bidder again.
    expect(await place(ann, 10_000)).toMatchObject({ outcome: 'banned' });
    expect(await place(cy, 10_000)).toMatchObject({ outcome: 'blocked' });
    expect(await place(bo, 12_000)).toMatchObject({ outcome: 'over-new-bidder-limit' });
  });
});
