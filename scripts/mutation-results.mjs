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
 *   node scripts/mutation-results.mjs merge <into> <results>=<file>,<file> ...
 *   node scripts/mutation-results.mjs forget-static-survivors [file]
 *
 * `merge` joins runs made side by side on other files (the C500_MUTATE_RUN runs of
 * scripts/mutate.mjs): from each run's results, the mutated files it was run on (a run keeps
 * stale copies of the others, which must not win). A full `npm run mutate` afterwards re-tests
 * whatever the joined results and the tests on disk disagree on.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
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
 * `into` with, from each run, the mutated files it owns (`{ results, files }`, later runs
 * winning), and every test file as the latest run that saw it had it.
 *
 * A test is named in a mutant's `coveredBy` and `killedBy` by an id that is only good inside the
 * results it came from, so each mutant's tests are carried over by what names a test for good:
 * its file and its full name. A test the latest view no longer has is dropped from the mutants
 * that named it: a mutant it killed is then tested again, as it should be.
 */
export function merge(into, runs) {
  const sources = [{ results: into, files: Object.keys(into.files) }, ...runs];
  const testFiles = {};
  for (const { results } of sources) Object.assign(testFiles, results.testFiles);

  const idByName = new Map();
  const mergedTestFiles = {};
  let nextId = 0;
  for (const [path, testFile] of Object.entries(testFiles).sort(([a], [b]) => a.localeCompare(b))) {
    const tests = testFile.tests.map((test) => {
      const id = String(nextId++);
      idByName.set(testName(path, test.name), id);
      return { ...test, id };
    });
    mergedTestFiles[path] = { ...testFile, tests };
  }

  const files = {};
  for (const { results, files: owned } of sources) {
    const nameById = new Map();
    for (const [path, testFile] of Object.entries(results.testFiles ?? {})) for (const test of testFile.tests) nameById.set(test.id, testName(path, test.name));
    const carried = (ids) => (ids ?? []).map((id) => idByName.get(nameById.get(id))).filter((id) => id !== undefined);
    for (const path of owned) {
      const file = results.files[path];
      if (file === undefined) continue;
      const mutants = file.mutants.map((mutant) => ({
        ...mutant,
        ...(mutant.coveredBy === undefined ? {} : { coveredBy: carried(mutant.coveredBy) }),
        ...(mutant.killedBy === undefined ? {} : { killedBy: carried(mutant.killedBy) }),
      }));
      files[path] = { ...file, mutants };
    }
  }
  return { ...into, files, testFiles: mergedTestFiles };
}

const testName = (path, name) => `${path}\n${name}`;

/**
 * The results less their static mutants that survived or were not covered. A static mutant runs
 * at import, so no test is said to cover it, and an incremental run reuses its old result even
 * after a test that kills it was added: forgetting it has it tested again (all tests, so slow).
 * Only in the files `inFile` says a run will mutate: the others' results are kept as they are.
 */
export function withoutStaticSurvivors(results, inFile = () => true) {
  const undetectedStatic = (m) => m.static && (m.status === 'Survived' || m.status === 'NoCoverage');
  const files = Object.fromEntries(
    Object.entries(results.files).map(([path, file]) => [path, inFile(path) ? { ...file, mutants: file.mutants.filter((m) => !undetectedStatic(m)) } : file]),
  );
  return { ...results, files };
}

function main([command, ...files]) {
  if (command === 'compact') return compact(files[0]);
  if (command === 'forget-static-survivors') {
    const file = files[0] ?? committedResults;
    writeFileSync(file, render(withoutStaticSurvivors(JSON.parse(readFileSync(file, 'utf8')))));
    return;
  }
  if (command === 'merge' && files.length >= 2 && files.slice(1).every((arg) => arg.includes('='))) {
    const [into, ...from] = files;
    const read = (file) => JSON.parse(readFileSync(file, 'utf8'));
    const runs = from
      .map((arg) => arg.split('='))
      .map(([file, owned]) => ({ file, results: read(file), files: owned.split(',') }))
      // The latest run's view of a test file is the one closest to the files on disk.
      .sort((a, b) => statSync(a.file).mtimeMs - statSync(b.file).mtimeMs);
    writeFileSync(into, render(merge(read(into), runs)));
    return;
  }
  console.error('usage: node scripts/mutation-results.mjs compact [file] | merge <into> <results>=<file>,<file> ... | forget-static-survivors [file]');
  process.exitCode = 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
