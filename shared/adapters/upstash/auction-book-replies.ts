/**
 * @module auction-book-replies
 * The Lua scripts' answers read back: flat arrays of strings (see auction-scripts), checked
 * field by field. A malformed answer is an error, never a guess.
 */
import {
  auctionBookStatuses,
  bidOutcomes,
  type AuctionSnapshot,
  type AuctionReading,
  type BidderAnswer,
  type BidRecord,
  type BidResult,
  type EmbedSlot,
  type HammerResult,
  type Standing,
  compareStandings,
} from '../../auctions';
import { bidHeadLength, logFields, snapshotLength } from './auction-scripts';

/** A bid's answer in a batch's reply: its head, then the snapshot after it. */
const bidReplyLength = bidHeadLength + snapshotLength;

/**
 * The answers to a batch of `count` bids: `{'not-found'}` answers every one of them; otherwise
 * each bid's fields follow the one before's.
 */
export function bidResults(auctionId: string, reply: string[], count: number): BidResult[] {
  if (reply.length === 1 && reply[0] === 'not-found') return Array.from({ length: count }, () => bidResult(auctionId, reply));
  if (reply.length !== count * bidReplyLength) throw malformed('bid', reply);
  return Array.from({ length: count }, (_, i) => bidResult(auctionId, reply.slice(i * bidReplyLength, (i + 1) * bidReplyLength)));
}

export function bidResult(auctionId: string, reply: string[]): BidResult {
  const outcome = oneOf(bidOutcomes, at(reply, 0), 'bid outcome');
  if (outcome === 'not-found') return { outcome, repeat: false, extended: false, embed: { kind: 'none' } };
  const yourMax = at(reply, 2);
  const displacedId = at(reply, 3);
  return {
    outcome,
    repeat: flag(at(reply, 1)),
    snapshot: snapshotAt(auctionId, reply, bidHeadLength),
    ...(yourMax !== '' ? { yourMaxCents: num(yourMax) } : {}),
    ...(displacedId !== '' ? { displaced: { bidderId: displacedId, responseToken: at(reply, 4) } } : {}),
    extended: flag(at(reply, 5)),
    embed: embedAt(reply, 6, 'bid'),
    ...optionalNumber('newBidderLimitCents', at(reply, 9)),
    ...optionalNumber('cooldownMs', at(reply, 10)),
  };
}

export function hammerResult(auctionId: string, reply: string[]): HammerResult {
  const kind = at(reply, 0);
  switch (kind) {
    case 'not-found':
    case 'cancelled':
      return { kind };
    case 'stale':
      return { kind, version: num(at(reply, 1)) };
    case 'early':
      return { kind, dueAtMs: num(at(reply, 1)), bookNowMs: num(at(reply, 2)) };
    case 'closed': {
      const snapshot = snapshotAt(auctionId, reply, 1);
      let i = 1 + snapshotLength;
      const count = num(at(reply, i++));
      const bids: BidRecord[] = [];
      for (let n = 0; n < count; n++, i += logFields.length) bids.push(bidRecordAt(reply, i));
      const standings: Standing[] = [];
      const answers: BidderAnswer[] = [];
      for (; i < reply.length; i += 5) {
        standings.push({ bidderId: at(reply, i), topCents: num(at(reply, i + 1)), atMs: num(at(reply, i + 2)), bidderName: at(reply, i + 3) });
        if (at(reply, i + 4) !== '') answers.push({ bidderId: at(reply, i), responseToken: at(reply, i + 4) });
      }
      answers.sort((x, y) => (x.bidderId < y.bidderId ? -1 : 1));
      return { kind, snapshot, bids, standings: standings.sort(compareStandings), answers };
    }
    default:
      throw malformed('hammer', reply);
  }
}

/** A log entry in `logFields` order. */
export function bidRecordAt(reply: string[], i: number): BidRecord {
  return {
    bidId: at(reply, i),
    bidderId: at(reply, i + 1),
    bidderName: at(reply, i + 2),
    amountCents: num(at(reply, i + 3)),
    maxCents: num(at(reply, i + 4)),
    outcome: oneOf(bidOutcomes, at(reply, i + 5), 'logged outcome'),
    priceCents: num(at(reply, i + 6)),
    leaderId: at(reply, i + 7),
    atMs: num(at(reply, i + 8)),
  };
}

/** A snapshot in `snapshotFields` order (so `field(n)` is `snapshotFields[n]`), then the next minimum. */
/** The read script's answer: the snapshot, then whether the final call has begun and the book's clock. */
export function readingAt(auctionId: string, reply: string[]): AuctionReading {
  if (reply.length !== snapshotLength + 2) throw malformed('read', reply);
  return { ...snapshotAt(auctionId, reply, 0), finalCallBegun: flag(at(reply, snapshotLength)), bookNowMs: num(at(reply, snapshotLength + 1)) };
}

export function snapshotAt(auctionId: string, reply: string[], i: number): AuctionSnapshot {
  const field = (n: number) => at(reply, i + n);
  const leaderId = field(8);
  const priceCents = num(field(7));
  const reserveCents = num(field(6));
  return {
    auctionId,
    channelId: field(1),
    messageId: field(15),
    builderId: field(2),
    item: field(3),
    currency: field(4),
    status: oneOf(auctionBookStatuses, field(0), 'status'),
    startCents: num(field(5)),
    reserveCents,
    priceCents,
    // '' is how the hash says "nobody yet"; a leader's name may itself be empty.
    ...(leaderId !== '' ? { leaderId, leaderName: field(9) } : {}),
    nextMinimumCents: num(field(19)),
    endsAtMs: num(field(10)),
    version: num(field(11)),
    bidCount: num(field(12)),
    reserveMet: reserveCents === 0 || (leaderId !== '' && priceCents >= reserveCents),
    suddenDeath: flag(field(13)),
    counterBidMs: num(field(14)),
    settleMs: num(field(16)),
    // An auction opened before the book kept a delay has none.
    streamDelayMs: field(17) === '' ? 0 : num(field(17)),
    // An auction opened before the book kept a final call closes its stream's delay after the end.
    finalCallMs: field(18) === '' ? (field(17) === '' ? 0 : num(field(17))) : num(field(18)),
  };
}

/** An embed slot: kind, then (for `trailing`) atMs and behindMs. */
export function embedAt(reply: string[], i: number, what: string): EmbedSlot {
  const kind = at(reply, i);
  if (kind === 'now' || kind === 'none') return { kind };
  if (kind === 'trailing') return { kind, atMs: num(at(reply, i + 1)), behindMs: num(at(reply, i + 2)) };
  throw malformed(what, reply);
}

/** Redis answers strings, and integers for a few commands; anything else is not ours. */
export function strings(reply: unknown): string[] {
  if (!Array.isArray(reply)) throw malformed('script', reply);
  return reply.map((value: unknown) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return String(value);
    if (value === null) return '';
    throw malformed('script', reply);
  });
}

export function optionalString(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  throw malformed('read', value);
}

export function at(reply: string[], i: number): string {
  const value = reply[i];
  if (value === undefined) throw malformed(`reply field ${i}`, reply);
  return value;
}

export function num(text: string): number {
  const n = Number(text);
  if (text === '' || !Number.isFinite(n)) throw new Error(`the auction book answered ${JSON.stringify(text)} where a number belongs`);
  return n;
}

export const flag = (text: string) => text === '1';

/** `{ [name]: n }`, or nothing for `''`. */
function optionalNumber<K extends string>(name: K, text: string): Partial<Record<K, number>> {
  return text === '' ? {} : ({ [name]: num(text) } as Record<K, number>);
}

export function oneOf<T extends string>(allowed: readonly T[], text: string, what: string): T {
  if ((allowed as readonly string[]).includes(text)) return text as T;
  throw new Error(`the auction book answered ${JSON.stringify(text)} for a ${what}`);
}

/** The scripts do integer arithmetic on decimal strings: a fraction or a huge number would be silently truncated there. */
export function digits(n: number): string {
  if (!Number.isSafeInteger(n)) throw new RangeError(`the auction book takes whole cents and milliseconds, not ${n}`);
  return String(n);
}

export function malformed(what: string, reply: unknown): Error {
  const text = JSON.stringify(reply) ?? String(reply);
  return new Error(`the auction book's ${what} answer is malformed: ${text.slice(0, 200)}`);
}
