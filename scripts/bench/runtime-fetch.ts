/**
 * A request from a bench to the runtime it drives, answered within `runtimeRequestMs` or
 * failed: `fetch` has no deadline of its own, so a runtime that never answers one request
 * would hold the bench's loop past its own deadline (as `bench:groupbuy`'s did, eleven
 * minutes, until stopped). A request that times out fails like one refused.
 */
export const runtimeRequestMs = 30_000;

export async function fetchRuntime(url: string | URL, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(runtimeRequestMs) });
  } catch (error) {
    // A kept-alive connection the runtime closed just as this request left on it (undici's
    // "other side closed"; a loaded machine widens the race): sent once more, on a new one.
    if ((error as { cause?: { code?: unknown } }).cause?.code !== 'UND_ERR_SOCKET') throw error;
    return fetch(url, { ...init, signal: AbortSignal.timeout(runtimeRequestMs) });
  }
}
