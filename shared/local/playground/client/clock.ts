/**
 * @module clock
 * The runtime's clock as the page knows it: `POST /_local/clock` moves it ahead of the wall
 * clock, and "in 5 minutes" is counted from it, as the product counted when it wrote it. It
 * only ever moves forward, so the furthest ahead heard of is the one.
 */
let aheadMs = 0;

/** A time the runtime stamped (the world's now, a feed event's `at`). */
export function heard(at: string): void {
  const ahead = Date.parse(at) - Date.now();
  if (Number.isFinite(ahead)) aheadMs = Math.max(aheadMs, ahead);
}

export const runtimeNow = (): number => Date.now() + aheadMs;
