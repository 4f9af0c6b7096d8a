/**
 * `stream-delay` as builders and admins type it, and which delay an auction runs with.
 */
import fc from 'fast-check';
import { parseStreamDelay, streamDelayOf, streamDelayText } from '../rules/stream-delay';
import { parseAuctionStart } from '../rules/auction';
import { parseTrustSettings } from '../rules/bidder-trust';

const start = { item: 'Tofu65', price: 25, duration: '90s' };

describe('a stream delay as typed', () => {
  it('takes whole seconds from 0 to 60, and refuses anything else saying what Twitch’s modes need', async () => {
    await fc.assert(fc.property(fc.integer({ min: 0, max: 60 }), (s) => expect(parseStreamDelay(s)).toEqual({ ok: true, seconds: s })));
    expect(parseStreamDelay(0)).toEqual({ ok: true, seconds: 0 });
    expect(parseStreamDelay(60)).toEqual({ ok: true, seconds: 60 });
    expect(parseStreamDelay('12')).toEqual({ ok: true, seconds: 12 });
    for (const bad of [61, 600, -1, 2.5, '', 'soon', true]) {
      const parsed = parseStreamDelay(bad);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.problem).toContain('from 0 (off) to 60');
    }
  });

  it('is the one asked for, else the server’s default, else 15 seconds (Twitch’s normal latency); 0 stays off', () => {
    expect(streamDelayOf(12, 5)).toBe(12);
    expect(streamDelayOf(0, 5)).toBe(0);
    expect(streamDelayOf(undefined, 5)).toBe(5);
    expect(streamDelayOf(undefined, 0)).toBe(0);
    expect(streamDelayOf(undefined, undefined)).toBe(15);
    expect(streamDelayText(0)).toBe('no stream delay');
    expect(streamDelayText(3)).toBe('a 3s stream delay');
  });
});

describe('`stream-delay` on `/c500 auction start` and `/c500 auction settings`', () => {
  it('starts with the delay asked for, none said leaving it to the server', () => {
    expect(parseAuctionStart({ ...start, 'stream-delay': 12 }, 'usd')).toMatchObject({ ok: true, form: { streamDelaySeconds: 12 } });
    expect(parseAuctionStart({ ...start, 'stream-delay': 0 }, 'usd')).toMatchObject({ ok: true, form: { streamDelaySeconds: 0 } });
    expect(parseAuctionStart(start, 'usd')).toMatchObject({ ok: true, form: { streamDelaySeconds: undefined } });
  });

  it('refuses a delay over 60 seconds, naming the option', () => {
    const refused = parseAuctionStart({ ...start, 'stream-delay': 61 }, 'usd');
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems).toEqual([expect.stringMatching(/^\*\*stream-delay\*\*: .*from 0 \(off\) to 60/)]);
  });

  it('changes the server’s default, and refuses one over 60 seconds', () => {
    expect(parseTrustSettings({ 'stream-delay': 12 }, 'usd')).toEqual({ ok: true, changes: { streamDelaySeconds: 12 } });
    expect(parseTrustSettings({ 'stream-delay': 0 }, 'usd')).toEqual({ ok: true, changes: { streamDelaySeconds: 0 } });
    expect(parseTrustSettings({ 'stream-delay': 90 }, 'usd')).toEqual({ ok: false, problems: [expect.stringContaining('**stream-delay**')] });
  });
});
