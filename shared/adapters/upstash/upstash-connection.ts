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

/**
 * A request that failed on the way (a dropped connection) is sent again: every script is
 * safe to run twice (a bid is recognised by its id), and a bid whose answer was lost then
 * hears what really happened instead of "try again". Not a timeout: @upstash/redis throws a
 * request its `signal` aborted without retrying it (seen against the local Upstash endpoint).
 */
export const bookRetry = { retries: 2, backoff: (attempt: number) => 50 * 2 ** attempt };

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
    retry: bookRetry,
    // A fresh deadline per request: a Redis that stops answering must fail a bid, not hang it.
    signal: () => AbortSignal.timeout(bookTimeoutMs),
  });
}
