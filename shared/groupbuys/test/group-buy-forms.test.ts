/**
 * The group buy's forms as pure rules: durations people type, the ship month against the
 * close and the two-year limit, a commission's tranches read alone, the extension's bounds.
 */
import { readTrancheTerms } from '../../queue';
import { parseDuration, readExtendForm, readShipsMonth } from '../rules/group-buy-forms';
import { consentText, progressBar } from '../rules/group-buy-messages';
import type { GroupBuy } from '../rules/group-buy';

const at = (iso: string) => Date.parse(iso);

describe('the group buy’s forms', () => {
  it('reads weeks, days, hours and minutes, alone or together', () => {
    expect(parseDuration('2w')).toEqual({ ok: true, ms: 14 * 86_400_000 });
    expect(parseDuration('1d12h')).toEqual({ ok: true, ms: 36 * 3_600_000 });
    expect(parseDuration('90m')).toEqual({ ok: true, ms: 90 * 60_000 });
    expect(parseDuration('tomorrow').ok).toBe(false);
  });

  it('takes a ship month in the close’s month, refuses one before it, and one more than 24 months from now', () => {
    const now = at('2026-12-01T12:00:00Z');
    expect(readShipsMonth('2026-12', at('2026-12-20T00:00:00Z'), now)).toEqual({ ok: true, form: '2026-12' });
    expect(readShipsMonth('2026-12', at('2027-01-02T00:00:00Z'), now).ok).toBe(false);
    expect(readShipsMonth('2028-12', at('2026-12-20T00:00:00Z'), now).ok).toBe(true);
    expect(readShipsMonth('2029-01', at('2026-12-20T00:00:00Z'), now).ok).toBe(false);
    expect(readShipsMonth('2027-13', at('2026-12-20T00:00:00Z'), now).ok).toBe(false);
  });

  it('reads tranches as a commission’s, with commas and “and” between them, the rest at done', () => {
    expect(readTrancheTerms('30% at parts-in, 20% at assembly')).toEqual({
      ok: true,
      tranches: [
        { milestone: 'parts-in', percent: 30 },
        { milestone: 'assembly', percent: 20 },
        { milestone: 'done', percent: 50 },
      ],
    });
    expect(readTrancheTerms('')).toEqual({ ok: true, tranches: [] });
    expect(readTrancheTerms('30% at parts-in and soon')).toMatchObject({ ok: false, reason: expect.stringContaining('`soon` isn’t a tranche') });
  });

  it('extends by an hour to 30 days, for a group buy named by its id', () => {
    expect(readExtendForm({ id: 'abcd1234', by: '7d' })).toEqual({ ok: true, form: { groupBuyId: 'abcd1234', byMs: 7 * 86_400_000 } });
    expect(readExtendForm({ id: 'abcd1234', by: '31d' })).toMatchObject({ ok: false, problem: 'Extend by at most 30 days.' });
    expect(readExtendForm({ id: 'abcd1234', by: '30m' }).ok).toBe(false);
    expect(readExtendForm({ id: 'nope', by: '7d' }).ok).toBe(false);
  });

  it('fills the progress bar a tenth at a time, full at the MOQ and beyond', () => {
    expect(progressBar(0, 3)).toBe('░░░░░░░░░░');
    expect(progressBar(1, 3)).toBe('███░░░░░░░');
    expect(progressBar(3, 3)).toBe('██████████');
    expect(progressBar(9, 3)).toBe('██████████');
  });

  it('words the joiner’s consent with the amount, the day of the close, the title and its minimum', () => {
    const groupBuy = { title: 'GMK Olivia', priceCents: 12_000, currency: 'usd', moq: 50, closesAt: '2026-12-15T12:00:00.000Z' } as GroupBuy;
    expect(consentText(groupBuy, 2)).toBe(
      'You will be charged $240.00 only if GMK Olivia reaches its minimum of 50 by its close on 15 December 2026 (its builder may move the close later once, by up to 30 days; you will be told). The charge is made at the close; if you are on the waitlist then, only if a place opens for you, which can be days after the close (you will be told). If your bank asks for you, you have 72 hours to pay on a link. Leave before the close and nothing is charged.',
    );
  });

  it('words the consent of a group buy already extended without the move it can no longer make, at its new close', () => {
    const groupBuy = {
      title: 'GMK Olivia',
      priceCents: 12_000,
      currency: 'usd',
      moq: 50,
      closesAt: '2026-12-29T12:00:00.000Z',
      extended: { fromClosesAt: '2026-12-15T12:00:00.000Z', at: '2026-12-10T12:00:00.000Z' },
    } as GroupBuy;
    const consent = consentText(groupBuy, 1);
    expect(consent).toContain('by its close on 29 December 2026. The charge is made at the close');
    expect(consent).not.toContain('may move the close');
    expect(consent).toContain('if you are on the waitlist then, only if a place opens for you, which can be days after the close');
  });
});
