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
 * A request that failed on the way (a timeout, a dropped connection) is sent again: every
 * script is safe to run twice (a bid is recognised by its id), and a bid whose answer was
 * lost then hears what really happened instead of "try again".
 */
export const bookRetry = { retries: 2, backoff: (attempt: number) => 50 * 2 ** attempt };

export function connectAuctionBook(endpoint: UpstashEndpoint): Redis {
  const redis = new Redis({
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
  // The client's own retries skip a request its `signal` aborted (the same signal would abort every attempt):
  // a timed-out request is sent again here, each time with a fresh deadline, as bookRetry says.
  redis.use(async (request, next) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await next(request);
      } catch (error) {
        if ((error as { name?: unknown } | null)?.name !== 'TimeoutError' || attempt >= bookRetry.retries) throw error;
        await new Promise((resolve) => setTimeout(resolve, bookRetry.backoff(attempt)));
      }
    }
  });
  return redis;
}
