/**
 * What a builder or a host reads when a refund or a dispute leaves them owing C500: the order,
 * the amount, whose money it was (a builder's share, a host's cut), why it became a debt, and
 * how it is settled; and nobody pinged by it.
 */
import { debtRecordedDm } from '../rules/debt-messages';

const order = { orderId: 'ord_7', currency: 'eur' };

describe('the DM that tells someone of their debt', () => {
  it('tells a builder whose share was paid out that a dispute took it back and they now owe it', () => {
    expect(debtRecordedDm(order, 'builder', 4550, { by: 'dispute', handPaid: false }).content).toBe(
      '💸 A dispute took back the payment for order `ord_7` and Stripe could not take your share back from your Stripe account (it was already paid out): you now owe C500 45.50 EUR on this server. Your next sales on this server pay it first; an admin can also record it paid outside C500. `/c500 profile` and your dashboard show what you owe.',
    );
  });

  it('tells a host whose cut was paid by hand that a refund made it a debt', () => {
    const content = debtRecordedDm(order, 'host', 300, { by: 'refund', handPaid: true }).content ?? '';
    expect(content).toMatch(/^💸 Order `ord_7` was refunded after your host’s cut was paid by hand: you now owe C500 3\.00 EUR on this server\./);
    expect(content).not.toContain('your share');
  });

  it('names a builder’s share, never a host’s cut, for a builder', () => {
    expect(debtRecordedDm(order, 'builder', 300, { by: 'refund', handPaid: true }).content).toContain('after your share was paid by hand');
  });

  it('pings nobody', () => {
    expect(debtRecordedDm(order, 'builder', 1, { by: 'refund', handPaid: false }).allowed_mentions).toEqual({ parse: [] });
  });
});
