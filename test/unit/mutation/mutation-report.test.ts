/**
 * scripts/mutation-report.mjs: the score of each file and group from Stryker's JSON report, the
 * check against each group's thresholds, and the surviving mutants one a line.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', '..', 'scripts', 'mutation-report.mjs');

type Status = 'Killed' | 'Survived' | 'NoCoverage' | 'Timeout' | 'Ignored' | 'CompileError';

/** `n` mutants of one status, each on its own line of the file. */
function mutants(status: Status, n: number, firstLine = 1) {
  return Array.from({ length: n }, (_, i) => ({
    id: `${status}-${firstLine + i}`,
    mutatorName: 'EqualityOperator',
    replacement: 'a !== b',
    status,
    location: { start: { line: firstLine + i, column: 3 }, end: { line: firstLine + i, column: 10 } },
  }));
}

function reportOf(files: Record<string, ReturnType<typeof mutants>>) {
  const source = Array.from({ length: 200 }, () => '  a === b;').join('\n');
  const dir = mkdtempSync(join(tmpdir(), 'mutation-report-'));
  const file = join(dir, 'mutation.json');
  const entries = Object.entries(files).map(([name, list]) => [name, { language: 'typescript', source, mutants: list }]);
  writeFileSync(file, JSON.stringify({ schemaVersion: '1.0', thresholds: { high: 95, low: 85 }, files: Object.fromEntries(entries) }));
  return file;
}

const runReport = (report: string, ...flags: string[]) => spawnSync(process.execPath, [script, '--report', report, ...flags], { encoding: 'utf8' });

describe('scripts/mutation-report.mjs', () => {
  it('scores a file over its valid mutants: a timeout counts as found, ignored and uncompiled ones not at all', () => {
    const report = reportOf({
      'shared/common/rules/money.ts': [...mutants('Killed', 15), ...mutants('Timeout', 2, 20), ...mutants('Survived', 1, 30), ...mutants('NoCoverage', 2, 40)],
      'shared/guild/rules/guild.ts': [...mutants('Killed', 9), ...mutants('Ignored', 5, 20), ...mutants('CompileError', 3, 30), ...mutants('Survived', 1, 40)],
    });
    const out = runReport(report).stdout;
    // 17 found of 20 valid; 9 of 10.
    expect(out).toMatch(/shared\/common\/rules\/money\.ts\s+20\s+15\s+1\s+2\s+2\s+0\s+0\s+85\.00%/);
    expect(out).toMatch(/shared\/guild\/rules\/guild\.ts\s+18\s+9\s+1\s+0\s+0\s+5\s+3\s+90\.00%/);
  });

  it('puts money, payments, races, auctions and the pure files they decide with in the strict group, the other rules in the other', () => {
    const files = ['shared/common/rules/money.ts', 'shared/payments/rules/refunds.ts', 'shared/races/rules/wallet.ts', 'shared/auctions/rules/auction.ts'];
    const report = reportOf(
      Object.fromEntries(
        [...files, 'shared/stripe-limits.ts', 'shared/ports/auction-book.ts', 'shared/common/rules/ids.ts'].map((f) => [f, mutants('Killed', 1)]),
      ),
    );
    const out = runReport(report).stdout;
    const strict = out.slice(out.indexOf('money and auctions ('), out.indexOf('= money and auctions'));
    for (const file of [...files, 'shared/stripe-limits.ts', 'shared/ports/auction-book.ts']) expect(strict).toContain(file);
    expect(strict).not.toContain('shared/common/rules/ids.ts');
    expect(out.slice(out.indexOf('other rules ('))).toContain('shared/common/rules/ids.ts');
  });

  it('fails the check when a money file is below 90% though its group is at 95%', () => {
    const report = reportOf({
      'shared/payments/rules/refunds.ts': [...mutants('Killed', 8), ...mutants('Survived', 2, 20)],
      'shared/payments/rules/order.ts': mutants('Killed', 190),
    });
    const run = runReport(report, '--check');
    expect(run.stdout).toMatch(/= money and auctions\s+200\s+198\s+2\s+0\s+0\s+0\s+0\s+99\.00%/);
    expect(run.stdout).toContain('shared/payments/rules/refunds.ts: 80.00% < 90%');
    expect(run.status).toBe(1);
  });

  it('fails the check when the money group is below 95% though each of its files is at 90%', () => {
    const report = reportOf({
      'shared/races/rules/sale.ts': [...mutants('Killed', 9), ...mutants('Survived', 1, 20)],
      'shared/races/rules/wallet.ts': [...mutants('Killed', 9), ...mutants('NoCoverage', 1, 20)],
    });
    const run = runReport(report, '--check');
    expect(run.stdout).toContain('money and auctions: 90.00% < 95%');
    expect(run.stdout).not.toContain('sale.ts: 90.00%');
    expect(run.status).toBe(1);
  });

  it('holds another rule file to 85%', () => {
    const below = runReport(reportOf({ 'shared/shows/rules/show.ts': [...mutants('Killed', 84), ...mutants('Survived', 16, 100)] }), '--check');
    expect(below.stdout).toContain('shared/shows/rules/show.ts: 84.00% < 85%');
    expect(below.status).toBe(1);
    const at = runReport(reportOf({ 'shared/shows/rules/show.ts': [...mutants('Killed', 85), ...mutants('Survived', 15, 100)] }), '--check');
    expect(at.stdout).toContain('Every group and file is at or above its threshold.');
    expect(at.status).toBe(0);
  });

  it('only reports a shortfall without --check, and exits 0', () => {
    const run = runReport(reportOf({ 'shared/shows/rules/show.ts': [...mutants('Killed', 1), ...mutants('Survived', 1, 20)] }));
    expect(run.stdout).toContain('shared/shows/rules/show.ts: 50.00% < 85%');
    expect(run.status).toBe(0);
  });

  it('lists each surviving and uncovered mutant as file:line:column, mutator, what it replaced and with what', () => {
    const report = reportOf({ 'shared/races/rules/sale.ts': [...mutants('Killed', 1), ...mutants('Survived', 1, 7), ...mutants('NoCoverage', 1, 9)] });
    const lines = runReport(report, '--survivors').stdout.split('\n');
    const listed = lines.slice(lines.indexOf('Surviving and uncovered mutants:') + 1, lines.indexOf('Surviving and uncovered mutants:') + 3);
    expect(listed).toEqual([
      'shared/races/rules/sale.ts:7:3 EqualityOperator a === b -> a !== b',
      'shared/races/rules/sale.ts:9:3 EqualityOperator a === b -> a !== b (no coverage)',
    ]);
  });

  it('prints the table in Markdown for the reliability page, a group’s total under its files', () => {
    const report = reportOf({ 'shared/races/rules/sale.ts': [...mutants('Killed', 19), ...mutants('Survived', 1, 30)] });
    const lines = runReport(report, '--markdown').stdout.trim().split('\n');
    expect(lines[0]).toBe('| file | mutants | killed | survived | no cov | timeout | ignored | score |');
    expect(lines).toContain('| `shared/races/rules/sale.ts` | 20 | 19 | 1 | 0 | 0 | 0 | 95.0 % |');
    expect(lines).toContain('| **money and auctions** (≥ 95 %, each file ≥ 90 %) | 20 | 19 | 1 | 0 | 0 | 0 | 95.0 % |');
  });

  it('names the rule files the report holds no results for, and does not fail --check for them', () => {
    const run = spawnSync(process.execPath, [script, '--report', reportOf({ 'shared/common/rules/money.ts': mutants('Killed', 1) }), '--check'], {
      encoding: 'utf8',
      cwd: join(__dirname, '..', '..', '..'),
    });
    const unmeasured = run.stdout.slice(run.stdout.indexOf('Not measured yet'), run.stdout.indexOf('Changed since measured'));
    expect(unmeasured).toContain('shared/payments/rules/refunds.ts');
    expect(unmeasured).not.toContain('shared/common/rules/money.ts');
    expect(run.status).toBe(0);
  });

  it('names the files whose source changed since their results were taken, and only those', () => {
    const money = readFileSync(join(__dirname, '..', '..', '..', 'shared', 'common', 'rules', 'money.ts'), 'utf8');
    const report = JSON.parse(
      readFileSync(reportOf({ 'shared/common/rules/money.ts': mutants('Killed', 1), 'shared/stripe-limits.ts': mutants('Killed', 1) }), 'utf8'),
    ) as {
      files: Record<string, { source: string }>;
    };
    (report.files['shared/common/rules/money.ts'] as { source: string }).source = money;
    const file = join(mkdtempSync(join(tmpdir(), 'mutation-report-')), 'mutation.json');
    writeFileSync(file, JSON.stringify(report));
    const run = spawnSync(process.execPath, [script, '--report', file, '--check'], { encoding: 'utf8', cwd: join(__dirname, '..', '..', '..') });
    const changed = run.stdout.slice(run.stdout.indexOf('Changed since measured'));
    expect(changed).toContain('shared/stripe-limits.ts');
    expect(changed).not.toContain('shared/common/rules/money.ts');
    expect(run.status).toBe(0);
  });
});
