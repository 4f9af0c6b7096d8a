/**
 * @module carrier-words
 * A carrier's refusal (a 4xx other than too many requests) is an answer with words for the
 * builder; anything else (the carrier down, the network) is thrown, so the subscriber's
 * redelivery tries again.
 */
export function carrierWords(error: unknown): string | undefined {
  const refused = error as { statusCode?: unknown; message?: unknown };
  const status = typeof refused?.statusCode === 'number' ? refused.statusCode : undefined;
  if (status === undefined || status < 400 || status >= 500 || status === 429) return undefined;
  return typeof refused.message === 'string' && refused.message !== '' ? refused.message : `the carrier answered ${status}`;
}

/** The carrier's limiter refused the call (a 429, nothing done): the work is asked again later. */
export function carrierRateLimited(error: unknown): boolean {
  return (error as { statusCode?: unknown } | undefined)?.statusCode === 429;
}
