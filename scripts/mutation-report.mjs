/**
 * Reads Stryker's JSON report (reports/mutation/mutation.json) and prints the mutation score of
 * each file and each group (scripts/mutation-groups.mjs).
 *
 *   node scripts/mutation-report.mjs [--check] [--survivors] [--report <file>]
 *
 * --check      exits 1 when a group or a file is below its group's threshold.
 * --survivors  also lists each surviving or uncovered mutant: file:line mutator replacement.
 * --markdown   prints the table as Markdown instead (docs/reliability.md keeps it).
 *
 * The report holds every file the committed results know (a run over some files keeps the
 * others' results), so a group is scored over every one of its files that has been run.
 */
import { globSync, readFileSync } from 'node:fs';
import { matchesGlob } from 'node:path';
import { pathToFileURL } from 'node:url';
import { groups, mutatedFiles } from './mutation-groups.mjs';

const undetected = new Set(['Survived', 'NoCoverage']);

function parseArgs(argv) {
  const args = { check: false, survivors: false, markdown: false, report: 'reports/mutation/mutation.json' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--check') args.check = true;
    else if (argv[i] === '--survivors') args.survivors = true;
    else if (argv[i] === '--markdown') args.markdown = true;
    else if (argv[i] === '--report') args.report = argv[++i];
    else throw new Error(`mutation-report: unknown argument ${argv[i]}`);
  }
  return args;
}

/** The counts of one file's mutants, by what became of them. */
export function countMutants(mutants) {
  const counts = { mutants: mutants.length, killed: 0, survived: 0, noCoverage: 0, timeout: 0, ignored: 0, errors: 0 };
  for (const { status } of mutants) {
    if (status === 'Killed') counts.killed++;
    else if (status === 'Survived') counts.survived++;
    else if (status === 'NoCoverage') counts.noCoverage++;
    else if (status === 'Timeout') counts.timeout++;
    else if (status === 'Ignored') counts.ignored++;
    else counts.errors++;
  }
  return counts;
}

/** Detected over valid mutants, in percent; a file with no valid mutant scores 100. */
export function score(counts) {
  const found = counts.killed + counts.timeout;
  const valid = found + counts.survived + counts.noCoverage;
  return valid === 0 ? 100 : (100 * found) / valid;
}

function addCounts(total, counts) {
  for (const key of Object.keys(counts)) total[key] = (total[key] ?? 0) + counts[key];
  return total;
}

export function groupOf(fileName) {
  return groups.find((group) => group.patterns.some((pattern) => matchesGlob(fileName, pattern)));
}

/** Each group with its files' counts and scores, and what falls short of a threshold. */
export function assess(report) {
  const rows = groups.map((group) => ({ group, files: [], total: {} }));
  for (const [fileName, { mutants }] of Object.entries(report.files)) {
    const row = rows[groups.indexOf(groupOf(fileName))];
    const counts = countMutants(mutants);
    row.files.push({ fileName, counts, score: score(counts) });
    addCounts(row.total, counts);
  }
  const shortfalls = [];
  for (const row of rows.filter((r) => r.files.length > 0)) {
    row.files.sort((a, b) => a.fileName.localeCompare(b.fileName));
    row.score = score(row.total);
    if (row.score < row.group.min.group) shortfalls.push(`${row.group.name}: ${row.score.toFixed(2)}% < ${row.group.min.group}%`);
    for (const file of row.files) if (file.score < row.group.min.file) shortfalls.push(`${file.fileName}: ${file.score.toFixed(2)}% < ${row.group.min.file}%`);
  }
  return { rows: rows.filter((r) => r.files.length > 0), shortfalls };
}

const columns = ['mutants', 'killed', 'survived', 'noCoverage', 'timeout', 'ignored', 'errors'];
const headings = ['mutants', 'killed', 'survived', 'no cov', 'timeout', 'ignored', 'errors', 'score'];

function line(name, counts, scoreValue, nameWidth) {
  const cells = columns.map((key) => String(counts[key]).padStart(8));
  return `${name.padEnd(nameWidth)} ${cells.join(' ')} ${scoreValue.toFixed(2).padStart(7)}%`;
}

export function table({ rows }) {
  const nameWidth = Math.max(...rows.flatMap((row) => row.files.map((f) => f.fileName.length)), 30);
  const out = [`${'file'.padEnd(nameWidth)} ${headings.map((h) => h.padStart(8)).join(' ')}`];
  for (const row of rows) {
    out.push('', `${row.group.name} (group >= ${row.group.min.group}%, each file >= ${row.group.min.file}%)`);
    for (const file of row.files) out.push(line(file.fileName, file.counts, file.score, nameWidth));
    out.push(line(`= ${row.group.name}`, row.total, row.score, nameWidth));
  }
  return out.join('\n');
}

/** The same table in Markdown, a group's total in bold under its files. */
export function markdownTable({ rows }) {
  const out = ['| file | mutants | killed | survived | no cov | timeout | ignored | score |', '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'];
  const cells = (counts, scoreValue) =>
    [counts.mutants, counts.killed, counts.survived, counts.noCoverage, counts.timeout, counts.ignored, `${scoreValue.toFixed(1)} %`].join(' | ');
  for (const row of rows) {
    for (const file of row.files) out.push(`| \`${file.fileName}\` | ${cells(file.counts, file.score)} |`);
    out.push(`| **${row.group.name}** (≥ ${row.group.min.group} %, each file ≥ ${row.group.min.file} %) | ${cells(row.total, row.score)} |`);
  }
  return out.join('\n');
}

/** The source text a mutant replaces, on one line and cut short. */
function originalText(source, { start, end }) {
  const lines = source.split('\n');
  const text = start.line === end.line ? lines[start.line - 1].slice(start.column - 1, end.column - 1) : `${lines[start.line - 1].slice(start.column - 1)} …`;
  return clipped(text);
}

const clipped = (text) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
};

/** Surviving and uncovered mutants, one a line: file:line:column mutator original -> replacement. */
export function survivors(report) {
  const out = [];
  for (const [fileName, { mutants, source }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const left = mutants.filter((m) => undetected.has(m.status));
    left.sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    for (const m of left) {
      const { line: at, column } = m.location.start;
      const was = source === undefined ? '' : `${originalText(source, m.location)} -> `;
      out.push(`${fileName}:${at}:${column} ${m.mutatorName} ${was}${clipped(m.replacement ?? '')}${m.status === 'NoCoverage' ? ' (no coverage)' : ''}`);
    }
  }
  return out.join('\n');
}

/** Files Stryker would mutate that the report holds no results for. */
export function unmeasuredFiles(report) {
  const all = new Set(mutatedFiles.flatMap((pattern) => globSync(pattern)));
  return [...all].filter((file) => report.files[file] === undefined).sort();
}

/** Files whose source differs from the one their results were measured on: their scores are of older code. */
export function changedSinceMeasured(report, read = (file) => readFileSync(file, 'utf8')) {
  return Object.entries(report.files)
    .filter(([file, { source }]) => {
      try {
        return source !== undefined && read(file) !== source;
      } catch {
        return true;
      }
    })
    .map(([file]) => file)
    .sort();
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const report = JSON.parse(readFileSync(args.report, 'utf8'));
  const assessment = assess(report);
  if (args.markdown) {
    console.log(markdownTable(assessment));
    return;
  }
  console.log(table(assessment));
  if (args.survivors) console.log(`\nSurviving and uncovered mutants:\n${survivors(report)}`);
  const unmeasured = unmeasuredFiles(report);
  if (unmeasured.length > 0) console.log(`\nNot measured yet (no results; \`npm run mutate -- <file>\` measures one):\n  ${unmeasured.join('\n  ')}`);
  const changed = changedSinceMeasured(report);
  if (changed.length > 0)
    console.log(`\nChanged since measured (scored on older code; \`npm run mutate -- <file>\` measures it again):\n  ${changed.join('\n  ')}`);
  if (assessment.shortfalls.length === 0) {
    console.log('\nEvery group and file is at or above its threshold.');
    return;
  }
  console.log(`\nBelow threshold:\n  ${assessment.shortfalls.join('\n  ')}`);
  if (args.check) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();
