/**
 * @module webhook-delivery
 * How the parties the local simulators stand in for deliver a webhook: Stripe, Twitch and
 * Shopify each send it again when the endpoint fails (a network error, a 5xx, a 429), for
 * hours or days. The simulators do the same over seconds, so a webhook sent while its
 * ingress was down (a soak kills it) still arrives, as it would in production. For Twitch's
 * and Shopify's stand-ins a 4xx is an answer (a refused signature, a malformed body) and is
 * not retried; Stripe resends on every answer but a 2xx (`asStripeDoes`).
 */
export interface RetryOptions {
  attempts: number;
  firstWaitMs: number;
  longestWaitMs: number;
  /** Whether an answer with this status is sent again: by default a 5xx or a 429. */
  retried?: (status: number) => boolean;
}

const asTheSendersDo: RetryOptions = { attempts: 7, firstWaitMs: 200, longestWaitMs: 5_000 };

/**
 * Stripe marks an event failed on any answer but a 2xx and resends it, signed anew, for up to
 * three days in live mode (three times over a few hours in a sandbox):
 * https://docs.stripe.com/webhooks (automatic retries) and
 * https://docs.stripe.com/webhooks/process-undelivered-events. So a signature refused as too
 * old (the clock moved between signing and checking) is delivered by the next attempt.
 */
export const asStripeDoes: RetryOptions = { ...asTheSendersDo, retried: (status) => status < 200 || status >= 300 };

export async function deliverWithRetries(send: (attempt: number) => Promise<Response>, options: RetryOptions = asTheSendersDo): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let answer: Response | undefined;
    let failure: unknown;
    try {
      answer = await send(attempt);
    } catch (error) {
      failure = error;
    }
    const retryable = answer === undefined || (options.retried ?? serverFailure)(answer.status);
    if (!retryable || attempt >= options.attempts) {
      if (answer) return answer;
      throw failure;
    }
    await answer?.arrayBuffer().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.longestWaitMs, options.firstWaitMs * 2 ** (attempt - 1))));
  }
}

const serverFailure = (status: number) => status >= 500 || status === 429;
