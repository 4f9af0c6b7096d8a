/**
 * `/c500 profile` tells a buyer when each order shipped, how to follow it and when it was
 * received (and whether by them or by the delivery window).
 */
import { profileMessage, type ProfileOrderLine } from '../rules/profile-messages';

const line = (over: Partial<ProfileOrderLine> = {}): ProfileOrderLine => ({
  orderId: 'ship-0001',
  title: 'Lavender 65%',
  status: 'shipped',
  builderName: 'Dee',
  amountLabel: '$240.00',
  ...over,
});
const fieldOf = (o: ProfileOrderLine) => profileMessage('Bo', [o]).embeds?.[0]?.fields?.[0]?.value ?? '';

describe('/c500 profile after shipping', () => {
  it('shows the shipping date with the carrier’s tracking link, then the date it was received', () => {
    const shipped = line({
      shippedAt: '2026-11-22T09:00:00.000Z',
      trackingLabel: 'UPS 1Z999AA10123456784',
      trackingUrl: 'https://www.ups.com/track?tracknum=1Z999AA10123456784',
    });
    expect(fieldOf(shipped)).toContain('Shipped <t:1795338000:D> · [UPS 1Z999AA10123456784](https://www.ups.com/track?tracknum=1Z999AA10123456784)');
    expect(fieldOf({ ...shipped, receivedAt: '2026-11-25T09:00:00.000Z', receivedBy: 'buyer' })).toContain('received <t:1795597200:D>');
    expect(fieldOf({ ...shipped, receivedAt: '2026-12-22T09:00:00.000Z', receivedBy: 'timeout' })).toContain('(not confirmed)');
  });

  it('says nothing of shipping before the order ships', () => {
    expect(fieldOf(line({ status: 'paid' }))).not.toContain('Shipped');
  });
});
