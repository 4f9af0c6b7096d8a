/**
 * @module across-deploys
 * A request retried across a deploy: the deploy before sent Stripe other metadata under the same
 * idempotency key (people's Discord ids, before they became keyed pseudonyms), and Stripe refuses
 * the key with new parameters (400 `idempotency_error`). The object was made then; asking again
 * with exactly what was sent then has Stripe replay it, so nothing is made or paid twice. Without
 * an earlier shape, or if that too is refused, the refusal is thrown as an error to retry and look
 * at, never as a `PaymentRefused`: callers take that as "not done" and would record it so.
 */
import Stripe from 'stripe';

/** The metadata a request sends now, and what a deploy before sent under the same key (transition: Stripe forgets a key after 24 hours). */
export interface MetadataAcrossDeploys {
  metadata: Record<string, string>;
  metadataBeforePseudonyms?: Record<string, string>;
}

export class IdempotencyKeyReused extends Error {
  constructor(key: string, options: { cause: Error }) {
    super(`${options.cause.message} (key ${key}; no earlier shape of this request matches what it was first used with)`, options);
    this.name = 'IdempotencyKeyReused';
  }
}

/** `ask` with the request's metadata, then, refused for the key's earlier parameters, with the earlier metadata. */
export async function replayedAcrossDeploys<T>(key: string, request: MetadataAcrossDeploys, ask: (metadata: Record<string, string>) => Promise<T>): Promise<T> {
  try {
    return await ask(request.metadata);
  } catch (error) {
    if (!(error instanceof Stripe.errors.StripeIdempotencyError)) throw error;
    const before = request.metadataBeforePseudonyms;
    if (!before) throw new IdempotencyKeyReused(key, { cause: error });
    try {
      return await ask(before);
    } catch (again) {
      if (again instanceof Stripe.errors.StripeIdempotencyError) throw new IdempotencyKeyReused(key, { cause: again });
      throw again;
    }
  }
}
