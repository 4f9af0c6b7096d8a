/**
 * The journal's entry for a change in what a show host is owed by hand (`cutOwedEntry`): the
 * host's part of the order's held money moves to what is owed to the host, keyed by its cause,
 * naming the dispute that caused it when one did.
 */
import { cutOwedEntry } from '../rules/host-payout';

const order = { orderId: 'lot00001', guildId: '900000000000000001', currency: 'usd', hostId: '800000000000000009' };

describe('a host’s cut owed by hand, in the journal', () => {
  it('moves the host’s part of the held money to what the host is owed, and sums to zero', () => {
    const entry = cutOwedEntry(order, 'release', 3_750, '2026-11-29T12:00:00.000Z');
    expect(entry).toMatchObject({ entryId: 'cut-owed:lot00001:release', kind: 'cut-owed', orderId: 'lot00001', guildId: order.guildId, currency: 'usd' });
    const held = entry?.postings.find((p) => p.account === 'held');
    expect(held).toMatchObject({ amountCents: 3_750, orderId: 'lot00001', party: 'host' });
    expect(entry?.postings.reduce((sum, p) => sum + p.amountCents, 0)).toBe(0);
    expect(entry).not.toHaveProperty('disputeId');
  });

  it('names the dispute that lowered what is owed', () => {
    const entry = cutOwedEntry(order, 'dispute:dp_1', -1_200, '2026-11-29T12:00:00.000Z', 'dp_1');
    expect(entry).toMatchObject({ entryId: 'cut-owed:lot00001:dispute:dp_1', disputeId: 'dp_1' });
    expect(entry?.postings.find((p) => p.account === 'held')).toMatchObject({ amountCents: -1_200, party: 'host' });
  });
});
