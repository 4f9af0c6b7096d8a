/**
 * A request from a bench to the runtime it drives, answered within `runtimeRequestMs` or
 * failed: `fetch` has no deadline of its own, so a runtime that never answers one request
 * would hold the bench's loop past its own deadline (as `bench:groupbuy`'s did, eleven
 * minutes, until stopped). A request that times out fails like one refused.
 */
export const runtimeRequestMs = 30_000;

export function fetchRuntime(url: string | URL, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(runtimeRequestMs) });
}
