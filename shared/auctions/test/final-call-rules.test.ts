/**
 * How long an auction's sealed final call lasts: what may be typed, the defaults for Twitch's
 * two modes, and never less than the stream's delay plus time to react.
 */
import { defaultFinalCall, finalCallOf, finalCallProblem, leastFinalCall, parseFinalCall } from '../rules/final-call';
import { streamDelayOf } from '../rules/stream-delay';

describe('the final call’s length', () => {
  it('takes whole seconds from 5 to 120 as typed, and names the two usual values for anything else', () => {
    expect(parseFinalCall(20)).toEqual({ ok: true, seconds: 20 });
    expect(parseFinalCall('5')).toEqual({ ok: true, seconds: 5 });
    expect(parseFinalCall(120)).toEqual({ ok: true, seconds: 120 });
    for (const bad of [4, 121, 2.5, '', ' ', 'ten', true, false, -10]) {
      const form = parseFinalCall(bad);
      expect(form.ok).toBe(false);
      if (!form.ok) expect(form.problem).toContain('`final-call:10`');
    }
  });

  it('defaults to 10 s for a low-latency stream and 20 s for a normal one, never under the delay plus 5 s', () => {
    expect(defaultFinalCall(0)).toBe(10);
    expect(defaultFinalCall(3)).toBe(10);
    expect(defaultFinalCall(5)).toBe(10);
    expect(defaultFinalCall(6)).toBe(20);
    expect(defaultFinalCall(12)).toBe(20);
    expect(defaultFinalCall(30)).toBe(35);
    expect(leastFinalCall(12)).toBe(17);
  });

  it('takes the auction’s own, else the server’s raised to what this delay needs, else the default', () => {
    expect(finalCallOf(30, 10, 3)).toBe(30);
    expect(finalCallOf(undefined, 12, 3)).toBe(12);
    expect(finalCallOf(undefined, 10, 12)).toBe(17);
    expect(finalCallOf(undefined, undefined, 12)).toBe(20);
  });

  it('refuses a final call asked for that a viewer that far behind could not answer in, saying the least it may be', () => {
    expect(finalCallProblem(undefined, 12)).toBeUndefined();
    expect(finalCallProblem(17, 12)).toBeUndefined();
    expect(finalCallProblem(16, 12)).toContain('`final-call:17`');
    expect(finalCallProblem(16, 12)).toContain('with a 12s stream delay');
    expect(finalCallProblem(4, 0)).toContain('no stream delay');
  });
});

describe('the defaults, for a viewer watching 15 s behind (Twitch’s normal latency)', () => {
  it('lets them see the final call begin and still have at least 5 s to bid, when nobody set a delay or a final call', () => {
    const delay = streamDelayOf(undefined, undefined);
    const finalCall = finalCallOf(undefined, undefined, delay);
    expect(delay).toBe(15);
    // They see the stated end `delay` seconds late; what is left of the final call is theirs.
    expect(finalCall - 15).toBeGreaterThanOrEqual(5);
  });
});
