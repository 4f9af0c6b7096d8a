/**
 * @module auction-history
 * The hammer's bid history, written in batches of its own before the result. One commit of
 * the whole history passes Firestore's 10 MiB request limit somewhere past 34,000 bids, and
 * then the hammer could never settle; in batches it always can. Each chunk's id is its
 * position, so a retried hammer writes the same documents again and nothing twice.
 */
import type { DocumentStore } from '../../ports';
import type { BidRecord } from '../rules/auction-book';
import { historyChunkPath, historyChunkSize, type HistoryChunk } from '../rules/auction';

/** Well under the 10 MiB a commit may carry; JSON is larger than Firestore's own count of the same bytes. */
export const historyBatchBytes = 8 * 1024 * 1024;
export const historyBatchDocuments = 400;

/** Writes every chunk of the history; answers how many chunks there are. */
export async function writeBidHistory(store: DocumentStore, auctionId: string, bids: readonly BidRecord[]): Promise<number> {
  const chunks: HistoryChunk[] = [];
  for (let i = 0; i < bids.length; i += historyChunkSize) {
    const part = bids.slice(i, i + historyChunkSize);
    chunks.push({ auctionId, chunk: chunks.length, bids: part, bidderIds: [...new Set(part.map((bid) => bid.bidderId))] });
  }
  for (const batch of batchesOf(chunks)) {
    const writes = store.batch();
    for (const chunk of batch) writes.set(historyChunkPath(auctionId, chunk.chunk), chunk);
    await writes.commit();
  }
  return chunks.length;
}

/** Consecutive chunks, as many to a batch as stay under both bounds (at least one). */
export function batchesOf(chunks: readonly HistoryChunk[]): HistoryChunk[][] {
  const batches: HistoryChunk[][] = [];
  let current: HistoryChunk[] = [];
  let bytes = 0;
  for (const chunk of chunks) {
    const size = Buffer.byteLength(JSON.stringify(chunk), 'utf8');
    if (current.length > 0 && (bytes + size > historyBatchBytes || current.length >= historyBatchDocuments)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(chunk);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
