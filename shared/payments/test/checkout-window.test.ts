import { canStillSend, checkoutDeadline, stripeRefusesExpiry } from '../rules/checkout-window';
import { payWindowMinutes } from '../../stripe-limits';

const now = new Date('2026-11-22T12:00:00.400Z');
const minutes = (n: number, from = now) => new Date(from.getTime() + n * 60_000);
const seconds = (d: Date) => Math.floor(d.getTime() / 1000);
const createdAtStripe = seconds(now);

describe('the deadline a Checkout Session is given', () => {
  it('moves a pay window counted from the hammer, already under 30 minutes away, to one Stripe accepts', () => {
    const hammer = minutes(-3);
    const deadline = checkoutDeadline(minutes(30, hammer), now);
    expect(stripeRefusesExpiry(seconds(minutes(30, hammer)), createdAtStripe)).toMatch(/at least 30 minutes/);
    expect(stripeRefusesExpiry(seconds(deadline), createdAtStripe)).toBeUndefined();
    // Still accepted by a Stripe whose clock runs a minute ahead of ours.
    expect(stripeRefusesExpiry(seconds(deadline), createdAtStripe + 60)).toBeUndefined();
  });

  it('brings the longest window configuration allows back under 24 hours, even for a Stripe a minute behind', () => {
    const deadline = checkoutDeadline(minutes(24 * 60 + 5), now);
    expect(stripeRefusesExpiry(seconds(deadline), createdAtStripe - 60)).toBeUndefined();
    expect(stripeRefusesExpiry(seconds(minutes(payWindowMinutes.max + 2)), createdAtStripe - 60)).toBeUndefined();
  });

  it('keeps a deadline that is already inside the window, in whole seconds', () => {
    expect(checkoutDeadline(minutes(90), now)).toEqual(new Date(seconds(minutes(90)) * 1000));
  });

  it('is sent again on a retry only while Stripe would still take it', () => {
    const deadline = checkoutDeadline(minutes(30), now);
    expect(canStillSend(deadline, minutes(1))).toBe(true);
    expect(canStillSend(deadline, minutes(2))).toBe(false);
    expect(canStillSend(minutes(31), minutes(5))).toBe(false);
  });
});

describe('the ends of Stripe’s window', () => {
  const at = (ms: number) => new Date(now.getTime() + ms);
  const minute = 60_000;

  it('sends an earlier deadline again up to exactly 30 seconds inside each end', () => {
    expect(canStillSend(at(30 * minute + 30_000), now)).toBe(true);
    expect(canStillSend(at(30 * minute + 29_999), now)).toBe(false);
    expect(canStillSend(at(24 * 60 * minute - 30_000), now)).toBe(true);
    expect(canStillSend(at(24 * 60 * minute - 29_999), now)).toBe(false);
  });

  it('never sends again a deadline at or past Stripe’s longest window', () => {
    expect(canStillSend(at(24 * 60 * minute), now)).toBe(false);
    expect(canStillSend(at(25 * 60 * minute), now)).toBe(false);
  });

  it('takes, as Stripe does, a deadline exactly 30 minutes or exactly 24 hours after creation', () => {
    expect(stripeRefusesExpiry(createdAtStripe + 30 * 60, createdAtStripe)).toBeUndefined();
    expect(stripeRefusesExpiry(createdAtStripe + 30 * 60 - 1, createdAtStripe)).toMatch(/at least 30 minutes/);
    expect(stripeRefusesExpiry(createdAtStripe + 24 * 60 * 60, createdAtStripe)).toBeUndefined();
  });

  it('refuses, as Stripe does, a deadline more than 24 hours after creation', () => {
    expect(stripeRefusesExpiry(createdAtStripe + 24 * 60 * 60 + 1, createdAtStripe)).toBe(
      'The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.',
    );
  });
});
