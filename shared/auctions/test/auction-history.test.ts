import { LocalDocumentStore } from '../../local/firestore/document-store';
import type { BidRecord } from '../../ports';
import { historyChunksPath } from '../rules/auction';
import { writeBidHistory } from '../use-cases/auction-history';

function bid(i: number, bidderId: string): BidRecord {
  return {
    bidId: `b${i}`,
    bidderId,
    bidderName: `name of ${bidderId}`,
    amountCents: 1_000 + i,
    maxCents: 1_000 + i,
    outcome: 'leading',
    priceCents: 1_000 + i,
    leaderId: bidderId,
    atMs: i,
  };
}

describe('the bid history the hammer writes', () => {
  it('names on each chunk who bid in it, once each, so a member’s chunks are found by one query', async () => {
    const store = new LocalDocumentStore();
    const bids = Array.from({ length: 1_500 }, (_, i) => bid(i, i < 1_000 ? (i % 2 === 0 ? 'u1' : 'u2') : i === 1_200 ? 'u1' : 'u3'));

    await writeBidHistory(store, 'a1', bids);

    const chunks = await store.query(historyChunksPath('a1'));
    expect(chunks.map((c) => c.data.bidderIds)).toEqual([
      ['u1', 'u2'],
      ['u3', 'u1'],
    ]);
  });
});
