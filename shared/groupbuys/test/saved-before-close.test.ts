/**
 * Which card counts at a close (issue 77): one Stripe saved before `closesAt`, judged by when
 * Stripe made it, whatever its event's lateness. A session not complete, or without its card or
 * its stamp, counts for nothing; a card made at the close's instant is already too late.
 */
import type { CardSetup } from '../../ports';
import { savedBeforeClose } from '../rules/card-setup';

const closesAt = '2026-11-28T20:00:00.000Z';
const saved = (over: Partial<CardSetup> = {}): CardSetup => ({
  sessionId: 'cs_1',
  status: 'complete',
  customerId: 'cus_1',
  metadata: {},
  setupIntentId: 'seti_1',
  paymentMethodId: 'pm_1',
  expiresAt: '2026-11-28T21:00:00.000Z',
  savedAt: '2026-11-28T19:59:40.000Z',
  ...over,
});

describe('a card saved before the close', () => {
  it('counts when Stripe made it before the close', () => {
    expect(savedBeforeClose(saved(), closesAt)).toBe(true);
  });

  it('does not count when Stripe made it at the close or after', () => {
    expect(savedBeforeClose(saved({ savedAt: closesAt }), closesAt)).toBe(false);
    expect(savedBeforeClose(saved({ savedAt: '2026-11-28T20:00:01.000Z' }), closesAt)).toBe(false);
  });

  it('does not count a session still open or expired, one without its card, or one Stripe has not stamped', () => {
    expect(savedBeforeClose(saved({ status: 'open' }), closesAt)).toBe(false);
    expect(savedBeforeClose(saved({ status: 'expired' }), closesAt)).toBe(false);
    const { paymentMethodId: _card, ...noCard } = saved();
    expect(savedBeforeClose(noCard, closesAt)).toBe(false);
    const { savedAt: _stamp, ...noStamp } = saved();
    expect(savedBeforeClose(noStamp, closesAt)).toBe(false);
  });
});
