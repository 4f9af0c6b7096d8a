/**
 * @module erasure-asks
 * When an erasure asked for searches. Every erasure searches every store the table lists (the
 * documents, the auction books, Twitch's subscriptions, Stripe's customer and cards), so a flood
 * of asks must not become a flood of searches; yet whatever the person did since their last
 * erasure must go too. So an ask searches when it is the person's first in the window, when
 * they did something since the last search (`actedAt`, set by every path a person acts through:
 * a Discord command, button or form, a chat entry, a payment), or when the live auction books
 * hold something of theirs the last search did not take out (a bid, a refused bid's time). A
 * repeat with nothing new is answered from the last erasure, with no search. The record is kept
 * under the person's keyed pseudonym (`privacyAsks/<pseudonym>`), never their id, and ends by
 * itself (Firestore TTL).
 */
import { collectionPath, docPath } from '../../ports';

/** One erasure that searched: when it was asked for, and the Discord interaction that asked (a press of Yes, erase me). */
export interface ErasureAsk {
  at: string;
  interactionId?: string;
}

export interface ErasureAsks {
  /** The asks of the window that searched, the latest last. */
  asks: ErasureAsk[];
  /** When the person last did something through C500 since the latest search: the next ask searches. That search deletes it. */
  actedAt?: string;
  /** The live auctions whose book held something of theirs when the latest search was asked for: it takes those out. Emptied when it ends. */
  liveSeen?: string[];
  /** When the last ask leaves the window: Firestore's TTL policy deletes the record then. */
  expiresAt: Date | string;
}

/** How long after an erasure a repeat with nothing new is answered from it: past it, an ask searches again whatever happened. */
export const erasureAskWindowMs = 10 * 60_000;

/** Why an ask searches: the first of the window, a Discord press delivered again, something done since, or something in the live books. */
export type SearchReason = 'first' | 'redelivered' | 'acted' | 'live';

export type AskAdmission = { ok: true; why: SearchReason; record: Omit<ErasureAsks, 'expiresAt'>; expiresAtMs: number } | { ok: false; erasedAt: string };

/**
 * Whether an erasure asked at `nowMs` searches, given the person's record: yes for the first ask
 * of the window, for an interaction already admitted (a redelivery after its first run failed
 * midway finishes what it began), when they acted since the last search, or when `live` (the
 * live auctions whose book holds something of theirs now) names one the last search did not
 * see. Otherwise it is answered from the last erasure (`erasedAt`). The record it answers with
 * forgets `actedAt` (this search covers it) and remembers what the books held (`liveSeen`).
 */
export function admitErasureAsk(
  record: Partial<Omit<ErasureAsks, 'expiresAt'>> | undefined,
  nowMs: number,
  asked: { interactionId?: string; live?: readonly string[] } = {},
): AskAdmission {
  const recent = (record?.asks ?? []).filter((ask) => nowMs - Date.parse(ask.at) < erasureAskWindowMs);
  const live = [...new Set(asked.live ?? [])].sort();
  const admit = (why: SearchReason, asks: ErasureAsk[]): AskAdmission => ({
    ok: true,
    why,
    record: { asks, liveSeen: live },
    expiresAtMs: Math.max(...asks.map((ask) => Date.parse(ask.at))) + erasureAskWindowMs,
  });
  const { interactionId } = asked;
  if (interactionId !== undefined && recent.some((ask) => ask.interactionId === interactionId)) return admit('redelivered', recent);
  const why = whyItSearches(record, recent, live);
  if (!why) return { ok: false, erasedAt: (recent[recent.length - 1] as ErasureAsk).at };
  return admit(why, [...recent, { at: new Date(nowMs).toISOString(), ...(interactionId !== undefined ? { interactionId } : {}) }]);
}

function whyItSearches(record: Partial<ErasureAsks> | undefined, recent: readonly ErasureAsk[], live: readonly string[]): SearchReason | undefined {
  if (recent.length === 0) return 'first';
  if (record?.actedAt !== undefined) return 'acted';
  const seen = new Set(record?.liveSeen ?? []);
  return live.some((auctionId) => !seen.has(auctionId)) ? 'live' : undefined;
}

/** Whether a person's record is of an erasure in the window: only then is what they do marked (`actedAt`). */
export const erasedLately = (record: Partial<ErasureAsks> | undefined, nowMs: number): boolean =>
  (record?.asks ?? []).some((ask) => nowMs - Date.parse(ask.at) < erasureAskWindowMs);

/** By the person's pseudonym: `erasureAsksOf` (use-cases/take-erasure-ask) makes it from their id. */
export const erasureAsksPath = (pseudonym: string) => docPath<ErasureAsks>(`privacyAsks/${pseudonym}`);
export const erasureAsksCollection = collectionPath<ErasureAsks>('privacyAsks');

/** A web page's words for an ask with nothing new since the last erasure, its time in UTC to the minute (Discord's answer shows it in the reader's own zone). */
export function nothingNewWords(erasedAt: string): string {
  const minute = new Date(Date.parse(erasedAt)).toISOString().slice(11, 16);
  return `Nothing new since your erasure at ${minute} UTC: it searched everything C500 holds then, and you have done nothing through C500 since, so it was not run again. Anything you do from now on is erased by your next ask.`;
}
