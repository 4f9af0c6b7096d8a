/**
 * @module stream-delay
 * How far behind the stream its viewers watch. Twitch's low-latency mode runs 2–4 s behind
 * and its normal mode 10–15 s, and Helix reports neither, so the builder says (on the
 * auction or the show, or the server's default) and 15 s stands when nobody did: Twitch's
 * normal latency, so a viewer that far behind still sees the final call begin with time to bid
 * (`final-call`: 20 s by default for it).
 */

export const streamDelayLimits = { defaultSeconds: 15, maxSeconds: 60 } as const;

export type StreamDelayForm = { ok: true; seconds: number } | { ok: false; problem: string };

/** `stream-delay:<seconds>` as typed: whole seconds from 0 (off) to 60. */
export function parseStreamDelay(raw: string | number | boolean): StreamDelayForm {
  const seconds = typeof raw === 'boolean' || String(raw).trim() === '' ? NaN : Number(raw);
  if (Number.isInteger(seconds) && seconds >= 0 && seconds <= streamDelayLimits.maxSeconds) return { ok: true, seconds };
  return {
    ok: false,
    problem: `**stream-delay**: how many whole seconds your viewers see the stream late, from 0 (off) to ${streamDelayLimits.maxSeconds}: \`stream-delay:3\` for Twitch’s low-latency mode, \`stream-delay:12\` for its normal mode.`,
  };
}

/** The delay an auction runs with: the one asked for, else the server's default, else 15 s (Twitch's normal latency). */
export function streamDelayOf(asked: number | undefined, serverDefault: number | undefined): number {
  return asked ?? serverDefault ?? streamDelayLimits.defaultSeconds;
}

/** `3 s behind`, or `no delay` when it is off. */
export function streamDelayText(seconds: number): string {
  return seconds === 0 ? 'no stream delay' : `a ${seconds}s stream delay`;
}
