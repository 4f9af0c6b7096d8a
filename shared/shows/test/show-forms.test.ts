/**
 * What hosts and builders type for shows, checked into values: every problem named with what
 * to type instead.
 */
import { parseLot, parseShowSettings, parseShowTitle } from '../rules/show-forms';
import { showButtonOf, lotButtonId, runSheetButtonId } from '../rules/show';

describe('a lot as a builder types it', () => {
  test('is an auction’s terms with a show’s clock: 10 seconds to 30 minutes', () => {
    expect(parseLot({ item: 'Tofu65', price: 25, duration: '45s' }, 'usd')).toMatchObject({ ok: true, lot: { startCents: 2_500, durationSeconds: 45 } });
    expect(parseLot({ item: 'Tofu65', price: 25, duration: '31m' }, 'usd')).toMatchObject({ ok: false, problems: [expect.stringContaining('30 minutes')] });
    expect(parseLot({ item: 'Tofu65', price: 25, duration: '5s' }, 'usd')).toMatchObject({ ok: false });
  });

  test('names every problem at once, as an auction start does', () => {
    const form = parseLot({ item: ' ', price: -1, duration: 'soon', reserve: 'x' }, 'usd');
    expect(form.ok).toBe(false);
    if (!form.ok) expect(form.problems.length).toBeGreaterThanOrEqual(3);
  });
});

describe('a show’s title', () => {
  test('must be visible and at most 80 characters', () => {
    expect(parseShowTitle({ title: '  Friday night keebs ' })).toEqual({ ok: true, title: 'Friday night keebs' });
    expect(parseShowTitle({ title: '\u200b\u200b' }).ok).toBe(false);
    expect(parseShowTitle({ title: 'x'.repeat(81) }).ok).toBe(false);
  });
});

describe('show settings', () => {
  test('take the host’s cut as a percentage to two decimals, zero included', () => {
    expect(parseShowSettings({ 'host-cut': '12.5' }, 1_000)).toEqual({ ok: true, changes: { hostCutBps: 1_250 } });
    expect(parseShowSettings({ 'host-cut': '0' }, 1_000)).toEqual({ ok: true, changes: { hostCutBps: 0 } });
  });

  test('refuse a cut that, with the platform’s fee, would leave the builder too little', () => {
    expect(parseShowSettings({ 'host-cut': '51' }, 1_000).ok).toBe(false);
    expect(parseShowSettings({ 'host-cut': '45' }, 6_000)).toMatchObject({ ok: false, problems: [expect.stringContaining('from 0 to 40%')] });
    expect(parseShowSettings({ 'host-cut': '1e1' }, 1_000).ok).toBe(false);
  });

  test('take the gap in whole seconds from 0 to 300, and a host role', () => {
    expect(parseShowSettings({ gap: 0, 'host-role': '930000000000000009' }, 1_000)).toEqual({
      ok: true,
      changes: { gapSeconds: 0, hostRoleId: '930000000000000009' },
    });
    expect(parseShowSettings({ gap: 2.5 }, 1_000).ok).toBe(false);
    expect(parseShowSettings({ gap: 301 }, 1_000).ok).toBe(false);
  });
});

describe('show buttons', () => {
  test('are read back exactly as they are made', () => {
    expect(showButtonOf(runSheetButtonId('abcd1234', 'next'))).toEqual({ showId: 'abcd1234', action: 'next' });
    expect(showButtonOf(lotButtonId('abcd1234', 'remove', 'wxyz5678'))).toEqual({ showId: 'abcd1234', action: 'remove', lotId: 'wxyz5678' });
  });

  test.each([
    'show:abcd1234:next:wxyz5678',
    'show:abcd1234:remove',
    'show:ABCD1234:next',
    'show:abcd1234:explode',
    'show:abcd12345:next',
    'show:abcd1234:next ',
    'show:../../x:next',
  ])('refuse %s, which no message of ours carries', (customId) => {
    expect(showButtonOf(customId)).toBeUndefined();
  });
});
