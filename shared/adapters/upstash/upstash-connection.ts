/**
 * @module upstash-connection
 * The auction book's connection: Upstash's REST client, in production against Upstash
 * and locally against a real Redis behind the same REST API.
 */
import { Redis } from '@upstash/redis';

export interface UpstashEndpoint {
  url: string;
  token: string;
}

/** How long a bidder waits on the book before hearing "try again": well inside a person's patience. */
export const bookTimeoutMs = 3_000;

export function connectAuctionBook(endpoint: UpstashEndpoint): Redis {
  return new Redis({
    url: endpoint.url,
    token: endpoint.token,
    // Many bids land at once: one HTTP round trip carries all commands issued in the same tick.
    enableAutoPipelining: true,
    // Bids carry ids and amounts as strings on purpose; never reinterpret them.
    automaticDeserialization: false,
    // Plain JSON answers: Upstash and the local bridge both speak it, the bridge nothing else.
    responseEncoding: false,
    retry: { retries: 2, backoff: (attempt) => 50 * 2 ** attempt },
    // A fresh deadline per request: a Redis that stops answering must fail a bid, not hang it.
    signal: () => AbortSignal.timeout(bookTimeoutMs),
  });
}
