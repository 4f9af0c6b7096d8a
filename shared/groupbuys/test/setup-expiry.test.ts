/**
 * A Join's setup session deadline, from the press: until the close when Stripe allows it, never
 * less than Stripe's 30 minutes (and a margin) after the last moment the press can be answered
 * (its token's 15 minutes), never more than Stripe's 24 hours (less a margin) after the press,
 * in whole seconds; and whether a press can still be answered at all.
 */
import { joinStillAnswerable, setupExpiry } from '../rules/card-setup';

const press = Date.parse('2026-12-01T12:00:00.000Z');
const minutes = (n: number) => n * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('a Join’s setup session deadline', () => {
  it('is the close when the close is inside Stripe’s window, to the second', () => {
    expect(iso(setupExpiry(press + minutes(180) + 999, press).getTime())).toBe(iso(press + minutes(180)));
  });

  it('is 15 minutes (the token) and 32 minutes (Stripe’s 30 and a margin) after the press when the close is sooner', () => {
    expect(iso(setupExpiry(press + minutes(20), press).getTime())).toBe(iso(press + minutes(15 + 32)));
  });

  it('is 24 hours less a 2-minute margin after the press when the close is later', () => {
    expect(iso(setupExpiry(press + minutes(7 * 24 * 60), press).getTime())).toBe(iso(press + minutes(24 * 60 - 2)));
  });
});

describe('whether a Join can still be answered', () => {
  it('can until its token’s 15 minutes are up, and not from then on', () => {
    expect(joinStillAnswerable(press, press + minutes(15) - 1)).toBe(true);
    expect(joinStillAnswerable(press, press + minutes(15))).toBe(false);
  });
});
