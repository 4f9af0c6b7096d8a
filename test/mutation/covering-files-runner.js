/**
 * Jest's own test-file runner, but on a mutant's run it opens only the test files that hold a
 * test covering the mutant.
 *
 * Why: Stryker's jest runner names the covering tests (a `testNamePattern`) and lets jest find
 * the test files related to the mutated file. Every module reaches the others through their
 * index, so nearly every test file is related to every rule file, and jest loads each one (its
 * whole module graph) only to find none of its tests match: seconds per mutant for a few
 * milliseconds of tests.
 *
 * How: on Stryker's dry run (no active mutant) it records which test names each file holds, in
 * the sandbox; on a mutant's run it keeps the files with at least one name the pattern matches,
 * as jest-circus matches it (case-insensitively, anywhere in the full name), so the tests that
 * run are exactly those jest would have run. With no record, or nothing matched, every file
 * jest chose runs.
 *
 * A static mutant (a constant loaded at import) has no covering tests: Stryker names none, and
 * jest would run every file. Here it runs the test files of the mutated file's own module
 * (`shared/<module>/test/`) and every test file that imports it by its path. A test elsewhere
 * that would have killed it through another module is not run, so the mutant can only be
 * scored as surviving when it might have been killed, never the other way: the score errs low,
 * and the fix is a test in the module that owns the rule. (Every test: 1 to 2 minutes a
 * static mutant on two cores; its module's: seconds.)
 */
const fs = require('node:fs');
const path = require('node:path');
const { default: JestRunner } = require('jest-runner');

const activeMutantVariable = '__STRYKER_ACTIVE_MUTANT__';
/** Set by Stryker on each of its worker processes: this runner records only there. */
const strykerWorkerVariable = 'STRYKER_MUTATOR_WORKER';

class CoveringFilesRunner extends JestRunner {
  async runTests(tests, watcher, options) {
    const recordFile = path.join(this._globalConfig.rootDir, '.stryker-test-names.json');
    const pattern = this._globalConfig.testNamePattern;
    if (process.env[activeMutantVariable] !== undefined && pattern) {
      return super.runTests(coveringFiles(tests, pattern, readRecord(recordFile)), watcher, options);
    }
    const mutated = this._globalConfig.nonFlagArgs ?? [];
    if (process.env[activeMutantVariable] !== undefined && mutated.length === 1) {
      return super.runTests(moduleFiles(tests, mutated[0], this._globalConfig.rootDir), watcher, options);
    }
    if (process.env[activeMutantVariable] === undefined && process.env[strykerWorkerVariable] !== undefined) {
      return this.#recording(tests, watcher, options, recordFile);
    }
    return super.runTests(tests, watcher, options);
  }

  async #recording(tests, watcher, options, recordFile) {
    const namesByFile = {};
    const stop = this.on('test-file-success', ([test, result]) => {
      namesByFile[test.path] = result.testResults.map((t) => t.fullName);
    });
    try {
      await super.runTests(tests, watcher, options);
    } finally {
      stop();
    }
    fs.writeFileSync(recordFile, JSON.stringify(namesByFile));
  }
}

let record;
function readRecord(file) {
  if (record === undefined && fs.existsSync(file)) record = JSON.parse(fs.readFileSync(file, 'utf8'));
  return record;
}

function coveringFiles(tests, pattern, namesByFile) {
  if (namesByFile === undefined) return tests;
  const covering = new RegExp(pattern, 'i');
  const kept = tests.filter((test) => {
    const names = namesByFile[test.path];
    return names === undefined || names.some((name) => covering.test(name));
  });
  return kept.length > 0 ? kept : tests;
}

/**
 * For a static mutant of `mutatedFile`: the test files under its module's `test/` folder and
 * those that import it by a relative path. All of them when the file is not in a module.
 */
function moduleFiles(tests, mutatedFile, rootDir, readSource = (file) => fs.readFileSync(file, 'utf8')) {
  const relative = path.relative(rootDir, mutatedFile).split(path.sep);
  if (relative[0] !== 'shared' || relative.length < 3) return tests;
  const ownTests = path.join(rootDir, 'shared', relative[1], 'test') + path.sep;
  const withoutExtension = mutatedFile.replace(/\.ts$/, '');
  const importsIt = (testFile) =>
    [...readSource(testFile).matchAll(/from '(\.{1,2}\/[^']+)'/g)].some((m) => path.resolve(path.dirname(testFile), m[1]) === withoutExtension);
  const kept = tests.filter((test) => test.path.startsWith(ownTests) || importsIt(test.path));
  return kept.length > 0 ? kept : tests;
}

module.exports = CoveringFilesRunner;
module.exports.coveringFiles = coveringFiles;
module.exports.moduleFiles = moduleFiles;
