/**
 * Every alert an on-call can be woken by says where to read what to do, and reaches someone:
 * each `google_monitoring_alert_policy` in terraform/ (one per for_each key too) links a
 * section of docs/operations/runbook.md that exists and holds at least one fenced shell block
 * to copy, and notifies `local.page_channels` or `local.ticket_channels`, which
 * notifications.tf fills with channels made from required variables. The billing budget tells
 * the same channels. Read with @cdktf/hcl2json, as the other terraform tests read terraform/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compileExtractor, compileFilter, logEntryOf } from '../../scripts/slo/logging-filter';
import { asArray, asObject, isObject, loadTerraform, type Json, type JsonObject, type Terraform } from '../support/terraform';

const runbookPath = 'docs/operations/runbook.md';
const runbookText = readFileSync(join(__dirname, '..', '..', runbookPath), 'utf8');
const channelLists = ['local.page_channels', 'local.ticket_channels'];

/** GitHub's anchor of a heading (as test/docs/links.test.ts slugs them; repeats aside). */
const anchorOf = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');

/** Each `##` section of the runbook by its anchor: the text from its heading to the next `##`. */
export function runbookSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  const noFences = markdown.replace(/^ *(```|~~~)[^\n]*\n[\s\S]*?^ *\1[^\n]*$/gm, (block) => block.replace(/^#/gm, ' '));
  const starts = [...noFences.matchAll(/^## (.+)$/gm)];
  starts.forEach((m, i) => {
    const end = starts[i + 1]?.index ?? markdown.length;
    sections.set(anchorOf(m[1] as string), markdown.slice(m.index, end));
  });
  return sections;
}

// A fence may be indented, inside a numbered step.
const hasShellBlock = (section: string) => /^ *```(sh|bash|shell)\s*$[\s\S]*?^ *```\s*$/m.test(section);

/** The values `each.value.<field>` takes in a for_each over a local map of objects, or undefined when it is not that. */
function eachValues(tf: Terraform, forEach: Json | undefined, field: string): Map<string, Json> | undefined {
  const local = typeof forEach === 'string' ? /^\$\{local\.([a-z0-9_]+)\}$/.exec(forEach)?.[1] : undefined;
  const map = local === undefined ? undefined : tf.locals[local];
  if (!isObject(map)) return undefined;
  return new Map(Object.entries(map).map(([key, value]) => [key, isObject(value) ? value[field] : undefined] as [string, Json]));
}

/**
 * The entries of a local map: written out, a `merge()` of such locals, or a for expression that
 * makes each entry by `merge(local.<template>, …)` (the template's fields stand for every entry's).
 */
function entriesOfLocal(tf: Terraform, name: string): Json[] | undefined {
  const value = tf.locals[name];
  if (isObject(value)) return Object.values(value);
  if (typeof value !== 'string') return undefined;
  const merged = /^\$\{merge\(((?:\s*local\.[a-z0-9_]+\s*,?)+)\)\}$/.exec(value)?.[1];
  if (merged !== undefined) {
    const parts = [...merged.matchAll(/local\.([a-z0-9_]+)/g)].map((m) => entriesOfLocal(tf, m[1] as string));
    return parts.every((part) => part !== undefined) ? parts.flat() : undefined;
  }
  const template = /^\$\{\{\s*for [\s\S]*=> merge\(local\.([a-z0-9_]+),/.exec(value)?.[1];
  const made = template === undefined ? undefined : tf.locals[template];
  return isObject(made) ? [made] : undefined;
}

/**
 * The anchors a documentation text links, with `${each.value.x}` written out for every key of a
 * for_each over a local map, and `${local.slos[each.value.slo].runbook}` for every SLO.
 */
export function linkedAnchors(tf: Terraform, body: JsonObject, documentation: string): string[] {
  const links = [...documentation.matchAll(/docs\/operations\/runbook\.md#(\$\{[^}]+\}|[a-z0-9-]+)/g)].map((m) => m[1] as string);
  return links.flatMap((anchor) => {
    if (!anchor.startsWith('${')) return [anchor];
    const fromEach = /^\$\{each\.value\.([a-z0-9_]+)\}$/.exec(anchor)?.[1];
    if (fromEach !== undefined) return [...(eachValues(tf, body.for_each, fromEach)?.values() ?? [])].map(String);
    const fromLocal = /^\$\{local\.([a-z0-9_]+)\[each\.value\.[a-z0-9_]+\]\.([a-z0-9_]+)\}$/.exec(anchor);
    if (fromLocal) {
      const entries = entriesOfLocal(tf, fromLocal[1] as string);
      return entries ? entries.map((entry) => String(isObject(entry) ? entry[fromLocal[2] as string] : undefined)) : [`(unreadable ${anchor})`];
    }
    return [`(unreadable ${anchor})`];
  });
}

/** `${local.page_channels}`, `${local.ticket_channels}`, or a choice between the two; nothing else. */
export function channelProblem(channels: Json | undefined): string | undefined {
  if (typeof channels !== 'string' || !/^\$\{.*\}$/s.test(channels))
    return `notifies ${JSON.stringify(channels)}, not local.page_channels or local.ticket_channels`;
  const named = [...channels.matchAll(/(?<![\w.])(local|var)\.([a-z0-9_]+)/g)].map((m) => `${m[1]}.${m[2]}`);
  const lists = named.filter((name) => name.endsWith('_channels') || name.startsWith('var.'));
  if (lists.length === 0 || lists.some((name) => !channelLists.includes(name)) || /\[\s*\]/.test(channels))
    return `notifies ${channels}, not local.page_channels or local.ticket_channels`;
  return undefined;
}

/** What is wrong with every alert policy of terraform/ against the runbook, one readable line each. */
export function alertProblems(tf: Terraform, runbook: string): string[] {
  const sections = runbookSections(runbook);
  const problems: string[] = [];
  const policies = tf.resources.get('google_monitoring_alert_policy') ?? new Map<string, JsonObject>();
  for (const [name, body] of policies) {
    const where = `google_monitoring_alert_policy.${name}`;
    const documentation = asArray(body.documentation ?? [], `${where}.documentation`)
      .map((d) => String(asObject(d, `${where}.documentation`).content ?? ''))
      .join('\n');
    const anchors = linkedAnchors(tf, body, documentation);
    if (anchors.length === 0) problems.push(`${where}: its documentation links no ${runbookPath}#<section>`);
    for (const anchor of anchors) {
      const section = sections.get(anchor);
      if (section === undefined) problems.push(`${where}: links ${runbookPath}#${anchor}, which is no ## section of the runbook`);
      else if (!hasShellBlock(section)) problems.push(`${where}: the runbook's section #${anchor} has no fenced sh block of commands to copy`);
    }
    const channel = channelProblem(body.notification_channels);
    if (channel) problems.push(`${where}: ${channel}`);
    const conditions = asArray(body.conditions, `${where}.conditions`).map((c) => asObject(c, `${where}.conditions`));
    const rateLimited = asArray(body.alert_strategy ?? [], `${where}.alert_strategy`).some(
      (s) => isObject(s) && asArray(s.notification_rate_limit ?? [], 'notification_rate_limit').some((r) => isObject(r) && typeof r.period === 'string'),
    );
    if (conditions.some((c) => c.condition_matched_log !== undefined) && !rateLimited)
      problems.push(`${where}: a log-match condition needs alert_strategy.notification_rate_limit (the API refuses it without)`);
  }
  return problems;
}

/** A line of each kind the log-match alerts page on, in the shape its code writes it (and the code must log its event). */
const alertedLines: Record<string, Record<string, unknown>> = {
  'money-needs-human': { severity: 'ERROR', message: 'a refund Stripe refused', event: 'money.needs-human', reason: 'refund-failed', orderId: 'o1' },
  'task-given-up': { severity: 'ERROR', message: 'task given up', event: 'task.given-up', function: 'auctionClose', queue: 'auction-close', attempt: 150 },
  'delivery-poison': {
    severity: 'ERROR',
    message: 'poison message acknowledged',
    event: 'delivery.poison',
    function: 'auctionBids',
    messageId: 'm1',
    attempt: 1,
  },
  'reconcile-unexplained': { severity: 'ERROR', message: 'money: unexplained', event: 'reconcile.unexplained', currency: 'usd', cents: 1250 },
  'auction-hammer-missed': {
    severity: 'WARNING',
    message: 'auction sweep settled auctions whose hammer had not landed',
    event: 'auction.hammer-missed',
    count: 1,
    auctionIds: ['a1'],
  },
  'auction-sweep-failed': { severity: 'ERROR', message: 'auction sweep could not settle an auction', event: 'auction.sweep-failed', auctionId: 'a1' },
  'auction-bids-lost': { severity: 'ERROR', message: 'live auctions missing from the book were ended unsold', event: 'auction.bids-lost', auctionIds: ['a1'] },
  'reconcile-uncleared': {
    severity: 'ERROR',
    message: 'money: an account that must be empty is not',
    event: 'reconciliation.uncleared',
    account: 'held:o1',
    balanceCents: 500,
    currency: 'usd',
    why: 'held for nobody on an order done with',
  },
};

function sourceText(dir: string): string {
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'test' ? '' : sourceText(path);
      return name.endsWith('.ts') && !name.endsWith('.test.ts') ? readFileSync(path, 'utf8') : '';
    })
    .join('\n');
}

describe('every alert policy: a runbook section with commands, and someone told', () => {
  let tf: Terraform;
  beforeAll(async () => {
    tf = await loadTerraform();
  });

  it('has alert policies to check, the SLOs’ burn rates and the ones beyond them', () => {
    const names = [...(tf.resources.get('google_monitoring_alert_policy')?.keys() ?? [])].sort();
    expect(names).toEqual(expect.arrayContaining(['slo_burn', 'dead_letters', 'log_match', 'error_lines', 'uptime', 'instance_ceiling']));
  });

  it('links from every alert policy, for every key of a for_each, a runbook section that exists and has a shell block, and notifies a channel list', () => {
    expect(alertProblems(tf, runbookText)).toEqual([]);
  });

  it('fills both channel lists with notification channels terraform makes from variables without defaults', () => {
    const channels = tf.resources.get('google_monitoring_notification_channel') ?? new Map<string, JsonObject>();
    for (const list of ['page_channels', 'ticket_channels']) {
      const named = [...String(tf.locals[list]).matchAll(/google_monitoring_notification_channel\.([a-z0-9_]+)\.name/g)].map((m) => m[1] as string);
      expect(named.length).toBeGreaterThan(0);
      for (const name of named) expect(channels.has(name)).toBe(true);
    }
    const variablesRead = [...channels.values()].flatMap((body) => [...JSON.stringify(body).matchAll(/var\.([a-z0-9_]+)/g)].map((m) => m[1] as string));
    expect(variablesRead.sort()).toEqual(['page_email', 'page_webhook_url', 'ticket_email']);
    for (const name of variablesRead) expect(tf.variables.get(name)).not.toHaveProperty('default');
    expect(tf.variables.get('page_webhook_url')?.sensitive).toBe(true);
  });

  it('tells the page and ticket channels about the billing budget at 50, 90 and 100 % spent and when forecast over', () => {
    const budget = tf.resources.get('google_billing_budget')?.get('month');
    if (!budget) throw new Error('no google_billing_budget.month');
    const rules = asArray(budget.threshold_rules, 'threshold_rules').map((r) => asObject(r, 'threshold_rules'));
    expect(rules.map((r) => `${String(r.threshold_percent)} ${String(r.spend_basis ?? 'CURRENT_SPEND')}`)).toEqual([
      '0.5 CURRENT_SPEND',
      '0.9 CURRENT_SPEND',
      '1 CURRENT_SPEND',
      '1 FORECASTED_SPEND',
    ]);
    const notify = String(asObject(asArray(budget.all_updates_rule, 'all_updates_rule')[0], 'all_updates_rule').monitoring_notification_channels);
    expect(notify).toContain('local.page_channels');
    expect(notify).toContain('local.ticket_channels');
    expect(tf.variables.get('billing_account')).not.toHaveProperty('default');
  });

  it('matches with each log-match alert’s filter a line its code writes, and fills every label from it', () => {
    const alerts = asObject(tf.locals.log_match_alerts, 'local.log_match_alerts');
    expect(Object.keys(alerts).sort()).toEqual(Object.keys(alertedLines).sort());
    const code = sourceText(join(__dirname, '..', '..', 'shared')) + sourceText(join(__dirname, '..', '..', 'functions'));
    const problems: string[] = [];
    for (const [name, raw] of Object.entries(alerts)) {
      const alert = asObject(raw, name);
      const entry = logEntryOf(alertedLines[name] as Record<string, unknown>);
      if (!compileFilter(String(alert.filter))(entry)) problems.push(`${name}: its filter misses ${JSON.stringify(alertedLines[name])}`);
      for (const [label, extractor] of Object.entries(asObject(alert.labels, `${name}.labels`)))
        if (!compileExtractor(String(extractor))(entry)) problems.push(`${name}: label ${label} reads nothing`);
      for (const [, event] of String(alert.filter).matchAll(/jsonPayload\.event="([^"]+)"/g)) {
        const logged = code.includes(`event: '${event}'`);
        if (!logged) problems.push(`${name}: no code logs event: '${event}'`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('GIVEN a runbook without a linked section, a section without commands, or a policy that notifies nobody THEN each is found', () => {
    const policies = tf.resources.get('google_monitoring_alert_policy') as Map<string, JsonObject>;
    const noSection = runbookText.replace(/^## Money needs a human$/m, '## Money that needs a person');
    expect(alertProblems(tf, noSection)).toContainEqual(
      expect.stringMatching(/^google_monitoring_alert_policy\.log_match: links .*#money-needs-a-human, which is no ## section/),
    );
    const noCommands = runbookText.replace(/(^## Error lines$[\s\S]*?)^```sh$([\s\S]*?)^```$/m, '$1~~~text$2~~~');
    expect(alertProblems(tf, noCommands)).toContainEqual(
      "google_monitoring_alert_policy.error_lines: the runbook's section #error-lines has no fenced sh block of commands to copy",
    );
    const quiet: Terraform = { ...tf, resources: new Map(tf.resources) };
    quiet.resources.set(
      'google_monitoring_alert_policy',
      new Map([...policies, ['quiet', { ...(policies.get('error_lines') as JsonObject), notification_channels: [] }]]),
    );
    expect(alertProblems(quiet, runbookText)).toContainEqual(expect.stringMatching(/^google_monitoring_alert_policy\.quiet: notifies \[\]/));
    expect(channelProblem('${var.alert_notification_channels}')).toMatch(/not local\.page_channels/);
    expect(channelProblem('${local.page_channels}')).toBeUndefined();
  });
});
