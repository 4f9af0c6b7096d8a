/**
 * @module publish-retry
 * When a publish is worth another try, and how long to wait first. The official client
 * retries UNAVAILABLE, RESOURCE_EXHAUSTED, INTERNAL, UNKNOWN, ABORTED, CANCELLED and
 * DEADLINE_EXCEEDED from 100 ms (its publisher_client_config.json, over ten minutes). An
 * ingress has Discord's 3 s: the same codes, the same start, doubling instead of ×4 so a
 * few tries fit in the 2.5 s it gives a publish, each wait jittered so a herd of
 * instances that failed together does not come back together.
 */

/** HTTP statuses of the retryable gRPC codes on Google's REST surface. */
export const retryablePublishStatuses: readonly number[] = [
  409, // ABORTED
  429, // RESOURCE_EXHAUSTED
  499, // CANCELLED
  500, // INTERNAL, UNKNOWN
  503, // UNAVAILABLE
  504, // DEADLINE_EXCEEDED
];

export const firstRetryDelayMs = 100;
const delayMultiplier = 2;

/** The wait before retry number `retry` (0 for the first): between half and all of 100 ms × 2^retry. */
export function publishRetryDelayMs(retry: number, random: () => number): number {
  const step = firstRetryDelayMs * delayMultiplier ** retry;
  return Math.round(step / 2 + (random() * step) / 2);
}

/** Time as the publisher sees it: injected in tests, so no test waits for real. */
export interface RetryClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realRetryClock: RetryClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
