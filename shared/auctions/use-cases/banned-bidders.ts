/**
 * @module banned-bidders
 * Every bidder banned now, as Firestore's bidder records say (`banned`, set with the strike
 * that bans and cleared when the strikes' year ends): the source a Redis database added to the
 * book later replays its bans from (shared/adapters/upstash/sharded-auction-book); and every
 * bidder trusted (`trustedAt`, set when a payment of theirs lands), replayed with them.
 */
import type { DocumentStore } from '../../ports';
import { biddersCollection } from '../rules/auction';

/** The ids of the bidders whose records say they are banned. */
export async function bannedBidders(store: DocumentStore): Promise<string[]> {
  const records = await store.query(biddersCollection, { where: [['banned', '==', true]] });
  return records.map((record) => record.id);
}

/** The ids of the bidders whose records say they paid for an order (`trustedAt`): past the new-bidder limit on every database. */
export async function trustedBidders(store: DocumentStore): Promise<string[]> {
  const records = await store.query(biddersCollection, { where: [['trustedAt', '>', '']] });
  return records.map((record) => record.id);
}
