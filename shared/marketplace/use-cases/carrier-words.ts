/**
 * @module carrier-words
 * A carrier's refusal (a 4xx other than too many requests) is an answer with words for the
 * builder; anything else (the carrier down, the network) is thrown, so the subscriber's
 * redelivery tries again.
 */
import { isCarrierRateLimited } from '../../ports';

export function carrierWords(error: unknown): string | undefined {
  const refused = error as { statusCode?: unknown; message?: unknown };
  const status = typeof refused?.statusCode === 'number' ? refused.statusCode : undefined;
  if (status === undefined || status < 400 || status >= 500 || isCarrierRateLimited(error)) return undefined;
  return typeof refused.message === 'string' && refused.message !== '' ? refused.message : `the carrier answered ${status}`;
}
