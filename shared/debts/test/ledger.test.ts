/**
 * The ledger's arithmetic: entries raise or lower what is owed, never below zero; a release
 * nets as much as it holds (one cent always goes out) in the account's currency only; a
 * payment recorded outside C500 is more than nothing and no more than the debt.
 */
import fc from 'fast-check';
import { checkPaidOutside, netRelease, owedAfter, owedFrom } from '../rules/ledger';
import { debtEntryKinds } from '../rules/debt';
import { debtCsvRows, debtProfileLines, entryLine } from '../rules/debt-views';

describe('a debt account’s arithmetic', () => {
  it('raises what is owed by a refused reversal, a loss after a payout and an undone netting', () => {
    expect(owedAfter(100, 'refused-reversal', 50)).toBe(150);
    expect(owedAfter(100, 'loss-after-payout', 50)).toBe(150);
    expect(owedAfter(100, 'netting-undone', 50)).toBe(150);
  });

  it('lowers it by a netting, a payment outside C500 and a forgiveness, never below zero', () => {
    expect(owedAfter(100, 'netted', 30)).toBe(70);
    expect(owedAfter(100, 'paid-outside', 100)).toBe(0);
    expect(owedAfter(100, 'forgiven', 130)).toBe(0);
  });

  it('is never below zero whatever the entries', () => {
    const entry = fc.record({ kind: fc.constantFrom(...debtEntryKinds), amountCents: fc.integer({ min: 1, max: 1_000_000 }) });
    fc.assert(fc.property(fc.array(entry), (entries) => owedFrom(entries) >= 0));
  });
});

describe('netting a release', () => {
  it('keeps the whole debt from a release larger than it', () => {
    expect(netRelease({ owedCents: 6_000, currency: 'usd' }, 30_000, 'USD')).toEqual({ sendCents: 24_000, nettedCents: 6_000 });
  });

  it('keeps all but one cent of a release smaller than the debt', () => {
    expect(netRelease({ owedCents: 6_000, currency: 'usd' }, 4_000, 'usd')).toEqual({ sendCents: 1, nettedCents: 3_999 });
  });

  it('keeps nothing without a debt, of a release of nothing, or in another currency', () => {
    expect(netRelease(undefined, 4_000, 'usd')).toEqual({ sendCents: 4_000, nettedCents: 0 });
    expect(netRelease({ owedCents: 0, currency: 'usd' }, 4_000, 'usd')).toEqual({ sendCents: 4_000, nettedCents: 0 });
    expect(netRelease({ owedCents: 500, currency: 'usd' }, 0, 'usd')).toEqual({ sendCents: 0, nettedCents: 0 });
    expect(netRelease({ owedCents: 500, currency: 'eur' }, 4_000, 'usd')).toEqual({ sendCents: 4_000, nettedCents: 0 });
  });

  it('nets a three-decimal currency in its step of 10 and sends at least one step', () => {
    expect(netRelease({ owedCents: 30_000, currency: 'kwd' }, 30_000, 'KWD')).toEqual({ sendCents: 10, nettedCents: 29_990 });
    expect(netRelease({ owedCents: 25, currency: 'kwd' }, 30_000, 'kwd')).toEqual({ sendCents: 29_980, nettedCents: 20 });
  });

  it('in any currency, nets only whole steps and never leaves less than a step to send', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.constantFrom('usd', 'kwd', 'jpy', 'bhd'),
        (owed, steps, currency) => {
          const step = ['kwd', 'bhd'].includes(currency) ? 10 : 1;
          const due = steps * step;
          const { sendCents, nettedCents } = netRelease({ owedCents: owed, currency }, due, currency);
          return sendCents + nettedCents === due && nettedCents % step === 0 && sendCents >= step && nettedCents <= owed;
        },
      ),
    );
  });

  it('always sends and nets exactly the release between them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }), (owed, due) => {
        const { sendCents, nettedCents } = netRelease({ owedCents: owed, currency: 'usd' }, due, 'usd');
        return sendCents + nettedCents === due && nettedCents <= owed && nettedCents >= 0 && (due === 0 || sendCents >= 1);
      }),
    );
  });
});

describe('a payment recorded outside C500', () => {
  it('is refused at zero, below zero or in fractions of a cent', () => {
    expect(checkPaidOutside(1_000, 0)).toBe('not-positive');
    expect(checkPaidOutside(1_000, -5)).toBe('not-positive');
    expect(checkPaidOutside(1_000, 1.5)).toBe('not-positive');
  });

  it('is refused above the debt, or when nothing is owed', () => {
    expect(checkPaidOutside(1_000, 1_001)).toBe('above-debt');
    expect(checkPaidOutside(0, 1)).toBe('no-debt');
    expect(checkPaidOutside(undefined, 1)).toBe('no-debt');
  });

  it('is taken up to the whole debt', () => {
    expect(checkPaidOutside(1_000, 1_000)).toBeUndefined();
    expect(checkPaidOutside(1_000, 1)).toBeUndefined();
  });
});

describe('how an account reads', () => {
  const debt = { guildId: 'g', userId: 'u', owedCents: 6_000, currency: 'usd', updatedAt: '2026-11-22T12:00:00Z' };
  const loss = {
    entryId: 'loss:x',
    kind: 'loss-after-payout' as const,
    orderId: 'lot-0001',
    amountCents: 6_000,
    currency: 'usd',
    reason: 'r, with a comma',
    at: '2026-11-22T12:00:00Z',
  };

  it('says what is owed, then each entry with its sign and order', () => {
    expect(debtProfileLines({ debt, entries: [loss] })).toEqual([
      expect.stringContaining('$60.00'),
      '2026-11-22 +$60.00 refunded after it was paid out (order `lot-0001`)',
    ]);
    expect(entryLine({ ...loss, kind: 'netted', amountCents: 100 })).toContain('−$1.00 taken from a release');
    expect(debtProfileLines({ debt: { ...debt, owedCents: 0 }, entries: [] })).toEqual(['You owe C500 nothing on this server.']);
    expect(debtProfileLines(undefined)).toEqual([]);
  });

  it('gives a CSV row per entry, lowering entries negative, and a row for an account without entries', () => {
    expect(debtCsvRows([{ debt, entries: [loss, { ...loss, kind: 'netted', amountCents: 100 }] }])).toEqual([
      ['u', 6_000, 'usd', '2026-11-22T12:00:00Z', 'loss-after-payout', 'lot-0001', 6_000, 'r, with a comma'],
      ['u', 6_000, 'usd', '2026-11-22T12:00:00Z', 'netted', 'lot-0001', -100, 'r, with a comma'],
    ]);
    expect(debtCsvRows([{ debt, entries: [] }])).toEqual([['u', 6_000, 'usd', '', '', '', '', '']]);
  });
});
