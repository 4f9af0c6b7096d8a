/**
 * The two clocks an interaction's answer is read on. The ingress's own `http.answered` line
 * says how long the product took; the soak's clock adds how long this machine kept the
 * request waiting before the ingress ran it (two cores shared with the emulators, the
 * stand-ins and the soak itself). Verdicts rest on the first; the second is printed.
 */
import type { LogEntry } from '../slo/logging-filter';
import { unanswered, type RunRequest } from '../slo/run-requests';
import type { SentInteraction } from './world';

/** Each interaction's time inside the ingress, by its id (the longest, when Discord's request came twice). */
export function ingressTimesOf(entries: readonly LogEntry[]): Map<string, number> {
  const times = new Map<string, number>();
  for (const { jsonPayload: line } of entries) {
    if (line.event !== 'http.answered' || typeof line.interactionId !== 'string' || typeof line.ms !== 'number') continue;
    times.set(line.interactionId, Math.max(line.ms, times.get(line.interactionId) ?? 0));
  }
  return times;
}

/** Gives every interaction the soak sent the ingress's own time for it, where the ingress lived to write it. */
export function withIngressTimes(sent: readonly SentInteraction[], times: ReadonlyMap<string, number>): void {
  for (const s of sent) {
    const ms = times.get(s.id);
    if (ms !== undefined) s.ingressMs = ms;
  }
}

/**
 * The interactions the soak sent that the ingress wrote no answer line for (a killed process, a
 * request cut off): Cloud Run would still have counted each, so the SLOs count them too, with the
 * status the soak saw, or as Cloud Run's 504 when no answer came at all.
 */
export function requestsWithoutLine(sent: readonly SentInteraction[]): RunRequest[] {
  return sent
    .filter((s) => s.ingressMs === undefined)
    .map((s) => {
      const waited = s.sentAtMs !== undefined && s.answeredAtMs !== undefined ? s.answeredAtMs - s.sentAtMs : Number.POSITIVE_INFINITY;
      return s.status > 0 ? { function: 'discordInteractions', status: s.status, ms: waited } : unanswered('discordInteractions', waited);
    });
}

/** `751 of 758 inside 3 s, p50 40 ms, p99 3,008 ms` on the soak's clock. */
export function answerTimesSeen(sent: readonly SentInteraction[], windowMs: number): string {
  const took = sent
    .filter((s) => s.sentAtMs !== undefined && s.answeredAtMs !== undefined)
    .map((s) => (s.answeredAtMs as number) - (s.sentAtMs as number))
    .sort((a, b) => a - b);
  if (took.length === 0) return 'none timed';
  const at = (q: number) => (took[Math.min(took.length - 1, Math.floor(q * took.length))] as number).toLocaleString('en-US');
  return `${took.filter((ms) => ms <= windowMs).length} of ${took.length} inside ${windowMs / 1000} s, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms`;
}
