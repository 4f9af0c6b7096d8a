/**
 * @module book-layout
 * Where the Upstash book keeps everything under its prefix, and its Lua scripts, as every
 * part of the adapter reaches them (`upstash-auction-book` says what each key holds).
 */
import type { Redis } from '@upstash/redis';
import {
  bidScript,
  cancelScript,
  claimEmbedScript,
  forgetListsScript,
  forgetScript,
  hammerScript,
  openScript,
  preBidsInScript,
  readScript,
  trustScript,
  withdrawScript,
} from './auction-scripts';
import { talliesScript, tallyScript } from './bid-tally';

/** Where the book keeps everything under a prefix; `redis-benchmark` in `bench:auction` drives the same keys. */
export function auctionBookKeys(prefix: string) {
  const hashKey = (auctionId: string) => `${prefix}auction:{${auctionId}}`;
  const auctionKeys = (auctionId: string) => {
    const hash = hashKey(auctionId);
    return [hash, `${hash}:bids`, `${hash}:seen`, `${hash}:tops`, `${hash}:topsAt`, `${hash}:names`, `${hash}:tokens`, `${hash}:last`];
  };
  const bannedKey = `${prefix}bidders:banned`;
  const trustedKey = `${prefix}bidders:trusted`;
  const trustKey = (guildId: string) => `${prefix}guild:${guildId}:trust`;
  const tallyKey = (guildId: string, minuteMs: number) => `${prefix}guild:${guildId}:tally:${minuteMs}`;
  return {
    hashKey,
    /** The eight keys of one auction, in the order every script takes them (`auctionKeyCount`). */
    auctionKeys,
    pointerKey: (channelId: string) => `${prefix}channel:${channelId}:auction`,
    bannedKey,
    trustedKey,
    trustKey,
    tallyKey,
    /** The synthetic probe's bid's decision, by the probe bid's id: about no one, kept minutes. */
    probeKey: (probeId: string) => `${prefix}probe:${probeId}`,
    probeCountKey: (minuteMs: number) => `${prefix}probe-count:${minuteMs}`,
    /** The keys of a bid by auction id, in the bid script's order; a bid by channel adds the pointer. */
    bidKeys: (auctionId: string, guildId: string) => [...auctionKeys(auctionId), bannedKey, trustedKey, trustKey(guildId)],
    /** SCAN's pattern for every auction's hash under the prefix (its other keys end past the brace), and the id back from one. */
    auctionHashPattern: `${globEscaped(prefix)}auction:{*}`,
    auctionIdOf: (hash: string) => hash.slice(`${prefix}auction:{`.length, -1),
    /** SCAN's pattern for every server's trust rules under the prefix. */
    trustPattern: `${globEscaped(prefix)}guild:*:trust`,
  };
}

/** The book's Lua scripts' texts (auction-scripts), by operation: one per operation that reads and then writes. */
export const bookScriptTexts = {
  bid: bidScript,
  open: openScript,
  read: readScript,
  claimEmbed: claimEmbedScript,
  hammer: hammerScript,
  cancel: cancelScript,
  preBidsIn: preBidsInScript,
  withdraw: withdrawScript,
  forget: forgetScript,
  forgetLists: forgetListsScript,
  trust: trustScript,
  tally: tallyScript,
  tallies: talliesScript,
} as const;

type BookScriptName = keyof typeof bookScriptTexts;

/** The book's Lua scripts, made once on the connection from their texts. */
export function bookScripts(redis: Redis): Record<BookScriptName, ReturnType<Redis['createScript']>> {
  const entries = (Object.keys(bookScriptTexts) as BookScriptName[]).map((name) => [name, redis.createScript<unknown>(bookScriptTexts[name])] as const);
  return Object.fromEntries(entries) as Record<BookScriptName, ReturnType<Redis['createScript']>>;
}

/** A prefix as a SCAN pattern matches it: Redis's glob characters taken literally. */
export const globEscaped = (text: string) => text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
