/**
 * scripts/mutation-results.mjs: the committed mutation results written one line a mutant
 * without the reasons Stryker does not read, and named runs merged back by what they changed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = join(__dirname, '..', '..', '..', 'scripts', 'mutation-results.mjs');

interface Mutant {
  id: string;
  mutatorName: string;
  status: string;
  statusReason?: string;
  coveredBy: string[];
  killedBy?: string[];
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

function mutant(id: string, status: string, reason?: string): Mutant {
  return {
    id,
    mutatorName: 'EqualityOperator',
    status,
    ...(reason === undefined ? {} : { statusReason: reason }),
    coveredBy: ['1', '2', '3'],
    killedBy: status === 'Killed' ? ['2'] : [],
    location: { start: { line: Number(id) + 1, column: 3 }, end: { line: Number(id) + 1, column: 9 } },
  };
}

function results(files: Record<string, Mutant[]>, testFiles: Record<string, string> = {}) {
  return {
    files: Object.fromEntries(Object.entries(files).map(([path, mutants]) => [path, { language: 'typescript', source: 'a < b;\n', mutants }])),
    schemaVersion: '2',
    testFiles: Object.fromEntries(
      Object.entries(testFiles).map(([path, source]) => [
        path,
        { source, tests: [{ id: '1', name: `${path} works`, location: { start: { line: 1, column: 1 } } }] },
      ]),
    ),
    framework: { name: 'StrykerJS', version: '10.0.0', branding: { imageUrl: 'data:image/svg+xml;utf8,'.padEnd(5000, 'x') }, dependencies: { jest: '29.7.0' } },
  };
}

function written(value: unknown) {
  const file = join(mkdtempSync(join(tmpdir(), 'mutation-results-')), 'results.json');
  writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8' });
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8'));

describe('scripts/mutation-results.mjs', () => {
  it('writes each mutant on one line and drops the failing test’s message, keeping everything an incremental run reads', () => {
    const file = written(
      results({ 'shared/common/rules/money.ts': [mutant('0', 'Killed', 'Error: expected 1\n    at /tmp/sandbox-abc/x.ts:1'), mutant('1', 'Survived')] }),
    );
    expect(run('compact', file).status).toBe(0);

    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    expect(lines.filter((l) => l.includes('"mutatorName"'))).toHaveLength(2);
    expect(text).not.toContain('statusReason');
    expect(text).not.toContain('branding');
    const { statusReason: _reason, ...killed } = mutant('0', 'Killed', 'x');
    expect(read(file).files['shared/common/rules/money.ts'].mutants).toEqual([killed, mutant('1', 'Survived')]);
    expect(read(file).framework).toEqual({ name: 'StrykerJS', version: '10.0.0', dependencies: { jest: '29.7.0' } });
  });

  it('writes the same results the same way whatever order their files came in', () => {
    const a = written(results({ 'b.ts': [mutant('0', 'Killed')], 'a.ts': [mutant('0', 'Survived')] }));
    const b = written(results({ 'a.ts': [mutant('0', 'Survived')], 'b.ts': [mutant('0', 'Killed')] }));
    run('compact', a);
    run('compact', b);
    expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
  });

  it('merges from each run only the files it was run on, so a run’s stale copy of another run’s file does not win', () => {
    const base = results({ 'a.ts': [mutant('0', 'Survived')], 'b.ts': [mutant('0', 'Survived')] }, { 'a.test.ts': 'old a', 'b.test.ts': 'old b' });
    const runA = results({ 'a.ts': [mutant('0', 'Killed')], 'b.ts': [mutant('0', 'Survived')] }, { 'a.test.ts': 'new a', 'b.test.ts': 'old b' });
    // Run b re-tested b.ts and holds a stale, different a.ts; it ran last.
    const runB = results({ 'a.ts': [mutant('0', 'NoCoverage')], 'b.ts': [mutant('0', 'Killed')] }, { 'a.test.ts': 'new a', 'b.test.ts': 'new b' });
    const into = written(base);
    const [fileA, fileB] = [written(runA), written(runB)];
    utimesSync(fileA, new Date(1_000_000), new Date(1_000_000));
    expect(run('merge', into, `${fileB}=b.ts`, `${fileA}=a.ts`).status).toBe(0);

    const merged = read(into);
    expect(merged.files['a.ts'].mutants[0].status).toBe('Killed');
    expect(merged.files['b.ts'].mutants[0].status).toBe('Killed');
    expect(merged.testFiles['a.test.ts'].source).toBe('new a');
    expect(merged.testFiles['b.test.ts'].source).toBe('new b');
  });

  it('carries each mutant’s covering and killing tests over by their file and name, whatever ids each run gave them', () => {
    const testFile = (names: string[], firstId: number) => ({
      source: names.join('\n'),
      tests: names.map((name, i) => ({ id: String(firstId + i), name, location: { start: { line: i + 1, column: 1 } } })),
    });
    const killedBy = (id: string, coveredBy: string[], killer: string) => ({ ...mutant(id, 'Killed'), coveredBy, killedBy: [killer] });
    const base = { ...results({ 'a.ts': [mutant('0', 'Survived')] }), testFiles: { 'a.test.ts': testFile(['splits', 'rounds'], 0) } };
    // Run a numbered its tests otherwise and added one before the others; run b, later, numbered
    // them otherwise again, and its view of the test files is the one kept.
    const runA = {
      ...results({ 'a.ts': [killedBy('0', ['11', '12'], '12')] }),
      testFiles: { 'a.test.ts': testFile(['refuses', 'splits', 'rounds'], 10) },
    };
    const runB = {
      ...results({ 'b.ts': [killedBy('0', ['20'], '20')] }),
      testFiles: { 'b.test.ts': testFile(['spreads'], 20), 'a.test.ts': testFile(['refuses', 'splits', 'rounds'], 21) },
    };
    const into = written(base);
    const [fileA, fileB] = [written(runA), written(runB)];
    utimesSync(fileA, new Date(1_000_000), new Date(1_000_000));
    expect(run('merge', into, `${fileA}=a.ts`, `${fileB}=b.ts`).status).toBe(0);

    const merged = read(into);
    const nameOf = (id: string) => merged.testFiles['a.test.ts'].tests.find((t: { id: string }) => t.id === id)?.name;
    const [merged0] = merged.files['a.ts'].mutants;
    expect(merged0.coveredBy.map(nameOf)).toEqual(['splits', 'rounds']);
    expect(merged0.killedBy.map(nameOf)).toEqual(['rounds']);
    const [mergedB] = merged.files['b.ts'].mutants;
    expect(mergedB.killedBy.map((id: string) => merged.testFiles['b.test.ts'].tests.find((t: { id: string }) => t.id === id)?.name)).toEqual(['spreads']);
  });

  it('refuses a run whose files it was run on are not named', () => {
    expect(run('merge', written(results({})), written(results({}))).status).toBe(2);
  });

  it('forgets the static mutants that survived or were not covered, so the next run tests them again, and keeps every other result', () => {
    const staticOne = (id: string, status: string) => ({ ...mutant(id, status), static: true });
    const file = written(results({ 'a.ts': [staticOne('0', 'Survived'), staticOne('1', 'NoCoverage'), staticOne('2', 'Killed'), mutant('3', 'Survived')] }));
    expect(run('forget-static-survivors', file).status).toBe(0);
    expect(read(file).files['a.ts'].mutants.map((m: Mutant) => m.id)).toEqual(['2', '3']);
  });

  it('refuses to run without a command it knows', () => {
    const out = run('squash');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('usage:');
  });
});
