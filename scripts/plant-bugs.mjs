#!/usr/bin/env node
// `npm run soak:planted -- [--minutes 1] [--seed 1] [name...]`: does the soak catch the bugs
// it exists for? Each planted bug is a small edit of the product (a release skipped while the
// builder is told "released", an expired checkout keeping its unit, ...). For each, this
// checks out HEAD into a scratch worktree, plants the one bug, builds, runs a short soak
// there and reads its verdicts. It prints one line per bug (which invariants broke, and the
// first counterexample) and exits 1 when a planted bug left every invariant held, or did
// not break the invariant named for it. Slow (a build and a soak per bug): run it by hand
// after changing the soak's invariants or traffic, not in CI.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { plantedBugs } from './planted-bugs.mjs';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const value = args[at + 1];
  args.splice(at, 2);
  return value;
};
const minutes = option('--minutes', '1');
const seed = option('--seed', '1');
const chosen = args.length > 0 ? plantedBugs.filter((b) => args.includes(b.name)) : plantedBugs;
if (chosen.length === 0) throw new Error(`no planted bug named ${args.join(', ')}: ${plantedBugs.map((b) => b.name).join(', ')}`);

/** The rows of the soak's invariants table: `| group | name | checked | verdict |`. */
function verdictsOf(output) {
  return output
    .split('\n')
    .filter((line) => /^\| (money|people|state) \|/.test(line))
    .map((line) => {
      const [, name, , verdict = ''] = line.replace(/ \|$/, '').split(' | ');
      return { name, broken: verdict.startsWith('BROKEN'), verdict };
    });
}

function plant(worktree, bug) {
  for (const edit of bug.edits) {
    const path = join(worktree, edit.file);
    const text = readFileSync(path, 'utf8');
    if (!text.includes(edit.find)) throw new Error(`${bug.name}: ${edit.file} no longer holds the line to plant in:\n${edit.find}`);
    writeFileSync(path, text.replace(edit.find, edit.replace));
  }
}

const results = [];
for (const bug of chosen) {
  const worktree = mkdtempSync(join(tmpdir(), `c500-planted-${bug.name}-`));
  rmSync(worktree, { recursive: true });
  execFileSync('git', ['worktree', 'add', '--detach', worktree, 'HEAD'], { cwd: root, stdio: 'ignore' });
  try {
    if (!existsSync(join(worktree, 'node_modules'))) symlinkSync(join(root, 'node_modules'), join(worktree, 'node_modules'));
    plant(worktree, bug);
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: worktree, stdio: 'inherit' });
    process.stdout.write(`${bug.name}: soaking ${minutes} min… `);
    const soak = spawnSync(process.execPath, ['dist/scripts/soak.js', '--minutes', minutes, '--seed', seed], {
      cwd: worktree,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    // The whole run, kept to read what it reached when a bug was not caught.
    const log = join(tmpdir(), `c500-planted-${bug.name}.log`);
    writeFileSync(log, `${soak.stdout ?? ''}\n${soak.stderr ?? ''}`);
    const verdicts = verdictsOf(soak.stdout ?? '');
    const broken = verdicts.filter((v) => v.broken);
    const caught = broken.some((v) => v.name === bug.caughtBy);
    console.log(`${caught ? 'caught' : broken.length > 0 ? 'broken, not by its invariant' : 'NOT CAUGHT'} (the run: ${log})`);
    if (verdicts.length === 0) console.log((soak.stdout ?? '').slice(-2000), (soak.stderr ?? '').slice(-2000));
    results.push({ bug, broken, caught });
  } finally {
    execFileSync('git', ['worktree', 'remove', '--force', worktree], { cwd: root, stdio: 'ignore' });
  }
}

console.log('\n| planted bug | invariant named for it | broken | first counterexample |\n| --- | --- | --- | --- |');
for (const { bug, broken, caught } of results) {
  const named = broken.find((v) => v.name === bug.caughtBy) ?? broken[0];
  console.log(
    `| ${bug.what} | ${bug.caughtBy}${caught ? '' : ' (NOT broken)'} | ${broken.map((v) => v.name).join('; ') || 'nothing'} | ${(named?.verdict ?? '').replace(/^BROKEN: /, '').slice(0, 160)} |`,
  );
}
process.exitCode = results.every((r) => r.caught) ? 0 : 1;
