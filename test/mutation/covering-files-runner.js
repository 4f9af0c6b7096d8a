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
 * run are exactly those jest would have run. With no pattern (a static mutant: all tests run),
 * no record, or nothing matched, every file jest chose runs.
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

module.exports = CoveringFilesRunner;
module.exports.coveringFiles = coveringFiles;
