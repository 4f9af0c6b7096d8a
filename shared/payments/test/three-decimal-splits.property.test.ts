/**
 * Every part a split makes of an amount in a three-decimal currency stays on 10 minor units
 * (Stripe refuses a BHD, JOD, KWD, OMR or TND card amount whose last digit is not 0) and the
 * parts still add up to the amount exactly; in any other currency the step is one minor unit.
 */
import fc from 'fast-check';
import { amountStep, maxAmountCents } from '../../common';
import { builderPartOfRefund } from '../../orders';
import { dueBy } from '../rules/tranches';
import { hostPartOfRefund, partOfRefund, splitLot, spreadOverOrders, spreadRefund, spreadShipping } from '../../orders';
import type { Tranche } from '../../orders';

const currency = fc.constantFrom('bhd', 'jod', 'kwd', 'omr', 'tnd', 'KWD', 'usd', 'eur', 'jpy');
/** An amount as a person could type it in `currency`: on its step. */
const onStep = (code: string, min = 0) => fc.integer({ min: Math.ceil(min / 10), max: Math.floor(maxAmountCents / 10) }).map((n) => n * amountStep(code));
const rates = fc
  .tuple(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }))
  .map(([fee, host]) => ({ platformFeeBps: fee, hostCutBps: Math.min(host, 10_000 - fee) }));
const sum = (values: readonly number[]) => values.reduce((total, v) => total + v, 0);
const allOnStep = (values: readonly number[], step: number) => values.every((v) => v % step === 0);

describe('a lot’s price split in a three-decimal currency', () => {
  it('rounds the fee and the host’s cut to 10 fils and leaves the builder the rest', () => {
    // 12.340 KWD at 10 % and 15 %: 1.234 -> 1.230, 1.851 -> 1.850.
    expect(splitLot(12_340, { platformFeeBps: 1_000, hostCutBps: 1_500, currency: 'kwd' })).toEqual({
      platformFeeCents: 1_230,
      hostCutCents: 1_850,
      builderShareCents: 9_260,
    });
  });

  it('gives the builder what is below the step of a price off it, never a negative part', () => {
    expect(splitLot(12_345, { platformFeeBps: 1_000, hostCutBps: 1_500, currency: 'kwd' })).toEqual({
      platformFeeCents: 1_230,
      hostCutCents: 1_850,
      builderShareCents: 9_265,
    });
    expect(splitLot(5, { platformFeeBps: 10_000, hostCutBps: 0, currency: 'kwd' })).toEqual({ platformFeeCents: 5, hostCutCents: 0, builderShareCents: 0 });
  });

  it('keeps every part on the step and adds up to the price, for any currency, price and rates (property)', () => {
    fc.assert(
      fc.property(
        currency.chain((code) => fc.tuple(fc.constant(code), onStep(code))),
        rates,
        ([code, cents], r) => {
          const split = splitLot(cents, { ...r, currency: code });
          const parts = [split.platformFeeCents, split.hostCutCents, split.builderShareCents];
          expect(sum(parts)).toBe(cents);
          expect(Math.min(...parts)).toBeGreaterThanOrEqual(0);
          expect(allOnStep(parts, amountStep(code))).toBe(true);
        },
      ),
    );
  });
});

describe('spreading shipping and refunds in a three-decimal currency', () => {
  it('spreads 1.300 KWD of shipping over two lots on 10 fils where one fils apart would do elsewhere', () => {
    expect(spreadShipping(1_300, [2_000, 1_000], 10)).toEqual([870, 430]);
    expect(spreadShipping(1_300, [2_000, 1_000])).toEqual([867, 433]);
  });

  it('gives what is below the step to the heaviest lot', () => {
    expect(spreadShipping(1_305, [5_000, 3_000, 2_000], 10)).toEqual([655, 390, 260]);
  });

  it('keeps every part on the step and adds up exactly, for any currency, amounts and lots (property)', () => {
    fc.assert(
      fc.property(
        currency.chain((code) => fc.tuple(fc.constant(code), fc.array(onStep(code), { minLength: 1, maxLength: 8 }), onStep(code))),
        ([code, prices, shipping]) => {
          const step = amountStep(code);
          const shipped = spreadShipping(shipping, prices, step);
          expect(sum(shipped)).toBe(shipping);
          expect(allOnStep(shipped, step)).toBe(true);
          const refund = Math.floor((sum(prices) * 37) / 100 / step) * step;
          const refunded = spreadRefund(refund, prices, step);
          expect(sum(refunded)).toBe(refund);
          expect(allOnStep(refunded, step)).toBe(true);
          refunded.forEach((part, i) => expect(part).toBeLessThanOrEqual(prices[i] as number));
        },
      ),
    );
  });

  it('spreads a charge’s refund over its orders on the step of their currency (property)', () => {
    fc.assert(
      fc.property(
        currency.chain((code) => fc.tuple(fc.constant(code), fc.array(onStep(code, 10), { minLength: 1, maxLength: 6 }), fc.integer({ min: 0, max: 100 }))),
        ([code, prices, percent]) => {
          const step = amountStep(code);
          const orders = prices.map((amountCents, i) => ({ orderId: `o${i}`, amountCents, currency: code }));
          const refund = Math.floor((sum(prices) * percent) / 100 / step) * step;
          const spread = spreadOverOrders(refund, orders).map((s) => s.refundedCents);
          expect(sum(spread)).toBe(refund);
          expect(allOnStep(spread, step)).toBe(true);
        },
      ),
    );
  });
});

describe('what a partial refund takes back from each share in a three-decimal currency', () => {
  it('takes back a part on the step, and all of it on a full refund (property)', () => {
    fc.assert(
      fc.property(
        currency.chain((code) => fc.tuple(fc.constant(code), onStep(code, 10))),
        rates,
        fc.integer({ min: 0, max: 100 }),
        ([code, cents], r, percent) => {
          const step = amountStep(code);
          const order = { amountCents: cents, currency: code, ...splitLot(cents, { ...r, currency: code }) };
          const refunded = Math.floor((cents * percent) / 100 / step) * step;
          const host = hostPartOfRefund(order, refunded);
          const builder = builderPartOfRefund(order, refunded);
          expect(allOnStep([host, builder], step)).toBe(true);
          expect(host + builder).toBeLessThanOrEqual(refunded);
          expect(hostPartOfRefund(order, cents)).toBe(order.hostCutCents);
          expect(builderPartOfRefund(order, cents)).toBe(order.builderShareCents);
        },
      ),
    );
  });

  it('rounds a part of a refund half up to the step', () => {
    // 1,000 of 3,000 refunded from a part of 1,000: 333.3 -> 330; at step 1, 333.
    expect(partOfRefund(1_000, 3_000, 1_000, 10)).toBe(330);
    expect(partOfRefund(1_000, 3_000, 1_000)).toBe(333);
    expect(partOfRefund(1_000, 3_000, 3_000, 10)).toBe(1_000);
  });
});

describe('a commission’s tranches in a three-decimal currency', () => {
  const tranches: Tranche[] = [
    { milestone: 'parts-in', percent: 30 },
    { milestone: 'sound-test', percent: 33 },
    { milestone: 'done', percent: 37 },
  ];

  it('sends each tranche on the step and leaves what is below it to done', () => {
    // 30 % of 10.010 KWD is 3.003: 3.000 goes at parts-in.
    expect(dueBy(10_010, tranches, 'parts-in', 10)).toBe(3_000);
    expect(dueBy(10_010, tranches, 'done', 10)).toBe(10_010);
  });

  it('keeps what is due by every milestone on the step, rising to the whole share at done (property)', () => {
    fc.assert(
      fc.property(
        currency.chain((code) => fc.tuple(fc.constant(code), onStep(code))),
        ([code, share]) => {
          const step = amountStep(code);
          const due = (['parts-in', 'assembly', 'sound-test', 'done'] as const).map((m) => dueBy(share, tranches, m, step));
          expect(allOnStep(due, step)).toBe(true);
          due.slice(1).forEach((d, i) => expect(d).toBeGreaterThanOrEqual(due[i] as number));
          expect(due[3]).toBe(share);
        },
      ),
    );
  });
});
