/**
 * @module take-erasure-ask
 * Decides whether an erasure asked for searches (rules/erasure-asks), in one transaction on the
 * person's record: of a flood of asks arriving together with nothing new, one searches, whichever
 * instance each reaches. Also what marks the record when the person acts (`markActed`), and
 * what ends a search (`endErasureSearch`).
 */
import { personPseudonym } from '../../log';
import type { Clock, DocumentStore } from '../../ports';
import { admitErasureAsk, erasedLately, erasureAsksPath, type AskAdmission } from '../rules/erasure-asks';

/** The record of a person's recent erasures: under their keyed pseudonym, never their id. */
export const erasureAsksOf = (personId: string) => erasureAsksPath(personPseudonym(personId));

export interface AskDeps {
  store: DocumentStore;
  clock: Clock;
  /** The live auctions whose book holds something of the person (a max, a refused bid's time): a cheap look, no search. */
  liveHeld?: (personId: string) => Promise<string[]>;
}

export function takeErasureAsk(deps: AskDeps, personId: string, interactionId?: string): Promise<AskAdmission> {
  const path = erasureAsksOf(personId);
  return deps.store.runTransaction(async (tx) => {
    const nowMs = deps.clock.now().getTime();
    const record = await tx.get(path);
    // Looked at every time, inside the transaction: an admitted ask remembers what the books held, so a repeat is told
    // apart from a new bid; looked before it, a look taken while a search ran could be judged after that search ended and
    // run a second. The transaction locks this person's record alone, so only their own asks wait on the look.
    const live = (await deps.liveHeld?.(personId)) ?? [];
    const admission = admitErasureAsk(record, nowMs, { ...(interactionId !== undefined ? { interactionId } : {}), live });
    if (admission.ok) tx.set(path, { ...admission.record, expiresAt: new Date(admission.expiresAtMs) });
    return admission;
  });
}

/** A search has ended: what the books held when it began is taken out, so anything there from now on is new. */
export async function endErasureSearch(deps: Pick<AskDeps, 'store'>, personId: string): Promise<void> {
  const path = erasureAsksOf(personId);
  // Read first outside a transaction: most searches began with nothing in the live books.
  if (!(await deps.store.get(path))?.liveSeen?.length) return;
  await deps.store.runTransaction(async (tx) => {
    if ((await tx.get(path))?.liveSeen?.length) tx.update(path, { liveSeen: [] });
  });
}

/**
 * The person did something through C500 that may name them (a command, a button, a form, a chat
 * entry, a payment): their next erasure searches again. Only someone who erased in the window
 * has a record to mark; nobody else is written down. Called after the action's own writes, so a
 * search that began before the mark may have missed them and the next one will not.
 */
export async function markActed(deps: Pick<AskDeps, 'store' | 'clock'>, personId: string | undefined): Promise<void> {
  if (!personId) return;
  const path = erasureAsksOf(personId);
  const now = deps.clock.now();
  const record = await deps.store.get(path);
  if (!record || !erasedLately(record, now.getTime())) return;
  // Merged with the expiry it has, as a date (a read gives it as text; TTL reads a timestamp): should TTL delete the record meanwhile, the mark still ends.
  await deps.store.set(path, { actedAt: now.toISOString(), expiresAt: new Date(record.expiresAt) }, { merge: true });
}
