import { chargeKeyOf, countsTowardMoq, groupBuysCollection, moqMet, pledgeAmountCents, pledgeStatuses, promisedAtOf } from '../rules/group-buy';
import { interestChecksCollection } from '../rules/interest-check';

describe('a group buy’s rules', () => {
  it('promises every order by the last moment of the ship month, in UTC, leap years and December included', () => {
    expect(promisedAtOf('2027-03')).toBe('2027-03-31T23:59:59.999Z');
    expect(promisedAtOf('2028-02')).toBe('2028-02-29T23:59:59.999Z');
    expect(promisedAtOf('2027-12')).toBe('2027-12-31T23:59:59.999Z');
  });

  it('meets its MOQ at exactly the MOQ, not one unit short', () => {
    expect(moqMet({ moq: 3 }, 3)).toBe(true);
    expect(moqMet({ moq: 3 }, 2)).toBe(false);
  });

  it('counts only a pledge with a saved card toward the MOQ', () => {
    expect(pledgeStatuses.filter(countsTowardMoq)).toEqual(['pledged']);
  });

  it('charges the unit price times the quantity, and keys one charge per member of each group buy', () => {
    expect(pledgeAmountCents({ priceCents: 12_500 }, 3)).toBe(37_500);
    expect(chargeKeyOf('gb1', '811')).toBe('groupbuy-charge:gb1:811');
    expect(chargeKeyOf('gb1', '811')).not.toBe(chargeKeyOf('gb2', '811'));
  });

  it('keeps group buys and interest checks in their own top-level collections', () => {
    expect(groupBuysCollection).toBe('groupBuys');
    expect(interestChecksCollection).toBe('interestChecks');
  });
});
