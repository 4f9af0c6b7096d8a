/**
 * `npm run bench:dashboard`: a builder with ORDERS orders (default 1,000, among OTHERS
 * orders of other builders, default 3,000) opens their dashboard. The runtime runs as
 * `npm start` runs it, in a process of its own, its store seeded before it starts; this
 * process signs in through the local Discord (redirects only, as a browser) and is the load
 * generator: each target (the orders page, one state's page, the orders CSV) at fixed
 * offered RATES (default 2, 5 and 10 a second) for SECONDS each (default 10), open loop,
 * after a warm-up. Beside them, the same requests to a bare Node server in its own process
 * (the HTTP floor on this machine). Prints p50/p95/p99, errors, the CSV's row count and the
 * CPU each runtime process spent per request. Asserts nothing.
 */
import { fork } from 'node:child_process';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startRuntimeProcess, type RuntimeProcess } from './bench/runtime-process';
import { percentile } from './bench/burst';
import { benchBuilder, seedDashboardStore } from './bench/dashboard-seed';

const orders = Number(process.env.ORDERS ?? 1_000);
const others = Number(process.env.OTHERS ?? 3_000);
const rates = (process.env.RATES ?? '2,5,10').split(',').map(Number);
const seconds = Number(process.env.SECONDS ?? 10);
const warmUp = 20;

interface Answer {
  status: number;
  ms: number;
  bytes: number;
  body?: string;
}

function getter(base: string, cookie: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const get = (path: string, keepBody = false): Promise<Answer> =>
    new Promise((resolve) => {
      const start = performance.now();
      const req = request(`${base}${path}`, { agent, headers: { cookie } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, ms: performance.now() - start, bytes: body.length, ...(keepBody ? { body: body.toString('utf8') } : {}) });
        });
      });
      req.on('error', () => resolve({ status: 0, ms: performance.now() - start, bytes: 0 }));
      req.end();
    });
  return { get, close: () => agent.destroy() };
}

/** Open loop: request i leaves at start + i / rate, whatever became of the ones before. */
async function atRate(rate: number, count: number, send: () => Promise<Answer>): Promise<Answer[]> {
  const start = performance.now();
  const pending: Array<Promise<Answer>> = [];
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(send());
  }
  return Promise.all(pending);
}

async function signIn(rt: RuntimeProcess): Promise<string> {
  // The browser's cookie after the round trip through the local Discord: follow it, keep the last Set-Cookie.
  const link = `${rt.url}/dashboard?user_id=${benchBuilder}&username=bench_builder`;
  let cookie = '';
  let at = link;
  for (let hop = 0; hop < 6; hop++) {
    const res = await fetch(at, { redirect: 'manual', headers: cookie ? { cookie } : {} });
    const set = res.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0] as string;
    const location = res.headers.get('location');
    if (!location) break;
    at = new URL(location, at).toString();
  }
  if (!cookie.startsWith('__session=s.')) throw new Error('the bench could not sign in');
  return cookie;
}

interface Row {
  target: string;
  rate: number;
  answers: Answer[];
  cpuMsPerRequest: Record<string, number>;
}

async function main(): Promise<void> {
  const rt = await startRuntimeProcess({ C500_LOG_LEVEL: 'silent' }, { seed: (dir) => seedDashboardStore(dir, orders, others) });
  const bare = fork(join(__dirname, 'bench', 'bare-ingress.js'), ['--any'], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  try {
    const barePort = await new Promise<string>((resolve) => bare.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
    const { rows, csvRows } = await measure(rt, `http://127.0.0.1:${barePort}`);
    report(rows, csvRows);
  } finally {
    bare.kill();
    await rt.stop();
  }
}

async function measure(rt: RuntimeProcess, floorUrl: string): Promise<{ rows: Row[]; csvRows: number }> {
  const cookie = await signIn(rt);
  const dashboard = getter(rt.url, cookie);
  const floor = getter(floorUrl, '');
  const csv = await dashboard.get('/dashboard/builder/orders.csv', true);
  const targets: Array<[string, () => Promise<Answer>]> = [
    ['orders page (all states)', () => dashboard.get('/dashboard/builder')],
    ['orders page (released)', () => dashboard.get('/dashboard/builder?state=released')],
    ['orders CSV', () => dashboard.get('/dashboard/builder/orders.csv')],
    ['bare Node server (floor)', () => floor.get('/')],
  ];
  const rows: Row[] = [];
  for (const [name, send] of targets) {
    for (let i = 0; i < warmUp; i++) await send();
    for (const rate of rates) {
      const before = await rt.cpuMs();
      const answers = await atRate(rate, Math.max(1, Math.round(rate * seconds)), send);
      const after = await rt.cpuMs();
      const cpuMsPerRequest = Object.fromEntries(Object.entries(after).map(([p, ms]) => [p, (ms - (before[p] ?? 0)) / answers.length]));
      rows.push({ target: name, rate, answers, cpuMsPerRequest });
    }
  }
  dashboard.close();
  floor.close();
  return { rows, csvRows: (csv.body ?? '').trimEnd().split('\n').length - 1 };
}

function report(rows: Row[], csvRows: number): void {
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  console.log(`a builder with ${orders} orders among ${others} of other builders; each rate for ${seconds} s, open loop, after ${warmUp} warm-up requests`);
  console.log(`the orders CSV: ${csvRows} rows under its header (one per order)`);
  console.log('\n| target | offered | answered 200 | p50 | p95 | p99 | max | size | CPU per request (workers / runtime) |');
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const row of rows) {
    const ms = row.answers.map((a) => a.ms);
    const ok = row.answers.filter((a) => a.status === 200).length;
    const kb = (row.answers[0]?.bytes ?? 0) / 1024;
    const cpu = `${(row.cpuMsPerRequest.workers ?? 0).toFixed(1)} / ${(row.cpuMsPerRequest.runtime ?? 0).toFixed(1)} ms`;
    console.log(
      `| ${row.target} | ${row.rate}/s | ${ok} of ${row.answers.length} | ${percentile(ms, 50).toFixed(0)} ms | ${percentile(ms, 95).toFixed(0)} ms | ${percentile(ms, 99).toFixed(0)} ms | ${Math.max(...ms).toFixed(0)} ms | ${kb.toFixed(0)} KiB | ${row.target.startsWith('bare') ? '–' : cpu} |`,
    );
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
