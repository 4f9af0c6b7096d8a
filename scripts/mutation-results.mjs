/**
 * The committed mutation results (test/mutation/stryker-incremental.json), kept small and
 * line-oriented so that a commit of them diffs by the mutants that changed.
 *
 * Stryker writes its incremental file pretty-printed, every test id of every mutant on a line
 * of its own, with each mutant's `statusReason` (a failing test's message and stack, with the
 * sandbox's random path in it). Incremental runs read only a mutant's status, where it is and
 * which tests cover and kill it, so the reason is dropped and each mutant and each test is
 * written on one line: a run that re-tests ten mutants changes ten lines.
 *
 *   node scripts/mutation-results.mjs compact [file]
 *   node scripts/mutation-results.mjs merge <into> <from> [<from> ...]
 *
 * `merge` takes, for each mutated file, the results of the last run that holds it, and each
 * test file as that run saw it: for joining runs made side by side on other files (the
 * C500_MUTATE_RUN runs of scripts/mutate.mjs). A full `npm run mutate` afterwards re-tests
 * whatever the joined results do not agree with.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const committedResults = 'test/mutation/stryker-incremental.json';

const line = (value) => JSON.stringify(value);

function withoutReason({ statusReason: _reason, ...mutant }) {
  return mutant;
}

function listLines(items, indent) {
  if (items.length === 0) return '[]';
  return `[\n${items.map((item) => `${indent}  ${line(item)}`).join(',\n')}\n${indent}]`;
}

function entryLines(entries, indent, render) {
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([key, value]) => `${indent}  ${line(key)}: ${render(value, `${indent}  `)}`).join(',\n')}\n${indent}}`;
}

function fileLines(file, indent, listKey, item) {
  const rest = Object.entries(file).filter(([key]) => key !== listKey);
  const fields = rest.map(([key, value]) => `${indent}  ${line(key)}: ${line(value)}`);
  fields.push(`${indent}  ${line(listKey)}: ${listLines((file[listKey] ?? []).map(item), `${indent}  `)}`);
  return `{\n${fields.join(',\n')}\n${indent}}`;
}

/** The results as the committed file holds them: sorted by path, one line a mutant or test. */
export function render(results) {
  const sorted = (record) => Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b));
  const top = [];
  for (const [key, value] of Object.entries(results)) {
    if (key === 'files') top.push(`  "files": ${entryLines(sorted(value), '  ', (f, i) => fileLines(f, i, 'mutants', withoutReason))}`);
    else if (key === 'testFiles') top.push(`  "testFiles": ${entryLines(sorted(value), '  ', (f, i) => fileLines(f, i, 'tests', (t) => t))}`);
    // The framework's branding (an inline logo) says nothing a run needs.
    else if (key === 'framework') top.push(`  "framework": ${line({ name: value.name, version: value.version, dependencies: value.dependencies })}`);
    else top.push(`  ${line(key)}: ${line(value)}`);
  }
  return `{\n${top.join(',\n')}\n}\n`;
}

/** The mutated files the committed results hold. */
export function measuredFiles(file = committedResults) {
  return Object.keys(JSON.parse(readFileSync(file, 'utf8')).files).sort();
}

export function compact(file = committedResults) {
  writeFileSync(file, render(JSON.parse(readFileSync(file, 'utf8'))));
}

/**
 * `into` with what each of `runs` changed: a mutated file or a test file whose results differ
 * from `into`'s (each run started from a copy of `into`, so what it did not run is as `into`
 * has it). Where two runs changed one file, the later wins.
 */
export function merge(into, runs) {
  const merged = { ...into, files: { ...into.files }, testFiles: { ...into.testFiles } };
  const changed = (base, record) => Object.entries(record ?? {}).filter(([path, value]) => line(comparable(base?.[path])) !== line(comparable(value)));
  for (const run of runs) {
    for (const [path, value] of changed(into.files, run.files)) merged.files[path] = value;
    for (const [path, value] of changed(into.testFiles, run.testFiles)) merged.testFiles[path] = value;
  }
  return merged;
}

/** A file's results without the reasons, which differ from run to run for the same outcome. */
function comparable(file) {
  return file?.mutants === undefined ? file : { ...file, mutants: file.mutants.map(withoutReason) };
}

function main([command, ...files]) {
  if (command === 'compact') return compact(files[0]);
  if (command === 'merge' && files.length >= 2) {
    const [into, ...from] = files;
    const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
    writeFileSync(into, render(merge(read(into), from.map(read))));
    return;
  }
  console.error('usage: node scripts/mutation-results.mjs compact [file] | merge <into> <from> [<from> ...]');
  process.exitCode = 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
