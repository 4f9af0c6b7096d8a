/**
 * Bids and opened books for the reference model's tests: each bid a new id, made a second
 * after the start unless told otherwise.
 */
import { AuctionBookModel } from '../rules/auction-book-model';
import type { AuctionTerms, BidRequest, BidResult } from '../rules/auction-book';
import { auctionTerms, GUILD, t0 } from '../../../test/support/auction-book-fixtures';

export const terms = auctionTerms;
export { GUILD, t0 };

let seq = 0;
export function bid(bidderId: string, amountCents: number, over: Partial<BidRequest> = {}): BidRequest {
  seq += 1;
  return {
    bidId: `bid${seq}`,
    guildId: GUILD,
    bidderId,
    bidderName: `Name of ${bidderId}`,
    amountCents,
    maxCents: amountCents,
    responseToken: `token-${bidderId}-${seq}`,
    atMs: t0 + 1_000,
    ...over,
    receivedAtMs: over.receivedAtMs ?? over.atMs ?? t0 + 1_000,
  };
}

export function opened(over: Partial<AuctionTerms> = {}): AuctionBookModel {
  const model = new AuctionBookModel();
  expect(model.open(terms(over))).toEqual({ kind: 'opened' });
  return model;
}

export const priceOf = (result: BidResult) => result.snapshot?.priceCents;
