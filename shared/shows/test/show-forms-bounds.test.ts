/**
 * The edges of what hosts and builders may type for a show: each limit itself is allowed,
 * one past it is refused with its problem named.
 */
import { parseLot, parseShowSettings, parseShowTitle } from '../rules/show-forms';

describe('a show’s title at its edges', () => {
  test('is asked for when none was typed', () => {
    expect(parseShowTitle({})).toEqual({ ok: false, problem: expect.stringContaining('**title**: name the show') });
  });

  test('may be exactly 80 characters, and not 81', () => {
    expect(parseShowTitle({ title: 'x'.repeat(80) })).toEqual({ ok: true, title: 'x'.repeat(80) });
    expect(parseShowTitle({ title: 'x'.repeat(81) })).toEqual({ ok: false, problem: expect.stringContaining('keep it to 80 characters') });
  });
});

describe('a lot’s clock at its edges', () => {
  test('may run exactly 10 seconds or exactly 30 minutes', () => {
    expect(parseLot({ item: 'Tofu65', price: 25, duration: '10s' }, 'usd')).toMatchObject({ ok: true, lot: { durationSeconds: 10 } });
    expect(parseLot({ item: 'Tofu65', price: 25, duration: '30m' }, 'usd')).toMatchObject({ ok: true, lot: { durationSeconds: 1_800 } });
    expect(parseLot({ item: 'Tofu65', price: 25, duration: '30m1s' }, 'usd')).toMatchObject({ ok: false, problems: [expect.stringContaining('**duration**')] });
  });
});

describe('show settings at their edges', () => {
  test('take a zero cut however it is typed', () => {
    expect(parseShowSettings({ 'host-cut': '0%' }, 1_000)).toStrictEqual({ ok: true, changes: { hostCutBps: 0 } });
    expect(parseShowSettings({ 'host-cut': ' 0 ' }, 1_000)).toStrictEqual({ ok: true, changes: { hostCutBps: 0 } });
  });

  test('take a cut of exactly the most the platform’s fee leaves', () => {
    expect(parseShowSettings({ 'host-cut': '50' }, 1_000)).toStrictEqual({ ok: true, changes: { hostCutBps: 5_000 } });
    expect(parseShowSettings({ 'host-cut': '40' }, 6_000)).toStrictEqual({ ok: true, changes: { hostCutBps: 4_000 } });
  });

  test('take a gap of 300 seconds, and refuse a negative one with what to type', () => {
    expect(parseShowSettings({ gap: 300 }, 1_000)).toStrictEqual({ ok: true, changes: { gapSeconds: 300 } });
    expect(parseShowSettings({ gap: -1 }, 1_000)).toStrictEqual({ ok: false, problems: [expect.stringContaining('**gap** is the whole seconds')] });
  });

  test('leave the host role alone unless one was picked', () => {
    expect(parseShowSettings({ gap: 5 }, 1_000)).toStrictEqual({ ok: true, changes: { gapSeconds: 5 } });
  });
});

describe('`stream-delay` on `/c500 show settings`', () => {
  it('sets the delay the show’s lots run with, 0 turning it off, and refuses one over 60 seconds', () => {
    expect(parseShowSettings({ 'stream-delay': 12 }, 500)).toEqual({ ok: true, changes: { streamDelaySeconds: 12 } });
    expect(parseShowSettings({ 'stream-delay': 0 }, 500)).toEqual({ ok: true, changes: { streamDelaySeconds: 0 } });
    expect(parseShowSettings({ 'stream-delay': 61 }, 500)).toEqual({ ok: false, problems: [expect.stringContaining('**stream-delay**')] });
  });
});
