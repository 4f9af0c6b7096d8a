/**
 * @module erased-bidders
 * The Redis book keeps a live auction's bidder names until its hammer; a member who erased
 * themselves meanwhile (`/c500 privacy`) must not come back by name when the result, the
 * runner-ups and the bid history are written. One query: the erasures made since the auction
 * began (a name given after an erasure is a new fact, kept as any other).
 */
import type { DocumentStore, HammerResult } from '../../ports';
import { erasedName, privacyErasuresCollection } from '../../privacy';

type Closed = Extract<HammerResult, { kind: 'closed' }>;

export async function withoutErasedBidders(store: DocumentStore, hammer: Closed, startedAt: string): Promise<Closed> {
  const erasures = await store.query(privacyErasuresCollection, { where: [['erasedAt', '>=', startedAt]] });
  const erased = new Set(erasures.map((e) => e.id));
  if (erased.size === 0) return hammer;
  const named = <T extends { bidderId: string; bidderName: string }>(entry: T): T =>
    erased.has(entry.bidderId) ? { ...entry, bidderName: erasedName } : entry;
  const { snapshot } = hammer;
  return {
    ...hammer,
    snapshot: snapshot.leaderId !== undefined && erased.has(snapshot.leaderId) ? { ...snapshot, leaderName: erasedName } : snapshot,
    bids: hammer.bids.map(named),
    standings: hammer.standings.map(named),
  };
}
