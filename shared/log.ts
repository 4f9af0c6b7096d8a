/**
 * @module log
 * Structured JSON logs, one line each, in the shape Cloud Logging reads (`severity`,
 * `message`). Never pass secrets or whole request bodies.
 */
const levels = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 } as const;
type Level = Exclude<keyof typeof levels, 'silent'>;

function threshold(): number {
  const wanted = process.env.C500_LOG_LEVEL as keyof typeof levels | undefined;
  return levels[wanted ?? 'info'] ?? levels.info;
}

function write(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  if (levels[level] < threshold()) return;
  const entry: Record<string, unknown> = { severity: level.toUpperCase(), message, time: new Date().toISOString() };
  for (const [key, value] of Object.entries(fields)) {
    entry[key] = value instanceof Error ? { name: value.name, message: value.message, stack: value.stack } : value;
  }
  (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(`${JSON.stringify(entry)}\n`);
}

export const log = {
  debug: (message: string, fields?: Record<string, unknown>) => write('debug', message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write('info', message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write('warn', message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write('error', message, fields),
};
