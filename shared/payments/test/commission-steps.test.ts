/**
 * A commission is proved in its steps' order: the milestones its tranches pay at, then done.
 * The builder's paid-order DM names the step a plain proof proves next and what it releases,
 * never the whole share at once.
 */
import { builderNewOrder } from '../rules/order-messages';
import { commissionSteps, nextStep } from '../rules/tranches';
import type { Order } from '../../orders';
import type { Tranche } from '../../orders';
import { anOrder } from '../../../test/support/orders';

const thirtyAtPartsIn: Tranche[] = [
  { milestone: 'parts-in', percent: 30 },
  { milestone: 'done', percent: 70 },
];
const terms = (tranches: Tranche[]) => ({ slots: 2, leadWeeks: 4, oneAtATime: false, tranches });

describe('a commission’s steps', () => {
  it('are the milestones its tranches pay at, in build order, ending at done', () => {
    expect(
      commissionSteps([
        { milestone: 'done', percent: 50 },
        { milestone: 'sound-test', percent: 20 },
        { milestone: 'parts-in', percent: 30 },
      ]),
    ).toEqual(['parts-in', 'sound-test', 'done']);
  });

  it('leave out a milestone whose tranche pays nothing, and are done alone when everything waits for it', () => {
    expect(
      commissionSteps([
        { milestone: 'assembly', percent: 0 },
        { milestone: 'done', percent: 100 },
      ]),
    ).toEqual(['done']);
    expect(commissionSteps([])).toEqual(['done']);
  });

  it('go on from the last milestone proved, to done once every step before it is proved', () => {
    expect(nextStep({ terms: terms(thirtyAtPartsIn) })).toBe('parts-in');
    expect(nextStep({ terms: terms(thirtyAtPartsIn), milestone: 'parts-in' })).toBe('done');
    // Proved past a step (named by the builder): the next is the first after it.
    expect(
      nextStep({
        terms: terms([
          { milestone: 'parts-in', percent: 30 },
          { milestone: 'sound-test', percent: 30 },
        ]),
        milestone: 'assembly',
      }),
    ).toBe('sound-test');
    expect(nextStep({ terms: terms([]) })).toBe('done');
  });
});

describe('the builder’s new paid order, for a commission', () => {
  const commissionOrder = (tranches: Tranche[], fields: Partial<Order> = {}): Order =>
    anOrder({
      orderId: 'k3v9m2qa',
      dropKind: 'commission',
      amountCents: 30_000,
      platformFeeCents: 3_000,
      builderShareCents: 27_000,
      status: 'paid',
      commission: { terms: terms(tranches), ticket: 1, paidAt: '2026-11-22T12:00:00Z', promisedAt: '2026-12-20T12:00:00Z' },
      ...fields,
    });
  const contentOf = (order: Order) => builderNewOrder(order).content ?? '';

  it('names the step to prove next and its part, not the whole share', () => {
    const content = contentOf(commissionOrder(thirtyAtPartsIn));
    expect(content).toContain('`/c500 live mode:order:k3v9m2qa` when you reach **parts-in**');
    expect(content).toContain('releases $81.00 of your $270.00');
    expect(content).toContain('the rest at **done**');
    expect(content).not.toContain('your $270.00 is released then');
  });

  it('keeps the step’s part on its currency’s step in a three-decimal currency', () => {
    // 30 % of 27.010 KWD is 8.103: 8.100 goes at parts-in.
    const content = contentOf(commissionOrder(thirtyAtPartsIn, { currency: 'kwd', amountCents: 30_010, builderShareCents: 27_010 }));
    expect(content).toContain('releases 8.100 KWD of your 27.010 KWD');
  });

  it('says a commission paid all at done is proved when it is done', () => {
    const content = contentOf(commissionOrder([]));
    expect(content).toContain('paid at **done**');
    expect(content).toContain('when it is done; your $270.00 is released then');
  });
});
