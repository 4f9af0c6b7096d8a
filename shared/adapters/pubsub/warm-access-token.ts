/**
 * @module warm-access-token
 * A Google access token kept ready for the ingress. The first one is asked for when the
 * publisher is built (at cold start, when gen2 gives start-up CPU), and each one is
 * renewed in the background once it is within five minutes of expiring, while the old
 * one still serves: a Discord interaction waits for a token only when none is valid,
 * and then within its own deadline.
 */

/** A token and when it stops working. */
export interface ExpiringToken {
  token: string;
  expiresAtMs: number;
}

export type FetchAccessToken = () => Promise<ExpiringToken>;

/** Renewed this long before it expires: as `google-auth-library` does (its eager refresh threshold). */
export const renewAheadMs = 5 * 60 * 1000;

export class WarmAccessToken {
  private current: ExpiringToken | undefined;
  private inFlight: Promise<ExpiringToken> | undefined;

  constructor(
    private readonly fetchToken: FetchAccessToken,
    private readonly now: () => number,
    private readonly onBackgroundFailure: (error: unknown) => void,
  ) {}

  /** Starts a fetch now if the token is missing or due for renewal; never throws. */
  warm(): void {
    if (this.current && this.current.expiresAtMs - this.now() > renewAheadMs) return;
    this.renew().catch(this.onBackgroundFailure);
  }

  /** A valid token: the held one at once (renewing it behind the caller when due), else the fetch under way, abandoned when `signal` fires. */
  async get(signal: AbortSignal): Promise<string> {
    const held = this.current;
    if (held && held.expiresAtMs > this.now()) {
      this.warm();
      return held.token;
    }
    return (await abandonOn(this.renew(), signal)).token;
  }

  private renew(): Promise<ExpiringToken> {
    this.inFlight ??= this.fetchToken()
      .then((fresh) => {
        this.current = fresh;
        return fresh;
      })
      .finally(() => {
        this.inFlight = undefined;
      });
    return this.inFlight;
  }
}

/** The promise, or the signal's reason if it fires first (the promise goes on, for the next caller). */
function abandonOn<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
