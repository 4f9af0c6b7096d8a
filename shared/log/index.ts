/**
 * @module log
 * Structured JSON logs, one line each, in the shape Cloud Logging reads (`severity`,
 * `message`). Every line passes one redaction step first: outside clients put secrets in
 * what they throw (twurple's errors carry the whole token URL with `client_secret` in its
 * query; `@upstash/redis` quotes the whole pipeline, interaction tokens and all), and a log
 * is read by more people than a secret should be. A buyer's shipping address is redacted
 * the same way: only the order's builder may read it. A person's id, login or name is written
 * as a keyed hash (see log-people): a line can be followed to the same person within the
 * logs' retention, and shows nobody's id.
 *
 * A line written inside a trace (see trace-context) carries Cloud Logging's trace fields,
 * so Logs Explorer groups every line of one outside event, across functions, by its trace,
 * and its span's parent (`parentSpanId`), so the lines show the tree Cloud Trace's spans draw.
 */
import { currentSpan, type CurrentSpan } from '../trace-context';
import { enterLogPeriodAt, hashPerson, hashPeopleInText, personFieldKeys, setLogIdKey as setPeopleKey } from './people';
import { setPseudonymKey } from './pseudonyms';

export { logRetentionDays, personFieldsInLogs, personHashInLogs, personPathCollections } from './people';
export { isPersonPseudonym, personPseudonym } from './pseudonyms';

/** Cloud Logging's special fields (https://cloud.google.com/logging/docs/structured-logging). */
export const traceField = 'logging.googleapis.com/trace';
export const spanIdField = 'logging.googleapis.com/spanId';
export const traceSampledField = 'logging.googleapis.com/trace_sampled';
/** Not one of Cloud Logging's own: the span that caused the line's span, so Logs Explorer's lines show the tree Cloud Trace draws. */
export const parentSpanIdField = 'parentSpanId';

const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = Exclude<keyof typeof levels, 'silent'>;

/** Values no log line may show: the deployment's secrets, registered at start. */
const secrets = new Set<string>();

/** What is written in place of anything redacted. */
export const redactedMark = '[redacted]';

/** Patterns that carry credentials whoever's they are, whatever the deployment's secrets. */
const credentialPatterns: ReadonlyArray<[RegExp, string]> = [
  // A URL's query: OAuth codes and client secrets travel there (twurple's token requests).
  [/(https?:\/\/[^\s?#"'<>]+)\?[^\s#"'<>]*/gi, `$1?${redactedMark}`],
  // Form and query fields that are credentials, written anywhere.
  [/\b(client_secret|access_token|refresh_token|id_token|code|token|secret|password)=[^&\s"'<>]+/gi, `$1=${redactedMark}`],
  // Discord interaction webhooks carry the token in the path.
  [/(\/webhooks\/\d+\/)[A-Za-z0-9._-]{20,}/g, `$1${redactedMark}`],
  [/\b(Bearer|Bot)\s+[A-Za-z0-9._~+/=-]{8,}/g, `$1 ${redactedMark}`],
  // @upstash/redis quotes the request it sent: bids, names and interaction tokens.
  [/(command was:)[\s\S]*/g, `$1 ${redactedMark}`],
];

/**
 * Fields that hold a postal address, ours (`shippingAddress`) or as Stripe sends it
 * (`shipping`, `shipping_details`, `customer_details`, `address`): personal data, only ever
 * for the order's builder, so a log line shows none of it, whatever object carries it.
 */
const addressKeys = new Set([
  'shippingaddress',
  'shipping_address',
  'shipping',
  'shippingdetails',
  'shipping_details',
  'customer_details',
  'customerdetails',
  'address',
  'line1',
  'line2',
  'postalcode',
  'postal_code',
]);

/** An address however it is keyed: an object with a street line and a postal code. */
const looksLikeAddress = (value: object): boolean => 'line1' in value && ('postalCode' in value || 'postal_code' in value);

/** The same fields written as JSON or as a form inside a text (an outside client quoting its request). */
const addressPatterns: ReadonlyArray<[RegExp, string]> = [
  [/"(shippingAddress|shipping_address|shipping_details|customer_details|shipping|address)"\s*:\s*\{[^{}]*(\{[^{}]*\}[^{}]*)*\}/gi, `"$1":"${redactedMark}"`],
  [/"(line1|line2|postalCode|postal_code)"\s*:\s*"(?:[^"\\]|\\.)*"/gi, `"$1":"${redactedMark}"`],
  [/\b((?:shipping|address|shipping_details|customer_details)(?:\[[a-z_0-9]+\])+)=[^&\s"'<>]+/gi, `$1=${redactedMark}`],
];

/** Adds values no log line may show (each at least 8 characters: shorter ones would blank out words). */
export function redactSecrets(values: Iterable<string | undefined>): void {
  for (const value of values) if (value && value.length >= 8) secrets.add(value);
  shortestSecret = Math.min(...[...secrets].map((secret) => secret.length));
  redactedMessages.clear();
}

/** The deployment's LOG_ID_KEY, once at start: people's ids in lines are hashed under it from now on. */
export function setLogIdKey(key: string): void {
  setPeopleKey(key);
  // Stored pseudonyms (an erasure's record, Stripe's idempotency keys) are keyed from it too.
  setPseudonymKey(key);
  redactedMessages.clear();
}

/** The shortest secret's length: a shorter text (most of a line's ids and names) cannot hold one, and skips the search. */
let shortestSecret = Infinity;

/**
 * Messages as redacted, by message: most are constant, and the patterns cost microseconds a
 * line on the bid's path. Emptied when a secret is added, and when full (varying messages).
 */
const redactedMessages = new Map<string, string>();

function redactMessage(message: string): string {
  let out = redactedMessages.get(message);
  if (out === undefined) {
    out = redact(message);
    if (redactedMessages.size >= 1_000) redactedMessages.clear();
    redactedMessages.set(message, out);
  }
  return out;
}

/** A text none of the patterns can match: each needs `?`, `=`, `/`, `:`, `"`, `[` or a space. */
const plainToken = /^[\w.-]*$/;

export function redact(text: string): string {
  let out = text;
  if (out.length >= shortestSecret) for (const value of secrets) if (out.includes(value)) out = out.split(value).join(redactedMark);
  // Ids, names and codes, most of a line's strings: the patterns below cannot match them.
  if (plainToken.test(out)) return out;
  for (const [pattern, replacement] of credentialPatterns) out = out.replace(pattern, replacement);
  for (const [pattern, replacement] of addressPatterns) out = out.replace(pattern, replacement);
  return hashPeopleInText(out);
}

function threshold(): number {
  const wanted = process.env.C500_LOG_LEVEL as keyof typeof levels | undefined;
  return levels[wanted ?? 'info'] ?? levels.info;
}

/** A field as it may be logged: errors flattened, every string redacted, deep values bounded. */
function loggable(value: unknown, depth = 0): unknown {
  // A value no pattern can match costs little to redact; the others (a subscription's path, a URL) mostly repeat, as messages do.
  if (typeof value === 'string') return plainToken.test(value) ? redact(value) : redactMessage(value);
  if (value instanceof Error) {
    const { code, status } = value as Error & { code?: unknown; status?: unknown };
    return {
      name: value.name,
      message: redact(value.message),
      ...(value.stack ? { stack: redact(value.stack) } : {}),
      ...(code !== undefined ? { code: loggable(code, depth + 1) } : {}),
      ...(status !== undefined ? { status } : {}),
    };
  }
  if (typeof value !== 'object' || value === null) return value;
  if (depth > 4) return '[deeper value left out]';
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => loggable(item, depth + 1));
  if (looksLikeAddress(value)) return redactedMark;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, field(key, item, depth + 1)]));
}

/** A field by its key, at any depth: an address's is redacted, a person's hashed, any other's made loggable. */
function field(key: string, value: unknown, depth: number): unknown {
  if (value === null || value === undefined) return value;
  const lower = key.toLowerCase();
  if (addressKeys.has(lower)) return redactedMark;
  return personFieldKeys.has(lower) ? personValue(value) : loggable(value, depth);
}

/** A person's id, login or name as a line shows it: hashed, each item of a list too; an object under a person's key shows nothing. */
function personValue(value: unknown): unknown {
  if (typeof value === 'string') return value === '' ? value : hashPerson(value);
  if (typeof value === 'number' || typeof value === 'bigint') return hashPerson(String(value));
  if (typeof value === 'boolean' || value === null || value === undefined) return value;
  if (Array.isArray(value)) return value.slice(0, 50).map(personValue);
  return redactedMark;
}

/** Cloud Logging's LogSeverity names: `WARN` is none of them, and a line so marked ranks as DEFAULT, below INFO. */
const severities: Readonly<Record<Level, string>> = { debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR' };

/** The project a trace's resource name is under: Cloud Logging links only `projects/<project>/traces/<id>`. */
let traceProject = process.env.GOOGLE_CLOUD_PROJECT ?? process.env.GCLOUD_PROJECT ?? 'c500-local';

/** Names the project traces are under (the configuration's), once at start. */
export function setTraceProject(projectId: string): void {
  traceProject = projectId;
}

/**
 * Hears every line written inside a trace, as written (the local runtime's trace journal): the
 * entry, its span, and the line as JSON, serialized once for the terminal and the journal both.
 */
export type TracedLineListener = (entry: Readonly<Record<string, unknown>>, span: CurrentSpan, json: string) => void;
const listeners = new Set<TracedLineListener>();

/** Adds a listener; answers the function that takes it away again. */
export function onTracedLine(listener: TracedLineListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The last millisecond's ISO time: a herd writes many lines a millisecond, and formatting a Date costs about a microsecond. */
let isoMs = Number.NaN;
let isoText = '';
function isoNow(): string {
  const ms = Date.now();
  if (ms !== isoMs) {
    // A line of the next retention period hashes people's ids under its own key: a message hashed under the last one is stale.
    if (enterLogPeriodAt(ms)) redactedMessages.clear();
    isoMs = ms;
    isoText = new Date(ms).toISOString();
  }
  return isoText;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  const printed = levels[level] >= threshold();
  // A journal hears a trace's lines from info up whatever is printed: a test silences the terminal, not the trace.
  const heard = listeners.size > 0 && levels[level] >= levels.info;
  if (!printed && !heard) return;
  const span = currentSpan();
  if (!printed && !span) return;
  const time = isoNow();
  const entry: Record<string, unknown> = { severity: severities[level], message: redactMessage(message), time };
  for (const [key, value] of Object.entries(fields)) entry[key] = field(key, value, 0);
  let json: string | undefined;
  if (span) {
    entry[traceField] = `projects/${traceProject}/traces/${span.traceId}`;
    entry[spanIdField] = span.spanId;
    entry[traceSampledField] = span.sampled;
    if (span.parentSpanId) entry[parentSpanIdField] = span.parentSpanId;
    if (heard) tell(entry, span, (json = JSON.stringify(entry)));
  }
  if (!printed) return;
  const line = `${json ?? JSON.stringify(entry)}\n`;
  if (level === 'error' || level === 'warn') process.stderr.write(line);
  else if (kept === undefined) process.stdout.write(line);
  else keep(line);
}

/** Info and debug lines of this turn, when they are printed a turn at a time. */
let kept: string | undefined;

/**
 * From now on, info and debug lines go to stdout in one write a turn (warnings and errors still
 * at once), and whatever is kept is written when the process exits. For the local runtime's
 * function processes: a bid writes three lines, and a write to the terminal's pipe costs each
 * of them more CPU than making the line. A process killed outright loses its last turn's lines.
 */
export function printLinesATurnAtATime(): void {
  if (kept !== undefined) return;
  kept = '';
  process.on('exit', printKept);
}

function keep(line: string): void {
  if (kept === '') setImmediate(printKept);
  kept += line;
}

function printKept(): void {
  if (!kept) return;
  const lines = kept;
  kept = '';
  process.stdout.write(lines);
}

function tell(entry: Record<string, unknown>, span: CurrentSpan, json: string): void {
  for (const listener of listeners) {
    try {
      listener(entry, span, json);
    } catch {
      // A journal that cannot take the line (its process channel closed) must not fail the work that logged it.
    }
  }
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
