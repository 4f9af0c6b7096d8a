/**
 * `npm run mutate`: Stryker over the rules (stryker.config.mjs), incrementally, then the score
 * of each file and group (scripts/mutation-report.mjs). Heavy: run it under `nice -n 19`.
 *
 *   npm run mutate                         every rule file; updates the committed results file
 *   npm run mutate -- <file|glob> ...      only those (Stryker's --mutate; `file.ts:10-30` works)
 *   npm run mutate -- --check              fails when a group or file is below its threshold
 *   npm run mutate -- --survivors          lists the surviving mutants too
 *   npm run mutate -- --static-again       tests again the static mutants that survived (an
 *                                          incremental run reuses them even after a new test)
 *   npm run mutate -- --measured           only the files the committed results hold (CI: a
 *                                          file with none would be tested whole, for hours)
 *
 * Any other argument is passed to Stryker (e.g. --force, to re-test every mutant).
 *
 * Every run reads and updates the committed results (test/mutation/stryker-incremental.json):
 * Stryker keeps the results of the files a run does not mutate, so a run over some files
 * leaves the others' as they were and the report still scores every file. The results are
 * then rewritten one line a mutant (scripts/mutation-results.mjs).
 *
 * With C500_MUTATE_RUN=<name>, the run starts from a copy of the committed results and keeps
 * its own under reports/runs/<name>/ (scripts/mutation-runs.mjs): runs over other files can go
 * side by side; `node scripts/mutation-results.mjs merge` joins them into the committed file.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, matchesGlob } from 'node:path';
import { committedResults, compact, measuredFiles, render, withoutStaticSurvivors } from './mutation-results.mjs';
import { runPaths } from './mutation-runs.mjs';

const reportFlags = new Set(['--check', '--survivors']);

const args = process.argv.slice(2);
const isFilePattern = (arg) => !arg.startsWith('-') && /[/*]|\.ts(:|$)/.test(arg);
const measuredOnly = args.includes('--measured');
const files = measuredOnly ? measuredFiles() : args.filter(isFilePattern);
const reportArgs = args.filter((arg) => reportFlags.has(arg));
const ownFlags = new Set(['--measured', '--static-again']);
const strykerArgs = args.filter((arg) => !isFilePattern(arg) && !reportFlags.has(arg) && !ownFlags.has(arg));

if (files.length > 0) strykerArgs.push('--mutate', files.join(','));

const paths = runPaths(process.env.C500_MUTATE_RUN);
if (paths.results !== committedResults && !existsSync(paths.results)) {
  mkdirSync(dirname(paths.results), { recursive: true });
  copyFileSync(committedResults, paths.results);
}
if (paths.results !== committedResults) reportArgs.push('--report', paths.jsonReport);
if (args.includes('--static-again')) {
  const mutated = files.map((pattern) => pattern.replace(/:[\d-]+$/, ''));
  const inFile = (path) => mutated.length === 0 || mutated.some((pattern) => matchesGlob(path, pattern));
  writeFileSync(paths.results, render(withoutStaticSurvivors(JSON.parse(readFileSync(paths.results, 'utf8')), inFile)));
}

const require = createRequire(import.meta.url);
const stryker = join(require.resolve('@stryker-mutator/core/package.json'), '..', 'bin', 'stryker.js');
const run = spawnSync(process.execPath, [stryker, 'run', ...strykerArgs], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
compact(paths.results);

const report = spawnSync(process.execPath, [join(import.meta.dirname, 'mutation-report.mjs'), ...reportArgs], { stdio: 'inherit' });
process.exit(report.status ?? 1);
