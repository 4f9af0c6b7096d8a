/**
 * @module take-erasure-ask
 * Counts an erasure asked for against the person's allowance (rules/erasure-asks), in one
 * transaction on their record of asks: of a flood of asks arriving together, only the allowance
 * runs a search, whichever instance each reaches.
 */
import { personPseudonym } from '../../log';
import type { Clock, DocumentStore } from '../../ports';
import { admitErasureAsk, erasureAskWindowMs, erasureAsksPath, type AskAdmission } from '../rules/erasure-asks';

/** The record of a person's recent asks: under their keyed pseudonym, never their id. */
export const erasureAsksOf = (personId: string) => erasureAsksPath(personPseudonym(personId));

export function takeErasureAsk(deps: { store: DocumentStore; clock: Clock }, personId: string, interactionId?: string): Promise<AskAdmission> {
  const path = erasureAsksOf(personId);
  return deps.store.runTransaction(async (tx) => {
    const nowMs = deps.clock.now().getTime();
    const admission = admitErasureAsk((await tx.get(path))?.asks ?? [], nowMs, interactionId);
    if (!admission.ok) return admission;
    const lastAtMs = Math.max(...admission.asks.map((ask) => Date.parse(ask.at)));
    tx.set(path, { asks: admission.asks, expiresAt: new Date(lastAtMs + erasureAskWindowMs) });
    return admission;
  });
}
