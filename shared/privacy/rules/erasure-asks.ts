/**
 * @module erasure-asks
 * How often a person may ask for an erasure. Every erasure searches every store the table lists
 * (the documents, the auction books, Twitch's subscriptions, Stripe's customer and cards), so a
 * flood of asks must not become a flood of searches: a few asks in a window run, the next is
 * told when it may ask again. The asks of the window are kept under the person's keyed
 * pseudonym (`privacyAsks/<pseudonym>`), never their id, and end by themselves (Firestore TTL).
 */
import { collectionPath, docPath } from '../../ports';

/** One erasure asked for: when, and the Discord interaction that asked (a press of Yes, erase me). */
export interface ErasureAsk {
  at: string;
  interactionId?: string;
}

export interface ErasureAsks {
  asks: ErasureAsk[];
  /** When the last ask leaves the window: Firestore's TTL policy deletes the record then. */
  expiresAt: Date | string;
}

/** How many erasures a person may ask for in `erasureAskWindowMs`: enough to erase, come back, act and erase again. */
export const erasureAsksAllowed = 3;
export const erasureAskWindowMs = 10 * 60_000;

export type AskAdmission = { ok: true; asks: ErasureAsk[] } | { ok: false; askAgainAtMs: number };

/**
 * Whether an erasure asked at `nowMs` runs, given the asks before it: yes while fewer than
 * `erasureAsksAllowed` fall in the window, and always for an interaction already admitted (a
 * redelivery after its first run failed midway finishes what it began); otherwise, when the
 * oldest ask leaves the window.
 */
export function admitErasureAsk(earlier: readonly ErasureAsk[], nowMs: number, interactionId?: string): AskAdmission {
  const recent = earlier.filter((ask) => nowMs - Date.parse(ask.at) < erasureAskWindowMs);
  if (interactionId !== undefined && recent.some((ask) => ask.interactionId === interactionId)) return { ok: true, asks: recent };
  if (recent.length >= erasureAsksAllowed) return { ok: false, askAgainAtMs: Math.min(...recent.map((ask) => Date.parse(ask.at))) + erasureAskWindowMs };
  return { ok: true, asks: [...recent, { at: new Date(nowMs).toISOString(), ...(interactionId !== undefined ? { interactionId } : {}) }] };
}

/** By the person's pseudonym: `erasureAsksOf` (use-cases/erasure-asks) makes it from their id. */
export const erasureAsksPath = (pseudonym: string) => docPath<ErasureAsks>(`privacyAsks/${pseudonym}`);
export const erasureAsksCollection = collectionPath<ErasureAsks>('privacyAsks');

/** A web page's words for an ask refused, the time in UTC to the minute after it (Discord's answer shows it in the reader's own zone). */
export function askAgainWords(askAgainAt: string): string {
  const minute = new Date(Math.ceil(Date.parse(askAgainAt) / 60_000) * 60_000).toISOString().slice(11, 16);
  return `You asked to erase your data ${erasureAsksAllowed} times within ${erasureAskWindowMs / 60_000} minutes, and each erasure searches everything C500 holds, so this one was not run. Ask again from ${minute} UTC: it erases whatever you did since your last erasure.`;
}
