/**
 * @module terraform-slos
 * The log-based metrics and SLOs exactly as terraform/ defines them (metrics.tf's
 * `local.log_metrics`, slos.tf's `local.slos`), read from the .tf files themselves, so what
 * a soak or a bench prints and what Cloud Monitoring computes cannot drift apart; and each
 * SLO's compliance over a run's own log lines. An SLO over Cloud Run's request metrics is
 * computed over the stand-in of run-requests.ts: the run's `http.answered` lines, and the
 * requests its client saw go unanswered.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from '@cdktf/hcl2json';
import { compileExtractor, compileFilter, readLogLines, type LogEntry } from './logging-filter';
import { requestsCounted, requestsOf, runSloFilter, type RunRequest } from './run-requests';

export interface LogMetric {
  name: string;
  description: string;
  filter: string;
  valueType: 'INT64' | 'DISTRIBUTION';
  /** `EXTRACT(jsonPayload.ms)` for a distribution. */
  value?: string;
  bounds?: number[];
  /** label -> extractor */
  labels: Record<string, string>;
}

/** A Cloud Run request metric of one function's service, and which of its requests count (a Monitoring filter on its labels). */
export interface RunSli {
  runFunction: string;
  runMetric: string;
  counted: string;
}

export type SloSli =
  | { kind: 'cut'; metric: string; max: number }
  /** `labels`: only the series with these label values (a signed ingress's SLO reads its function's share of the signature metrics). */
  | { kind: 'ratio'; goodMetric: string; totalMetric: string; labels?: Record<string, string> }
  | ({ kind: 'run-ratio'; good: string } & RunSli)
  | ({ kind: 'run-cut'; max: number } & RunSli);

export interface Slo {
  name: string;
  displayName: string;
  goal: number;
  runbook: string;
  sli: SloSli;
}

export interface TerraformSlos {
  metrics: Map<string, LogMetric>;
  slos: Slo[];
}

/** terraform/ beside the compiled script (dist/scripts/slo) or the source (scripts/slo). */
export function terraformDirFrom(dir: string): string {
  for (const up of ['../..', '../../..']) {
    const candidate = join(dir, up, 'terraform');
    try {
      readFileSync(join(candidate, 'metrics.tf'));
      return candidate;
    } catch {
      // not this one
    }
  }
  throw new Error(`no terraform/metrics.tf above ${dir}`);
}

async function localsOf(dir: string, file: string): Promise<Record<string, unknown>> {
  const parsed = (await parse(file, readFileSync(join(dir, file), 'utf8'))) as { locals?: Array<Record<string, unknown>> };
  return Object.assign({}, ...(parsed.locals ?? [])) as Record<string, unknown>;
}

const text = (value: unknown, what: string): string => {
  if (typeof value !== 'string') throw new Error(`${what} is not a literal string in terraform/`);
  return value;
};
const number = (value: unknown, what: string): number => {
  if (typeof value !== 'number') throw new Error(`${what} is not a literal number in terraform/`);
  return value;
};

export async function loadTerraformSlos(dir = terraformDirFrom(__dirname)): Promise<TerraformSlos> {
  const metricsLocals = await localsOf(dir, 'metrics.tf');
  const sloLocals = await localsOf(dir, 'slos.tf');
  const metrics = new Map<string, LogMetric>();
  for (const [name, raw] of Object.entries((metricsLocals.log_metrics ?? {}) as Record<string, Record<string, unknown>>)) {
    const valueType = text(raw.value_type, `log_metrics.${name}.value_type`);
    if (valueType !== 'INT64' && valueType !== 'DISTRIBUTION') throw new Error(`log_metrics.${name}: value_type ${valueType} is not read here`);
    metrics.set(name, {
      name,
      description: text(raw.description, `log_metrics.${name}.description`),
      filter: text(raw.filter, `log_metrics.${name}.filter`),
      valueType,
      ...(raw.value !== undefined ? { value: text(raw.value, `log_metrics.${name}.value`) } : {}),
      ...(Array.isArray(raw.bounds) ? { bounds: raw.bounds.map((b, i) => number(b, `log_metrics.${name}.bounds[${i}]`)) } : {}),
      labels: Object.fromEntries(
        Object.entries((raw.labels ?? {}) as Record<string, unknown>).map(([k, v]) => [k, text(v, `log_metrics.${name}.labels.${k}`)]),
      ),
    });
  }
  // Before the signed ingresses' SLOs were made from one template, slos.tf wrote every SLO out in `slos`.
  const written = (sloLocals.slo_goals ?? sloLocals.slos ?? {}) as Record<string, Record<string, unknown>>;
  const slos: Slo[] = Object.entries(written).map(([name, raw]) => ({
    name,
    displayName: text(raw.display_name, `slos.${name}.display_name`),
    goal: number(raw.goal, `slos.${name}.goal`),
    runbook: text(raw.runbook, `slos.${name}.runbook`),
    sli: sliOf(name, raw),
  }));
  if (sloLocals.signature_slo !== undefined) slos.push(...signatureSlos(sloLocals.signature_slo as Record<string, unknown>, await localsOf(dir, 'locals.tf')));
  return { metrics, slos };
}

/**
 * slos.tf's `signature_slos`, made as its for expression makes them: one SLO per function of
 * locals.tf with a `signed_by`, named `<signed_by>_signatures`, the template's ratio over that
 * function's series (`metric.labels.function`).
 */
function signatureSlos(template: Record<string, unknown>, functionLocals: Record<string, unknown>): Slo[] {
  const functions = (functionLocals.functions ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(functions)
    .filter(([, fn]) => fn.signed_by !== undefined)
    .map(([name, fn]) => ({
      name: `${text(fn.signed_by, `functions.${name}.signed_by`)}_signatures`,
      displayName: `Signatures accepted by ${name.replace(/([A-Z])/g, '-$1').toLowerCase()}`,
      goal: number(template.goal, 'signature_slo.goal'),
      runbook: text(template.runbook, 'signature_slo.runbook'),
      sli: {
        kind: 'ratio',
        goodMetric: text(template.good_metric, 'signature_slo.good_metric'),
        totalMetric: text(template.total_metric, 'signature_slo.total_metric'),
        labels: { function: name },
      },
    }));
}

/** Which of slos.tf's shapes an SLO has, as its resources in slos.tf pick them (`can(slo.run_function)`, `can(slo.max)`...). */
function sliOf(name: string, raw: Record<string, unknown>): SloSli {
  const field = (key: string) => text(raw[key], `slos.${name}.${key}`);
  if (raw.run_function !== undefined) {
    const run: RunSli = { runFunction: field('run_function'), runMetric: field('run_metric'), counted: field('counted') };
    return raw.max !== undefined ? { kind: 'run-cut', ...run, max: number(raw.max, `slos.${name}.max`) } : { kind: 'run-ratio', ...run, good: field('good') };
  }
  if (raw.metric !== undefined) return { kind: 'cut', metric: field('metric'), max: number(raw.max, `slos.${name}.max`) };
  return { kind: 'ratio', goodMetric: field('good_metric'), totalMetric: field('total_metric') };
}

/** What one metric would count in these lines: the lines, and a distribution's values. */
export function countOf(metric: LogMetric, entries: readonly LogEntry[]): { lines: LogEntry[]; values: number[] } {
  const matches = compileFilter(metric.filter);
  const lines = entries.filter(matches);
  const extract = metric.value ? compileExtractor(metric.value) : undefined;
  const values = extract ? lines.map(extract).flatMap((v) => (v === undefined || Number.isNaN(Number(v)) ? [] : [Number(v)])) : [];
  return { lines, values };
}

/** The lines of one metric whose labels take these values (every line when none are asked for). */
function seriesOf(metric: LogMetric, entries: readonly LogEntry[], labels: Record<string, string> = {}): LogEntry[] {
  const wanted = Object.entries(labels).map(([label, value]) => {
    const extractor = metric.labels[label];
    if (!extractor) throw new Error(`an SLO selects label ${label} of ${metric.name}, which has no such label`);
    const extract = compileExtractor(extractor);
    return (line: LogEntry) => extract(line) === value;
  });
  return countOf(metric, entries).lines.filter((line) => wanted.every((has) => has(line)));
}

export interface Compliance {
  slo: Slo;
  good: number;
  total: number;
  /** good ÷ total; undefined with no events. */
  ratio?: number;
}

/** What the run knows beyond its lines: the requests its client sent that got no answer line (run-requests.ts `unanswered`). */
export interface RunOutside {
  unanswered?: readonly RunRequest[];
}

export function complianceOf(tf: TerraformSlos, entries: readonly LogEntry[], outside: RunOutside = {}): Compliance[] {
  const metric = (name: string) => {
    const found = tf.metrics.get(name);
    if (!found) throw new Error(`an SLO names log metric ${name}, which metrics.tf does not define`);
    return found;
  };
  const requests = [...requestsOf(entries), ...(outside.unanswered ?? [])];
  // Cloud Monitoring's distribution_cut counts the points in [min, max]; min is 0 here.
  const inCut = (values: readonly number[], max: number) => values.filter((v) => v >= 0 && v <= max).length;
  return tf.slos.map((slo) => {
    const { sli } = slo;
    let good: number;
    let total: number;
    if (sli.kind === 'cut') {
      const { values } = countOf(metric(sli.metric), entries);
      good = inCut(values, sli.max);
      total = values.length;
    } else if (sli.kind === 'ratio') {
      good = seriesOf(metric(sli.goodMetric), entries, sli.labels).length;
      total = seriesOf(metric(sli.totalMetric), entries, sli.labels).length;
    } else {
      const counted = requestsCounted(requests, sli.runMetric, runSloFilter(sli));
      good =
        sli.kind === 'run-cut'
          ? inCut(
              counted.map((r) => r.ms),
              sli.max,
            )
          : requestsCounted(counted, sli.runMetric, sli.good).length;
      total = counted.length;
    }
    return { slo, good, total, ...(total > 0 ? { ratio: good / total } : {}) };
  });
}

/** One of alerts.tf's `burn_windows`: a burn rate above `factor` over both windows notifies (`what`). */
export interface BurnWindow {
  name: string;
  long: string;
  short: string;
  factor: number;
  what: 'page' | 'ticket';
}

/** alerts.tf's burn windows, read from the file as the alert policies are made from it. */
export async function loadBurnWindows(dir = terraformDirFrom(__dirname)): Promise<BurnWindow[]> {
  const raw = ((await localsOf(dir, 'alerts.tf')).burn_windows ?? {}) as Record<string, Record<string, unknown>>;
  return Object.entries(raw).map(([name, w]) => {
    const what = text(w.what, `burn_windows.${name}.what`);
    if (what !== 'page' && what !== 'ticket') throw new Error(`burn_windows.${name}.what is ${what}`);
    return {
      name,
      long: text(w.long, `burn_windows.${name}.long`),
      short: text(w.short, `burn_windows.${name}.short`),
      factor: number(w.factor, `burn_windows.${name}.factor`),
      what,
    };
  });
}

/** Cloud Monitoring's select_slo_burn_rate: the bad share over the budget's share; 0 with no events. */
export const burnRateOf = (c: Compliance): number => (c.ratio === undefined ? 0 : (1 - c.ratio) / (1 - c.slo.goal));

/**
 * The SLOs whose alerts would page on these lines: for each paging window, the burn rate over the
 * long window's lines and over the short window's both above its factor (the policy's AND). A
 * steady state passes the same lines for both.
 */
export function pagesOn(
  tf: TerraformSlos,
  windows: readonly BurnWindow[],
  long: readonly LogEntry[],
  short: readonly LogEntry[] = long,
  outside: RunOutside = {},
): Array<{ slo: string; window: string; burn: number }> {
  const [overLong, overShort] = [complianceOf(tf, long, outside), complianceOf(tf, short, outside)];
  return windows
    .filter((w) => w.what === 'page')
    .flatMap((w) =>
      overLong
        .map((c, i) => ({ slo: c.slo.name, window: w.name, burn: burnRateOf(c), shortBurn: burnRateOf(overShort[i]) }))
        .filter((p) => p.burn > w.factor && p.shortBurn > w.factor)
        .map(({ slo, window, burn }) => ({ slo, window, burn })),
    );
}

const percent = (x: number) => `${(x * 100).toFixed(x === 1 ? 0 : 2)} %`;

/** A markdown table: each SLO, its goal, what this run measured, and whether it met the goal. */
export function complianceTable(rows: readonly Compliance[]): string {
  const lines = ['| SLO | goal | good / all | compliance | |', '| --- | --- | --- | --- | --- |'];
  for (const { slo, good, total, ratio } of rows) {
    const verdict = ratio === undefined ? 'no events' : ratio >= slo.goal ? 'met' : 'MISSED';
    lines.push(`| ${slo.displayName} | ${percent(slo.goal)} | ${good} / ${total} | ${ratio === undefined ? '—' : percent(ratio)} | ${verdict} |`);
  }
  return lines.join('\n');
}

/** Every log line a local runtime kept in its data dir (startRuntimeProcess's `logToDataDir`). */
export function runLogOf(dataDir: string): LogEntry[] {
  return ['runtime.log', 'runtime.out.log'].flatMap((file) => {
    try {
      return readLogLines(readFileSync(join(dataDir, file), 'utf8'));
    } catch {
      return [];
    }
  });
}

/** What `npm run soak` and `npm run bench:auction` print at their end: each SLO over the run's own log (and the requests it saw go unanswered). */
export async function printCompliance(dataDir: string, outside: RunOutside = {}, print: (line: string) => void = console.log): Promise<Compliance[]> {
  const rows = complianceOf(await loadTerraformSlos(), runLogOf(dataDir), outside);
  print(
    `\nthe SLOs over this run's own log (terraform/metrics.tf and slos.tf's filters, read from the .tf files; Cloud Run's request metrics stood in for by the http.answered lines and the requests that got none):`,
  );
  print(complianceTable(rows));
  return rows;
}
