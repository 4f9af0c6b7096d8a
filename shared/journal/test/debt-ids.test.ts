/**
 * A debt's entry id, `debt:<guild>:<key>:<line>`, is made by `debtJournalPrefix` and read by
 * `debtKeyOf` and `debtLineOf` alone: nothing else parses it.
 */
import { debtJournalPrefix, debtKeyOf, debtLineOf } from '../rules/entry';

describe('a debt’s entry id', () => {
  it('gives back the key and the line it was made from, a line with colons whole', () => {
    const id = `${debtJournalPrefix('900000000000000001', 'ps_0123')}netted:release:lot-2`;
    expect(debtKeyOf(id)).toBe('ps_0123');
    expect(debtLineOf(id)).toBe('netted:release:lot-2');
  });

  it('gives nothing for an id of no debt, nor for a debt prefix with no line', () => {
    for (const id of ['race-ledger:l1', 'refund:re_1:x:y', 'debt:g:key']) {
      expect(debtKeyOf(id)).toBeUndefined();
      expect(debtLineOf(id)).toBeUndefined();
    }
  });
});
