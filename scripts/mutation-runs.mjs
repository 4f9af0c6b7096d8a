/**
 * Where a mutation run keeps its results, reports and sandboxes.
 *
 * A plain run reads and writes the committed results. A named run (`C500_MUTATE_RUN=<name>`)
 * starts from a copy of them and keeps everything under `reports/runs/<name>/`, with sandboxes
 * of its own, so that runs over other files can go side by side without overwriting each
 * other's results; `node scripts/mutation-results.mjs merge` joins them afterwards.
 */
import { committedResults } from './mutation-results.mjs';

export function runPaths(name) {
  if (name === undefined || name === '') {
    return {
      results: committedResults,
      jsonReport: 'reports/mutation/mutation.json',
      htmlReport: 'reports/mutation/index.html',
      tempDir: '.stryker-tmp',
    };
  }
  if (!/^[a-z0-9-]{1,40}$/.test(name)) throw new Error(`C500_MUTATE_RUN must be lower-case letters, digits and dashes, not ${JSON.stringify(name)}`);
  const dir = `reports/runs/${name}`;
  return { results: `${dir}/results.json`, jsonReport: `${dir}/mutation.json`, htmlReport: `${dir}/index.html`, tempDir: `.stryker-tmp-${name}` };
}
