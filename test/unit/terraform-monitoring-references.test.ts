/**
 * What `terraform plan` would refuse or, worse, accept and leave broken: the SLOs, their
 * burn-rate alerts and the dashboard (slos.tf, alerts.tf, dashboard.tf) must name metrics,
 * services and SLOs the same configuration defines, every alert must point at a runbook
 * section that exists, and the burn-rate windows must be the SRE workbook's, scaled for the
 * SLOs' 28 days. Read with @cdktf/hcl2json, as the mirror tests read terraform/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { logRetentionDays } from '../../shared/log';
import { deadLetterRetentionDays } from '../../shared/registry';
import { asArray, asObject, block, isObject, loadTerraform, type Json, type JsonObject, type Terraform } from '../support/terraform';

const runbook = readFileSync(join(__dirname, '..', '..', 'docs', 'operations', 'runbook.md'), 'utf8');

/** GitHub's anchor of a markdown heading: lower case, punctuation dropped, spaces to hyphens. */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
const runbookAnchors = new Set([...runbook.matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchorOf(m[1] as string)));

/** Every string inside a body, however deep. */
function stringsOf(value: Json | undefined): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(stringsOf);
  if (isObject(value)) return Object.values(value).flatMap(stringsOf);
  return [];
}

/** References a terraform configuration must resolve: `resource_type.name`, `local.x`, `var.x`, `data.type.name`. */
export function unresolvedReferences(tf: Terraform): string[] {
  const problems: string[] = [];
  const bodies: Array<[string, Json]> = [
    ...[...tf.resources].flatMap(([type, byName]) => [...byName].map(([name, body]): [string, Json] => [`${type}.${name}`, body])),
    ...Object.entries(tf.locals).map(([name, value]): [string, Json] => [`local.${name}`, value]),
  ];
  for (const [where, body] of bodies) {
    for (const text of stringsOf(body)) {
      // An interpolation may hold braces of its own (`{ for ... }`): the whole text is read when it has one.
      for (const expression of text.includes('${') ? [text] : []) {
        for (const [, type, name] of expression.matchAll(/(?<![\w.])(google_[a-z0-9_]+|archive_[a-z0-9_]+)\.([a-z0-9_]+)/g)) {
          const isData = new RegExp(`data\\.${type}\\.${name}`).test(expression);
          const defined = isData ? tf.data.get(type as string)?.has(name as string) : tf.resources.get(type as string)?.has(name as string);
          if (!defined) problems.push(`${where}: names ${isData ? 'data.' : ''}${type}.${name}, which terraform/ does not define`);
        }
        for (const [, name] of expression.matchAll(/(?<![\w.])local\.([a-z0-9_]+)/g))
          if (!(name! in tf.locals)) problems.push(`${where}: names local.${name}, which terraform/ does not define`);
        for (const [, name] of expression.matchAll(/(?<![\w.])var\.([a-z0-9_]+)/g))
          if (!tf.variables.has(name as string)) problems.push(`${where}: names var.${name}, which terraform/ does not declare`);
      }
    }
  }
  return [...new Set(problems)];
}

describe('the SLOs, their alerts and the dashboard against the rest of terraform/', () => {
  let tf: Terraform;
  let slos: JsonObject;
  let metrics: JsonObject;
  beforeAll(async () => {
    tf = await loadTerraform();
    // The SLOs written out, and the one every signed ingress's SLO is made from (checked below as written).
    slos = { ...asObject(tf.locals.slo_goals, 'local.slo_goals'), signature_slo: asObject(tf.locals.signature_slo, 'local.signature_slo') };
    metrics = asObject(tf.locals.log_metrics, 'local.log_metrics');
  });

  it('resolves every resource, data source, local and variable any resource or local names', () => {
    expect(unresolvedReferences(tf)).toEqual([]);
  });

  it('builds every SLO on metrics metrics.tf defines, or on Cloud Run’s request metrics of a function terraform deploys, on the one custom service', () => {
    const problems: string[] = [];
    const functions = asObject(tf.locals.functions, 'local.functions');
    for (const [name, raw] of Object.entries(slos)) {
      const slo = asObject(raw, `local.slos.${name}`);
      for (const key of ['good_metric', 'total_metric'])
        if (slo[key] !== undefined && !(String(slo[key]) in metrics)) problems.push(`slo ${name}: ${key} ${String(slo[key])} is no local.log_metrics entry`);
      if (slo.run_function !== undefined) {
        if (!(String(slo.run_function) in functions)) problems.push(`slo ${name}: run_function ${String(slo.run_function)} is no local.functions entry`);
        if (!['request_count', 'request_latencies'].includes(String(slo.run_metric)))
          problems.push(`slo ${name}: run_metric ${String(slo.run_metric)} is none of Cloud Run's`);
        // A cut needs a distribution (request_latencies), a ratio a count (request_count).
        if ((slo.max !== undefined) !== (slo.run_metric === 'request_latencies'))
          problems.push(`slo ${name}: max goes with request_latencies, good with request_count`);
        if (slo.max === undefined && slo.good === undefined) problems.push(`slo ${name}: neither max nor good`);
      } else if (slo.good_metric === undefined || slo.total_metric === undefined) problems.push(`slo ${name}: neither run_function nor good and total metrics`);
      if (slo.metric !== undefined) problems.push(`slo ${name}: a cut on a log metric has no resource any more (metric ${String(slo.metric)})`);
      const goal = Number(slo.goal);
      if (!(goal > 0.9 && goal < 1)) problems.push(`slo ${name}: goal ${goal} is not a share between 0.9 and 1`);
    }
    expect(problems).toEqual([]);
    const service = '${google_monitoring_custom_service.c500.service_id}';
    for (const kind of ['requests', 'request_latency', 'ratio', 'signatures']) {
      const body = tf.resources.get('google_monitoring_slo')?.get(kind);
      if (!body) throw new Error(`no google_monitoring_slo.${kind}`);
      expect(body.service).toBe(service);
      expect(body.rolling_period_days).toBe(28);
      const sli = block(body, 'request_based_sli', `google_monitoring_slo.${kind}`);
      expect(stringsOf(sli).length).toBeGreaterThan(0);
    }
    // Each log ratio names its metrics through the metric resource, so terraform makes the metric first.
    for (const filter of stringsOf(block(tf.resources.get('google_monitoring_slo')?.get('ratio') ?? {}, 'request_based_sli', 'ratio')))
      expect(filter).toMatch(
        /^metric\.type="logging\.googleapis\.com\/user\/\$\{google_logging_metric\.metric\[each\.value\.(good_metric|total_metric)\]\.name\}" resource\.type="cloud_run_revision"$/,
      );
    // A signed ingress's SLO reads its own function's series of the same two metrics.
    for (const filter of stringsOf(block(tf.resources.get('google_monitoring_slo')?.get('signatures') ?? {}, 'request_based_sli', 'signatures')))
      expect(filter).toMatch(
        /^metric\.type="logging\.googleapis\.com\/user\/\$\{google_logging_metric\.metric\[each\.value\.(good_metric|total_metric)\]\.name\}" resource\.type="cloud_run_revision" metric\.labels\.function="\$\{each\.value\.function\}"$/,
      );
    // The Cloud Run SLOs count what the shared filter counts (the local stand-in builds the same one: slo-evaluator.test.ts).
    expect(stringsOf(block(tf.resources.get('google_monitoring_slo')?.get('requests') ?? {}, 'request_based_sli', 'requests'))).toEqual([
      '${local.run_slo_filters[each.key]} ${each.value.good}',
      '${local.run_slo_filters[each.key]}',
    ]);
    expect(stringsOf(block(tf.resources.get('google_monitoring_slo')?.get('request_latency') ?? {}, 'request_based_sli', 'request_latency'))).toContain(
      '${local.run_slo_filters[each.key]}',
    );
    // The resources split the SLOs by kind; together they make every one.
    const forEachOf = (kind: string) => String(tf.resources.get('google_monitoring_slo')?.get(kind)?.for_each);
    expect(forEachOf('requests')).toContain('can(slo.run_function) && can(slo.good)');
    expect(forEachOf('request_latency')).toContain('can(slo.run_function) && can(slo.max)');
    expect(forEachOf('ratio')).toContain('can(slo.good_metric)');
    for (const kind of ['requests', 'request_latency', 'ratio']) expect(forEachOf(kind)).toContain('local.slo_goals');
    expect(forEachOf('signatures')).toBe('${local.signature_slos}');
    for (const kind of ['requests', 'request_latency', 'ratio', 'signatures']) expect(String(tf.locals.slo_ids)).toContain(`google_monitoring_slo.${kind}`);
    // One SLO per signed function, named by its sender, from the template (scripts/slo/terraform-slos.ts makes them the same way).
    const made = String(tf.locals.signature_slos);
    for (const part of [
      'for name, fn in local.functions',
      '"${fn.signed_by}_signatures"',
      'merge(local.signature_slo,',
      'function     = name',
      'if can(fn.signed_by)',
    ])
      expect(made).toContain(part);
    expect(made).toContain('display_name = "Signatures accepted by ${local.deployed_names[name]}"');
    expect(tf.locals.slos).toBe('${merge(local.slo_goals, local.signature_slos)}');
  });

  it('alerts on every SLO in the workbook’s two-window form, factors scaled for 28 days, each naming a runbook section that exists', () => {
    const windows = asObject(tf.locals.burn_windows, 'local.burn_windows');
    const hours = (d: string) => Number(d.slice(0, -1)) / (d.endsWith('m') ? 60 : 1);
    // The workbook's budget shares: 2 % in 1 h and 5 % in 6 h page; the ticket burns at 1× over 3 days.
    const spent: Record<string, number> = { 'page-fast': 0.02, 'page-medium': 0.05, ticket: 72 / 672 };
    expect(Object.keys(windows).sort()).toEqual(Object.keys(spent).sort());
    for (const [name, raw] of Object.entries(windows)) {
      const w = asObject(raw, name);
      const long = hours(String(w.long));
      expect(hours(String(w.short))).toBeCloseTo(long / 12);
      expect(Number(w.factor)).toBeCloseTo(((spent[name] as number) * 28 * 24) / long, 2);
    }
    const policy = tf.resources.get('google_monitoring_alert_policy')?.get('slo_burn');
    if (!policy) throw new Error('no google_monitoring_alert_policy.slo_burn');
    expect(policy.combiner).toBe('AND');
    const conditions = asArray(policy.conditions, 'conditions').map((c) => block(asObject(c, 'condition'), 'condition_threshold', 'condition'));
    expect(conditions.map((c) => c.filter)).toEqual([
      'select_slo_burn_rate("${local.slo_ids[each.value.slo]}", "${local.burn_windows[each.value.window].long}")',
      'select_slo_burn_rate("${local.slo_ids[each.value.slo]}", "${local.burn_windows[each.value.window].short}")',
    ]);
    expect(String(tf.locals.slo_alerts)).toContain('setproduct(keys(local.slos), keys(local.burn_windows))');
    expect(String(policy.notification_channels)).toContain('local.page_channels');
    expect(String(policy.notification_channels)).toContain('local.ticket_channels');
    const documentation = String(block(policy, 'documentation', 'slo_burn').content);
    expect(documentation).toContain('docs/operations/runbook.md#${local.slos[each.value.slo].runbook}');
    const missing = Object.entries(slos)
      .map(([name, raw]) => [name, String(asObject(raw, name).runbook)])
      .filter(([, anchor]) => !runbookAnchors.has(anchor as string));
    expect(missing).toEqual([]);
  });

  it('shows on the dashboard every SLO’s budget and only metrics the configuration defines', () => {
    const dashboard = tf.resources.get('google_monitoring_dashboard')?.get('show');
    if (!dashboard) throw new Error('no google_monitoring_dashboard.show');
    const widgets = String(tf.locals.dashboard_widgets);
    for (const part of ['local.budget_scorecards', 'local.saturation_charts', 'local.pubsub_charts', 'local.log_metric_charts'])
      expect(widgets).toContain(part);
    expect(String(tf.locals.budget_scorecards)).toContain('select_slo_budget_fraction(\\"${local.slo_ids[name]}\\")');
    expect(String(tf.locals.saturation_charts)).toContain('fn.max_instances');
    expect(String(tf.locals.pubsub_charts)).toContain('oldest_unacked_message_age');
  });

  it('keeps the _Default log bucket logRetentionDays (30), as the operations docs say', () => {
    const bucket = tf.resources.get('google_logging_project_bucket_config')?.get('default');
    expect(logRetentionDays).toBe(30);
    expect(bucket).toMatchObject({ bucket_id: '_Default', location: 'global', retention_days: logRetentionDays });
    const deploying = readFileSync(join(__dirname, '..', '..', 'docs', 'operations', 'deploying.md'), 'utf8');
    const retention = readFileSync(join(__dirname, '..', '..', 'docs', 'operations', 'retention.md'), 'utf8');
    expect(deploying).toContain(`logs are kept ${logRetentionDays} days`);
    expect(retention).toContain(`| log lines (Cloud Logging) | ${logRetentionDays} days`);
  });

  it('keeps dead letters deadLetterRetentionDays (7) in their hold subscriptions', () => {
    const hold = tf.resources.get('google_pubsub_subscription')?.get('dead_letter_hold');
    expect(deadLetterRetentionDays).toBe(7);
    expect(hold).toMatchObject({ message_retention_duration: `${deadLetterRetentionDays * 86_400}s` });
  });

  it('GIVEN an alert naming an SLO resource that is gone, or a local nobody defined THEN it is found', () => {
    const broken: Terraform = { ...tf, resources: new Map(tf.resources), locals: { ...tf.locals } };
    broken.resources.set('google_monitoring_slo', new Map([...(tf.resources.get('google_monitoring_slo') ?? [])].filter(([name]) => name !== 'ratio')));
    expect(unresolvedReferences(broken)).toEqual(expect.arrayContaining([expect.stringContaining('names google_monitoring_slo.ratio')]));
    delete broken.locals.burn_windows;
    expect(unresolvedReferences(broken)).toEqual(expect.arrayContaining([expect.stringContaining('names local.burn_windows')]));
  });
});
