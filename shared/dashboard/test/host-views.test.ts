import { cutStatusOf, payoutStandingOf } from '../rules/host-views';

describe('where a cut owed by hand stands', () => {
  it('is paid by hand once marked so, even when refunds since brought it to nothing', () => {
    expect(payoutStandingOf({ status: 'paid-by-hand', amountCents: 1_200 })).toBe('paid-by-hand');
    expect(payoutStandingOf({ status: 'paid-by-hand', amountCents: 0 })).toBe('paid-by-hand');
  });

  it('is owed while a cent of it is still owed', () => {
    expect(payoutStandingOf({ status: 'owed', amountCents: 1 })).toBe('owed');
    expect(payoutStandingOf({ status: 'owed', amountCents: 1_200 })).toBe('owed');
  });

  it('is owed no more once refunds brought it to nothing', () => {
    expect(payoutStandingOf({ status: 'owed', amountCents: 0 })).toBe('nothing-owed');
    expect(payoutStandingOf({ status: 'owed', amountCents: -5 })).toBe('nothing-owed');
  });
});

describe('how a lot’s cut stands', () => {
  it('is transferred when it went out by transfer, whatever a payout record says', () => {
    expect(cutStatusOf({ status: 'building', payouts: { builder: {}, host: { via: 'transfer' } } }, { status: 'owed', amountCents: 100 })).toBe('transferred');
  });

  it('is owed by hand when it is manual and the record is missing or still owes', () => {
    expect(cutStatusOf({ status: 'building', payouts: { builder: {}, host: { via: 'manual' } } }, undefined)).toBe('owed by hand');
    expect(cutStatusOf({ status: 'building', payouts: { builder: {}, host: { via: 'manual' } } }, { status: 'owed', amountCents: 100 })).toBe('owed by hand');
  });

  it('is paid by hand once the record says so', () => {
    expect(cutStatusOf({ status: 'building', payouts: { builder: {}, host: { via: 'manual' } } }, { status: 'paid-by-hand', amountCents: 100 })).toBe(
      'paid by hand',
    );
  });

  it('is none when refunds brought the manual cut to nothing, or the order said none', () => {
    expect(cutStatusOf({ status: 'refunded', payouts: { builder: {}, host: { via: 'manual' } } }, { status: 'owed', amountCents: 0 })).toBe('none (refunded)');
    expect(cutStatusOf({ status: 'refunded', payouts: { builder: {}, host: { via: 'none' } } }, undefined)).toBe('none (refunded)');
  });

  it('is none, not held until proof, when the lot was refunded before any cut was set (a fraud warning’s refund)', () => {
    expect(cutStatusOf({ status: 'refunded', payouts: { builder: {} } }, undefined)).toBe('none (refunded)');
  });

  it('is not sold while the lot’s order is unpaid or lapsed', () => {
    expect(cutStatusOf({ status: 'awaiting-payment', payouts: { builder: {} } }, undefined)).toBe('not sold');
    expect(cutStatusOf({ status: 'expired', payouts: { builder: {} } }, undefined)).toBe('not sold');
  });

  it('is held until proof once paid and not yet released', () => {
    expect(cutStatusOf({ status: 'paid', payouts: { builder: {} } }, undefined)).toBe('held until proof');
    expect(cutStatusOf({ status: 'building', payouts: { builder: {} } }, undefined)).toBe('held until proof');
  });
});
