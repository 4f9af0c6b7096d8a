/**
 * `node dist/scripts/slo/record-log-sample.js <a soak's data dir>`: keeps a sample of the log a
 * soak's runtime wrote (runtime.log, runtime.out.log) as test/fixtures/slo/soak-log-sample.jsonl,
 * the lines test/unit/scripts/slo-log-metrics.test.ts runs terraform's filters over: up to
 * three lines of each kind of fact (an event and what tells its lines apart: function, status,
 * reason, fact, outcome) and of each other message, in the order they were written. The lines
 * are the runtime's own, unchanged: the soak's people are made up, and shared/log/index.ts redacted
 * what no log may show before the lines were written.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const perKind = 3;

function kindOf(line: Record<string, unknown>): string {
  const part = (key: string) => (line[key] === undefined ? '' : `${key}=${String(line[key])}`);
  if (typeof line.event === 'string')
    return [line.event, part('function'), part('status'), part('reason'), part('fact'), part('outcome'), part('waited')].join(' ');
  return `${String(line.severity)} ${String(line.message).slice(0, 80)}`;
}

function main(): void {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('name the soak data dir the soak printed at its end');
  const kept: string[] = [];
  const seen = new Map<string, number>();
  for (const file of ['runtime.log', 'runtime.out.log']) {
    for (const text of readFileSync(join(dataDir, file), 'utf8').split('\n')) {
      if (!text.startsWith('{')) continue;
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        continue;
      }
      if (!('severity' in line)) continue;
      const kind = kindOf(line);
      const n = seen.get(kind) ?? 0;
      seen.set(kind, n + 1);
      if (n < perKind) kept.push(text);
    }
  }
  const out = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'slo');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'soak-log-sample.jsonl'), `${kept.join('\n')}\n`);
  console.log(`${kept.length} lines of ${seen.size} kinds kept in test/fixtures/slo/soak-log-sample.jsonl`);
}

main();
