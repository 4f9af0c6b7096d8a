/** The carrier's limiter refusing a call, told apart on the carrier port: one test for the adapter's backoff and a wave's batch alike. */
import { isCarrierRateLimited } from '..';

describe('the carrier’s limiter refusing a call', () => {
  it('is a 429 and nothing else: a refusal, a failure, or no status at all is not', () => {
    expect(isCarrierRateLimited(Object.assign(new Error('rate limited'), { statusCode: 429, code: 'RATE_LIMITED' }))).toBe(true);
    for (const error of [{ statusCode: 422 }, { statusCode: 500 }, { statusCode: '429' }, new Error('socket hang up'), undefined, null])
      expect(isCarrierRateLimited(error)).toBe(false);
  });
});
