/**
 * The alert on Upstash's command limit judges each database of the book against its own limit:
 * terraform/metrics.tf's `redis_commands` and ops-alerts.tf's query, read from the .tf files,
 * evaluated over the tally lines the product writes (command-tally) for five minutes of a show
 * spread over two databases. The query is evaluated as Cloud Monitoring's PromQL would: the
 * rate of the metric's sum, summed over the labels the `by` clause keeps.
 */
import { commandTally } from '../../shared/adapters/upstash/command-tally';
import { compileExtractor, readLogLines, type LogEntry } from '../../scripts/slo/logging-filter';
import { countOf, loadTerraformSlos, type LogMetric } from '../../scripts/slo/terraform-slos';
import { asArray, asObject, block, loadTerraform } from '../support/terraform';

const limit = 10_000;

/** Two instances each tallying five minutes on each database, at these commands per second in all. */
function fiveMinutes(perSecond: readonly number[]): LogEntry[] {
  const written: string[] = [];
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
  const level = process.env.C500_LOG_LEVEL;
  process.env.C500_LOG_LEVEL = 'info';
  try {
    for (const [database, rate] of perSecond.entries()) {
      for (let instance = 0; instance < 2; instance += 1) {
        let ms = Date.parse('2026-11-27T20:00:00.000Z');
        const tally = commandTally({ now: () => new Date(ms) }, database);
        for (let minute = 0; minute < 5; minute += 1) {
          tally.add((rate / 2) * 60);
          ms += 60_000;
          tally.flush();
        }
      }
    }
  } finally {
    out.mockRestore();
    process.env.C500_LOG_LEVEL = level;
  }
  return readLogLines(written.join(''));
}

/** The alert's condition over the lines: the series it keeps and whether each is above the threshold. */
function evaluate(query: string, metric: LogMetric, lines: readonly LogEntry[]): Record<string, boolean> {
  const shape =
    /^sum(?: by \(([a-z_, ]*)\))? \(rate\(logging_googleapis_com:user_c500_(\w+)_sum\{[^}]*\}\[5m\]\)\) > \$\{0\.8 \* var\.upstash_commands_per_second_limit\}$/.exec(
      query,
    );
  if (!shape) throw new Error(`the alert's query is not of a shape this test reads: ${query}`);
  expect(shape[2]).toBe(metric.name);
  const kept = (shape[1] ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const { lines: counted, values } = countOf(metric, lines);
  const series: Record<string, number> = {};
  counted.forEach((line, i) => {
    const key = kept.map((label) => `${label}=${compileExtractor(metric.labels[label] ?? 'EXTRACT(jsonPayload.none)')(line) ?? ''}`).join(',') || 'all';
    series[key] = (series[key] ?? 0) + (values[i] ?? 0) / 300;
  });
  return Object.fromEntries(Object.entries(series).map(([key, rate]) => [key, rate > 0.8 * limit]));
}

describe('the alert on Upstash’s command limit', () => {
  let query: string;
  let metric: LogMetric;

  beforeAll(async () => {
    const tf = await loadTerraform();
    const policy = tf.resources.get('google_monitoring_alert_policy')?.get('redis_commands');
    if (!policy) throw new Error('no google_monitoring_alert_policy.redis_commands');
    const condition = asObject(asArray(policy.conditions, 'conditions')[0], 'condition');
    query = String(block(condition, 'condition_prometheus_query_language', 'redis_commands').query);
    const found = (await loadTerraformSlos()).metrics.get('redis_commands');
    if (!found) throw new Error('no log metric redis_commands');
    metric = found;
  });

  it('GIVEN two databases each at 70 % of their limit THEN neither pages, though together they pass 80 % of one', () => {
    expect(evaluate(query, metric, fiveMinutes([7_000, 7_000]))).toEqual({ 'database=0': false, 'database=1': false });
  });

  it('GIVEN one database at 85 % of its limit and the other quiet THEN that database pages, named by its index', () => {
    expect(evaluate(query, metric, fiveMinutes([1_000, 8_500]))).toEqual({ 'database=0': false, 'database=1': true });
  });

  it('labels a database by its index in the tally’s line, never by its address', () => {
    expect(metric.labels).toEqual({ database: 'EXTRACT(jsonPayload.database)' });
    const [line] = fiveMinutes([0, 10]);
    expect(line?.jsonPayload).toEqual(expect.objectContaining({ event: 'redis.commands', database: 1 }));
    expect(JSON.stringify(line)).not.toMatch(/https?:|upstash\.io|token/i);
  });
});
