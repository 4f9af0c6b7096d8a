/**
 * @module final-call
 * The sealed final call (issue 61): after the stated end a lot takes bids for F more seconds,
 * answered privately, while nothing public moves; then the result, everywhere at once. Because
 * nothing is revealed once it begins, how far behind a viewer watches gives no edge, and no
 * delay needs measuring or trusting. F covers the stream's delay plus time to react: a viewer
 * `stream-delay` seconds behind sees the final call begin that late and still has at least 5 s.
 */

export const finalCallLimits = {
  /** What a viewer needs after seeing the final call begin: time to react and bid. */
  reactSeconds: 5,
  /** Twitch's low-latency mode (2–4 s behind). */
  lowLatencySeconds: 10,
  /** Twitch's normal mode (10–15 s behind). */
  normalSeconds: 20,
  maxSeconds: 120,
} as const;

/** The least final call a stream this far behind may have: its delay plus time to react. */
export function leastFinalCall(streamDelaySeconds: number): number {
  return streamDelaySeconds + finalCallLimits.reactSeconds;
}

/** The default for a delay: 10 s for a low-latency stream (up to 5 s behind), else 20 s, and never under the least. */
export function defaultFinalCall(streamDelaySeconds: number): number {
  const usual = streamDelaySeconds <= 5 ? finalCallLimits.lowLatencySeconds : finalCallLimits.normalSeconds;
  return Math.max(usual, leastFinalCall(streamDelaySeconds));
}

export type FinalCallForm = { ok: true; seconds: number } | { ok: false; problem: string };

const example = '`final-call:10` for Twitch’s low-latency mode, `final-call:20` for its normal mode';

/** `final-call:<seconds>` as typed: whole seconds from 5 to 120. */
export function parseFinalCall(raw: string | number | boolean): FinalCallForm {
  // `true` reads as 1 and a blank as 0: both under the least, refused as any other.
  const seconds = Number(raw);
  if (Number.isInteger(seconds) && seconds >= finalCallLimits.reactSeconds && seconds <= finalCallLimits.maxSeconds) return { ok: true, seconds };
  return {
    ok: false,
    problem: `**final-call**: how many whole seconds the sealed final call after the end lasts, from ${finalCallLimits.reactSeconds} to ${finalCallLimits.maxSeconds}: ${example}.`,
  };
}

/**
 * The final call an auction runs with: the one asked for, else the server's default, else the
 * default for its delay; a server default under the least for this delay is raised to it (the
 * delay may be the auction's own, longer than the server's).
 */
export function finalCallOf(asked: number | undefined, serverDefault: number | undefined, streamDelaySeconds: number): number {
  if (asked !== undefined) return asked;
  return Math.max(serverDefault ?? defaultFinalCall(streamDelaySeconds), leastFinalCall(streamDelaySeconds));
}

/** Why a final call asked for is too short for the stream's delay, if it is. */
export function finalCallProblem(asked: number | undefined, streamDelaySeconds: number): string | undefined {
  if (asked === undefined || asked >= leastFinalCall(streamDelaySeconds)) return undefined;
  return `**final-call**: with ${streamDelaySeconds ? `a ${streamDelaySeconds}s stream delay` : 'no stream delay'} it needs at least \`final-call:${leastFinalCall(streamDelaySeconds)}\`, so viewers watching that far behind still see it begin and have ${finalCallLimits.reactSeconds} s to bid.`;
}

/** `a sealed final call of 20 s` */
export function finalCallText(seconds: number): string {
  return `a sealed final call of ${seconds} s`;
}
