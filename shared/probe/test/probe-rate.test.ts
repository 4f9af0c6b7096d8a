/** The probe's rate limit: the first `probeBidsPerMinute` bids of a minute reach the book, none after. */
import { probeBidAdmitted, probeBidsPerMinute } from '../rules/probe-rate';

describe('the probe’s bids a minute', () => {
  it('are twelve: the scheduled probe’s one in five minutes, and room for an operator’s runs', () => {
    expect(probeBidsPerMinute).toBe(12);
  });

  it('admits every bid up to the limit, the limit’s own included', () => {
    expect(probeBidAdmitted(1)).toBe(true);
    expect(probeBidAdmitted(probeBidsPerMinute)).toBe(true);
  });

  it('drops the bid past the limit and every one after it', () => {
    expect(probeBidAdmitted(probeBidsPerMinute + 1)).toBe(false);
    expect(probeBidAdmitted(300)).toBe(false);
  });
});
