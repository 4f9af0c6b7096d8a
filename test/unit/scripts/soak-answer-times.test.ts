import { answerTimesSeen, ingressTimesOf, requestsWithoutLine, withIngressTimes } from '../../../scripts/soak/answer-times';
import { logEntryOf } from '../../../scripts/slo/logging-filter';
import type { SentInteraction } from '../../../scripts/soak/world';

const answered = (interactionId: string | undefined, ms: number) =>
  logEntryOf({
    severity: 'INFO',
    message: 'answered',
    event: 'http.answered',
    function: 'discord-interactions',
    status: 200,
    ms,
    ...(interactionId ? { interactionId } : {}),
  });

const sent = (id: string, seenMs: number): SentInteraction => ({ id, token: 't', what: 'bid', userId: 'u', status: 200, sentAtMs: 0, answeredAtMs: seenMs });

describe('the soak’s two clocks for an answer', () => {
  it('reads the ingress’s own time by interaction id, the longer when Discord’s request came twice, and skips other lines', () => {
    const times = ingressTimesOf([
      answered('i1', 12),
      answered('i1', 30),
      answered(undefined, 900),
      answered('i2', 7),
      logEntryOf({ severity: 'INFO', event: 'bid.decided', interactionId: 'i3', ms: 5 }),
    ]);
    expect([...times]).toEqual([
      ['i1', 30],
      ['i2', 7],
    ]);
  });

  it('gives each sent interaction its ingress time, and none to one the ingress never logged', () => {
    const all = [sent('i1', 50), sent('i9', 50)];
    withIngressTimes(all, new Map([['i1', 30]]));
    expect(all.map((s) => s.ingressMs)).toEqual([30, undefined]);
  });

  it('prints what the soak’s clock saw: how many inside the window and its percentiles', () => {
    const all = [10, 20, 30, 40, 3_008].map((ms, i) => sent(`i${i}`, ms));
    expect(answerTimesSeen(all, 3_000)).toBe('4 of 5 inside 3 s, p50 30 ms, p99 3,008 ms');
    expect(answerTimesSeen([], 3_000)).toBe('none timed');
  });

  it('hands the SLOs each interaction the ingress wrote no line for, as Cloud Run would have counted it: the status the soak saw, or a 504 when none came', () => {
    const all = [sent('i1', 50), sent('i2', 80), { ...sent('i3', 0), status: 0, answeredAtMs: undefined }];
    withIngressTimes(all, new Map([['i1', 30]]));
    expect(requestsWithoutLine(all)).toEqual([
      { function: 'discordInteractions', status: 200, ms: 80 },
      { function: 'discordInteractions', status: 504, ms: Number.POSITIVE_INFINITY },
    ]);
  });
});
