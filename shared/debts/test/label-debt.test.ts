/**
 * A label bought through C500 for the builder is a debt of theirs (netted from their release):
 * C500 owes the carrier what the builder owes C500; the carrier's refund lowers both.
 */
import { debtJournalEntry, debtAccountFrom, entryLabels, owedAfter } from '../rules/ledger';
import { debtEntryIds } from '../rules/debt';

const move = { guildId: 'g1', userId: 'b1', orderId: 'ord-0001', currency: 'usd', at: '2026-11-22T12:00:00.000Z', party: 'builder' as const };

describe('a label’s cost as the builder’s debt', () => {
  it('raises what the builder owes, against what C500 owes the carrier', () => {
    expect(owedAfter(100, 'shipping-label', 1_495)).toBe(1_595);
    const entry = debtJournalEntry({ ...move, entryId: debtEntryIds.shippingLabel('shp_1'), kind: 'shipping-label' }, 1_495, 'ps_b1');
    expect(entry).toMatchObject({ entryId: 'debt:g1:ps_b1:label:shp_1', kind: 'shipping-label', orderId: 'ord-0001', currency: 'usd' });
    expect(entry?.postings).toEqual([
      { account: 'owed-to-c500', amountCents: 1_495, personId: 'b1' },
      { account: 'carrier-postage', amountCents: -1_495 },
    ]);
  });

  it('is lowered by the carrier’s refund of the label, never below zero', () => {
    expect(owedAfter(1_495, 'label-refunded', 1_495)).toBe(0);
    expect(owedAfter(100, 'label-refunded', 1_495)).toBe(0);
    const entry = debtJournalEntry({ ...move, entryId: debtEntryIds.labelRefunded('shp_1'), kind: 'label-refunded' }, 1_495, 'ps_b1');
    expect(entry).toMatchObject({ entryId: 'debt:g1:ps_b1:label-refunded:shp_1', kind: 'shipping-label-refund' });
    expect(entry?.postings).toEqual([
      { account: 'carrier-postage', amountCents: 1_495 },
      { account: 'owed-to-c500', amountCents: -1_495, personId: 'b1' },
    ]);
  });

  it('reads back from the journal as the account’s moves, in the person’s words', () => {
    const bought = debtJournalEntry({ ...move, entryId: debtEntryIds.shippingLabel('shp_1'), kind: 'shipping-label' }, 1_495, 'ps_b1');
    const refunded = debtJournalEntry({ ...move, entryId: debtEntryIds.labelRefunded('shp_1'), kind: 'label-refunded' }, 495, 'ps_b1');
    const { debt, entries } = debtAccountFrom({ guildId: 'g1', userId: 'b1', currency: 'usd', updatedAt: move.at }, [bought!, refunded!]);
    expect(debt.owedCents).toBe(1_000);
    expect(entries.map((e) => e.kind).sort()).toEqual(['label-refunded', 'shipping-label']);
    expect(entryLabels['shipping-label']).toBe('shipping label bought through C500');
    expect(entryLabels['label-refunded']).toBe('shipping label refunded by the carrier');
  });
});
