/**
 * The Cloud Logging filter subset scripts/slo/logging-filter.ts evaluates, on lines shaped as
 * shared/log/index.ts writes them.
 */
import { compileExtractor, compileFilter, fieldsOf, FilterError, logEntryOf, readLogLines } from '../../../scripts/slo/logging-filter';

const bid = logEntryOf({
  severity: 'INFO',
  message: 'bid decided',
  time: '2026-11-26T06:00:00.000Z',
  event: 'bid.decided',
  outcome: 'refused',
  reason: 'too-low',
  repeat: false,
});
const answered = logEntryOf({ severity: 'INFO', message: 'answered', event: 'http.answered', function: 'stripeWebhook', status: 401, ms: 3 });
const failed = logEntryOf({
  severity: 'ERROR',
  message: 'subscriber failed; Pub/Sub will redeliver',
  event: 'delivery.failed',
  function: 'auctionBids',
  attempt: 2,
});
const warned = logEntryOf({ severity: 'WARNING', message: 'webhook refused', event: 'webhook.refused', source: 'twitch', reason: 'stale' });

const matches = (filter: string, entry = bid) => compileFilter(filter)(entry);

describe('a structured line as Cloud Logging stores it', () => {
  it('GIVEN a line THEN severity and time are lifted out and the rest, message among it, is jsonPayload', () => {
    expect(bid).toEqual({
      severity: 'INFO',
      timestamp: '2026-11-26T06:00:00.000Z',
      jsonPayload: { message: 'bid decided', event: 'bid.decided', outcome: 'refused', reason: 'too-low', repeat: false },
    });
  });

  it('GIVEN a log with plain lines and a cut line THEN only the JSON entries are read', () => {
    const text = ['outbox: a message', JSON.stringify({ severity: 'INFO', message: 'x' }), '{"severity":"INFO","mess', '{"no":"severity"}', ''].join('\n');
    expect(readLogLines(text).map((e) => e.jsonPayload.message)).toEqual(['x']);
  });
});

describe('comparisons', () => {
  it('= is the whole value, case and all; != its negation', () => {
    expect(matches('jsonPayload.event="bid.decided"')).toBe(true);
    expect(matches('jsonPayload.event="bid.Decided"')).toBe(false);
    expect(matches('jsonPayload.event="bid"')).toBe(false);
    expect(matches('jsonPayload.event!="bid.decided"')).toBe(false);
    expect(matches('jsonPayload.outcome=refused')).toBe(true);
  });

  it('= on a boolean or a number compares its JSON text', () => {
    expect(matches('jsonPayload.repeat=false')).toBe(true);
    expect(matches('jsonPayload.repeat=true')).toBe(false);
    expect(matches('jsonPayload.status=401', answered)).toBe(true);
  });

  it(': has a substring, whatever the case; field:* is presence', () => {
    expect(matches('jsonPayload.message:"Subscriber FAILED"', failed)).toBe(true);
    expect(matches('jsonPayload.message:"publisher"', failed)).toBe(false);
    expect(matches('jsonPayload.reason:*')).toBe(true);
    expect(matches('jsonPayload.ms:*')).toBe(false);
  });

  it('=~ searches a regex anywhere unless anchored; !~ is its negation', () => {
    expect(matches('jsonPayload.function=~"^(stripeWebhook|twitchWebhook)$"', answered)).toBe(true);
    expect(matches('jsonPayload.function=~"^(stripe|twitch)$"', answered)).toBe(false);
    expect(matches('jsonPayload.function=~"Webhook"', answered)).toBe(true);
    expect(matches('jsonPayload.function!~"Webhook"', answered)).toBe(false);
    expect(matches('jsonPayload.event=~"^bid\\\\.decided$"')).toBe(true);
    expect(matches('jsonPayload.event=~"^bid\\\\.decided$"', logEntryOf({ severity: 'INFO', event: 'bidXdecided' }))).toBe(false);
  });

  it('<, <=, >, >= compare numbers; a text or a missing field is never in range', () => {
    expect(matches('jsonPayload.status>=200 AND jsonPayload.status<300', answered)).toBe(false);
    expect(matches('jsonPayload.status>=400 AND jsonPayload.status<=401', answered)).toBe(true);
    expect(matches('jsonPayload.reason>1')).toBe(false);
    expect(matches('jsonPayload.ms<5')).toBe(false);
  });

  it('severity compares by rank, and a name that is no LogSeverity ranks as DEFAULT', () => {
    expect(matches('severity>=ERROR', failed)).toBe(true);
    expect(matches('severity>=ERROR', bid)).toBe(false);
    expect(matches('severity>=INFO', bid)).toBe(true);
    expect(matches('severity>=WARNING', warned)).toBe(true);
    expect(matches('severity>=INFO', logEntryOf({ severity: 'WARN', message: 'not a LogSeverity' }))).toBe(false);
  });

  it('a missing field matches only a negated comparison', () => {
    expect(matches('jsonPayload.nothing="x"')).toBe(false);
    expect(matches('jsonPayload.nothing!="x"')).toBe(true);
  });
});

describe('AND, OR, NOT and parentheses', () => {
  it('AND, and juxtaposition, need both; OR either; NOT and - negate', () => {
    expect(matches('jsonPayload.event="bid.decided" AND jsonPayload.outcome="refused"')).toBe(true);
    expect(matches('jsonPayload.event="bid.decided" jsonPayload.outcome="accepted"')).toBe(false);
    expect(matches('jsonPayload.outcome="accepted" OR jsonPayload.reason="too-low"')).toBe(true);
    expect(matches('NOT jsonPayload.outcome="accepted"')).toBe(true);
    expect(matches('-jsonPayload.outcome="refused"')).toBe(false);
    expect(matches('jsonPayload.event="bid.decided" AND (jsonPayload.reason="closed" OR jsonPayload.reason="too-low")')).toBe(true);
  });

  it('GIVEN AND and OR at one level without parentheses THEN the filter is refused: Cloud Logging binds OR first, which misleads', () => {
    expect(() => compileFilter('jsonPayload.a="1" AND jsonPayload.b="2" OR jsonPayload.c="3"')).toThrow(FilterError);
  });

  it('GIVEN what the subset does not read (bare words, functions, an unterminated string) THEN it is refused, not guessed', () => {
    for (const filter of ['bid', 'timestamp>="2026-01-01" AND sample(insertId, 0.1)', 'jsonPayload.event="bid', 'jsonPayload.event=', '(jsonPayload.a="1"'])
      expect(() => compileFilter(filter)).toThrow(FilterError);
  });

  it('names the fields a filter reads', () => {
    expect(fieldsOf('jsonPayload.event="x" AND (severity>=ERROR OR NOT jsonPayload.function:"a")').sort()).toEqual([
      'jsonPayload.event',
      'jsonPayload.function',
      'severity',
    ]);
  });
});

describe('extractors', () => {
  it('EXTRACT gives a field as text; absent, nothing', () => {
    expect(compileExtractor('EXTRACT(jsonPayload.ms)')(answered)).toBe('3');
    expect(compileExtractor('EXTRACT(jsonPayload.reason)')(bid)).toBe('too-low');
    expect(compileExtractor('EXTRACT(jsonPayload.ms)')(bid)).toBeUndefined();
  });

  it('REGEXP_EXTRACT gives the one group; no match, nothing', () => {
    const release = logEntryOf({ severity: 'INFO', event: 'release.sent' });
    expect(compileExtractor('REGEXP_EXTRACT(jsonPayload.event, "^release\\\\.(sent|refused)$")')(release)).toBe('sent');
    expect(compileExtractor('REGEXP_EXTRACT(jsonPayload.event, "^release\\\\.(sent|refused)$")')(bid)).toBeUndefined();
  });

  it('GIVEN another function THEN the extractor is refused', () => {
    expect(() => compileExtractor('jsonPayload.ms')).toThrow(FilterError);
    expect(() => compileExtractor('EXTRACT(jsonPayload.ms, 2)')).toThrow(FilterError);
  });
});
