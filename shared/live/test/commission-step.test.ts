import { stepToProve } from '../rules/commission-step';
import type { Order } from '../../orders';

const commission = (fields: Partial<NonNullable<Order['commission']>> = {}): NonNullable<Order['commission']> => ({
  terms: {
    slots: 1,
    leadWeeks: 4,
    oneAtATime: false,
    tranches: [
      { milestone: 'parts-in', percent: 30 },
      { milestone: 'done', percent: 70 },
    ],
  },
  ...fields,
});

describe('the step a plain proof of an order proves', () => {
  it('is the commission’s next step', () => {
    expect(stepToProve({ commission: commission() }, 'i1')).toBe('parts-in');
    expect(stepToProve({ commission: commission({ milestone: 'parts-in' }) }, 'i2')).toBe('done');
  });

  it('is none for an order that is not a commission, or one already out of the line: it is proved whole', () => {
    expect(stepToProve({}, 'i1')).toBeUndefined();
    expect(stepToProve(undefined, 'i1')).toBeUndefined();
    expect(stepToProve({ commission: commission({ ended: 'done' }) }, 'i1')).toBeUndefined();
    expect(stepToProve({ commission: commission({ ended: 'cancelled' }) }, 'i1')).toBeUndefined();
  });

  it('is, for the same command delivered again, the step its first delivery proved', () => {
    const proved = commission({ milestone: 'parts-in', proofs: [{ milestone: 'parts-in', url: 'u', kind: 'channel', provedAt: 't', byInteraction: 'i1' }] });
    expect(stepToProve({ commission: proved }, 'i1')).toBe('parts-in');
    expect(stepToProve({ commission: proved, proof: { url: 'u', provedAt: 't', byInteraction: 'i9' } }, 'i9')).toBe('done');
  });
});
