import { platformLabelEntry, platformLabelRefundEntry, labelEntryIds } from '../rules/label-journal';
import type { JournalEntry } from '../../journal';

const sum = (entry: JournalEntry | undefined) => entry?.postings.reduce((total, p) => total + p.amountCents, 0);

const order = { orderId: 'ord-0001', guildId: 'g1' };
const label = { shipmentId: 'shp_1', rate: { rateId: 'rate_1', carrier: 'USPS', service: 'Priority', amountCents: 1_495, currency: 'USD' } };
const at = '2026-11-22T12:00:00.000Z';

describe('a label C500 pays for, in the journal', () => {
  it('is its own cost, owed to the carrier, summing to zero', () => {
    const entry = platformLabelEntry(order, label, at);
    expect(entry).toEqual({
      entryId: 'label:shp_1',
      kind: 'shipping-label',
      at,
      guildId: 'g1',
      currency: 'usd',
      orderId: 'ord-0001',
      postings: [
        { account: 'label-costs', amountCents: 1_495 },
        { account: 'carrier-postage', amountCents: -1_495 },
      ],
    });
    expect(sum(entry)).toBe(0);
  });

  it('comes back when the carrier refunds the label, summing to zero', () => {
    const entry = platformLabelRefundEntry(order, label, at);
    expect(entry).toMatchObject({
      entryId: labelEntryIds.refunded('shp_1'),
      kind: 'shipping-label-refund',
      currency: 'usd',
      orderId: 'ord-0001',
      guildId: 'g1',
      at,
    });
    expect(entry?.postings).toEqual([
      { account: 'carrier-postage', amountCents: 1_495 },
      { account: 'label-costs', amountCents: -1_495 },
    ]);
    expect(sum(entry)).toBe(0);
  });

  it('is nothing for a label of no cost', () => {
    expect(platformLabelEntry(order, { ...label, rate: { ...label.rate, amountCents: 0 } }, at)).toBeUndefined();
  });

  it('has one id per shipment', () => {
    expect(labelEntryIds.bought('shp_9')).toBe('label:shp_9');
    expect(labelEntryIds.refunded('shp_9')).toBe('label-refunded:shp_9');
  });
});
