/**
 * @module webhook-delivery
 * How the parties the local simulators stand in for deliver a webhook: Stripe, Twitch and
 * Shopify each send it again when the endpoint fails (a network error, a 5xx, a 429), for
 * hours or days. The simulators do the same over seconds, so a webhook sent while its
 * ingress was down (a soak kills it) still arrives, as it would in production. A 4xx is an
 * answer (a refused signature, a malformed body) and is not retried.
 */
export interface RetryOptions {
  attempts: number;
  firstWaitMs: number;
  longestWaitMs: number;
}

const asTheSendersDo: RetryOptions = { attempts: 7, firstWaitMs: 200, longestWaitMs: 5_000 };

export async function deliverWithRetries(send: (attempt: number) => Promise<Response>, options: RetryOptions = asTheSendersDo): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    let answer: Response | undefined;
    let failure: unknown;
    try {
      answer = await send(attempt);
    } catch (error) {
      failure = error;
    }
    const retryable = answer === undefined || answer.status >= 500 || answer.status === 429;
    if (!retryable || attempt >= options.attempts) {
      if (answer) return answer;
      throw failure;
    }
    await answer?.arrayBuffer().catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, Math.min(options.longestWaitMs, options.firstWaitMs * 2 ** (attempt - 1))));
  }
}
