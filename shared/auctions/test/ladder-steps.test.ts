import { amountStep } from '../../common';
import { defaultLadder } from '../rules/auction-book';

describe('the bid ladder in a three-decimal currency', () => {
  it('raises bids by amounts on every currency’s step, so a proxy bid on typed amounts never lands off it', () => {
    for (const currency of ['bhd', 'jod', 'kwd', 'omr', 'tnd', 'usd', 'jpy'])
      for (const rung of defaultLadder) expect(rung.stepCents % amountStep(currency)).toBe(0);
  });
});
