/**
 * `npm run bench:cold-start`: how long a fresh Discord ingress instance takes to import
 * its module graph with the production adapters (the REST Pub/Sub publisher and
 * google-auth-library), over several fresh processes. Prints figures; asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { ingressProbeEnv, ingressTargets } from './probe-env';

interface Probe {
  frameworkMs: number;
  importMs: number;
  firstRequestMs?: number;
  packages: string[];
}

const runs = Number(process.env.RUNS ?? 15);
const probe = join(__dirname, 'ingress-probe.js');

function coldImport(module: string): number {
  const out = execFileSync(process.execPath, [
    '-e',
    `const t=process.hrtime.bigint();require(${JSON.stringify(module)});console.log(Number(process.hrtime.bigint()-t)/1e6)`,
  ]);
  return Number(out.toString());
}

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] as number;
const ms = (n: number) => `${n.toFixed(1)} ms`;

const run = (request: boolean) => JSON.parse(execFileSync(process.execPath, [probe], { env: ingressProbeEnv({ request }) }).toString()) as Probe;
// Import as deployed (Google auth built at cold start); the request needs a Pub/Sub
// endpoint, so it runs in separate processes against a local emulator stand-in.
const results = Array.from({ length: runs }, () => run(false));
const imports = results.map((r) => r.importMs);
const first = Array.from({ length: runs }, () => run(true).firstRequestMs ?? NaN);
const last = results[results.length - 1] as Probe;

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}, ${runs} fresh processes`);
console.log(
  `discordInteractions cold import: ${ms(percentile(imports, 50))} (p90 ${ms(percentile(imports, 90))}, min ${ms(Math.min(...imports))}, max ${ms(Math.max(...imports))})`,
);
console.log(
  `first signed deferred interaction after a cold start (verify + REST publish to a local emulator stand-in): ${ms(percentile(first, 50))} (p90 ${ms(percentile(first, 90))})`,
);
console.log(
  `functions framework itself (loaded by the platform before our code): ${ms(
    percentile(
      results.map((r) => r.frameworkMs),
      50,
    ),
  )}`,
);
console.log(`packages the ingress loaded: ${last.packages.join(', ')}`);
for (const target of ingressTargets.filter((t) => t !== 'discordInteractions')) {
  const times = Array.from(
    { length: runs },
    () => (JSON.parse(execFileSync(process.execPath, [probe], { env: ingressProbeEnv({ request: false, target }) }).toString()) as Probe).importMs,
  );
  console.log(`${target} cold import: ${ms(percentile(times, 50))} (p90 ${ms(percentile(times, 90))})`);
}
console.log('for comparison, a cold require() of each package alone (one process each):');
for (const pkg of ['discord-interactions', 'google-auth-library', '@google-cloud/pubsub', '@google-cloud/firestore', 'stripe']) {
  console.log(`  ${pkg}: ${ms(coldImport(pkg))}`);
}
