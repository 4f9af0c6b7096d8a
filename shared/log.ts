/**
 * @module log
 * Structured JSON logs, one line each, in the shape Cloud Logging reads (`severity`,
 * `message`). Every line passes one redaction step first: outside clients put secrets in
 * what they throw (twurple's errors carry the whole token URL with `client_secret` in its
 * query; `@upstash/redis` quotes the whole pipeline, interaction tokens and all), and a log
 * is read by more people than a secret should be.
 */
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

/** Adds values no log line may show (each at least 8 characters: shorter ones would blank out words). */
export function redactSecrets(values: Iterable<string | undefined>): void {
  for (const value of values) if (value && value.length >= 8) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const value of secrets) if (out.includes(value)) out = out.split(value).join(redactedMark);
  for (const [pattern, replacement] of credentialPatterns) out = out.replace(pattern, replacement);
  return out;
}

function threshold(): number {
  const wanted = process.env.C500_LOG_LEVEL as keyof typeof levels | undefined;
  return levels[wanted ?? 'info'] ?? levels.info;
}

/** A field as it may be logged: errors flattened, every string redacted, deep values bounded. */
function loggable(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redact(value);
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
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, loggable(item, depth + 1)]));
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (levels[level] < threshold()) return;
  const entry: Record<string, unknown> = { severity: level.toUpperCase(), message: redact(message), time: new Date().toISOString() };
  for (const [key, value] of Object.entries(fields)) entry[key] = loggable(value);
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${JSON.stringify(entry)}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
