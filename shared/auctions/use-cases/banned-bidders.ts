/**
 * @module banned-bidders
 * Every bidder banned now, as Firestore's bidder records say (`banned`, set with the strike
 * that bans and cleared when the strikes' year ends): the source a Redis database added to the
 * book later replays its bans from (shared/adapters/upstash/sharded-auction-book).
 */
import type { DocumentStore } from '../../ports';
import { biddersCollection } from '../rules/auction';

/** The ids of the bidders whose records say they are banned. */
export async function bannedBidders(store: DocumentStore): Promise<string[]> {
  const records = await store.query(biddersCollection, { where: [['banned', '==', true]] });
  return records.map((record) => record.id);
}
