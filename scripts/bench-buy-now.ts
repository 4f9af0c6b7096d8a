/**
 * `npm run bench:buy-now`: a hype moment on one drop. BUYERS people (default 2,000) press
 * Buy Now at once on a ready-to-ship drop with STOCK units (default 50), through the whole
 * local pipeline as `npm start` runs it, in a process of its own (really signed
 * interaction → verify → bus → reservation transaction → checkout stand-in → response
 * edit). RUNS bursts (default 3), each on a fresh drop; beside each, the same burst to a
 * bare Node server that only checks Ed25519 and answers, the ceiling on this machine.
 * Prints medians over the runs: answers inside 3 s, answer p50/p99, the ceiling's p99,
 * how long until every buyer's answer was edited, and that nothing was oversold.
 * Prints figures; asserts nothing.
 */
import { holdsPayLink } from './checkout-link';
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { generateDiscordKeyPair, interactionSigner, type InteractionSigner } from '../shared/local/discord-signing';
import { snowflakeAt } from '../shared/common';
import type { OutboxEntry } from '../shared/local/discord/discord-outbox';
import type { LocalCheckoutSession } from '../shared/local/stripe/objects';
import { startRuntimeProcess, type RuntimeProcess } from './bench/runtime-process';
import { burst, median, percentile, type BurstRequest } from './bench/burst';
import { startMeter, type Usage } from './bench/usage-meter';

const buyers = Number(process.env.BUYERS ?? 2_000);
const stock = Number(process.env.STOCK ?? 50);
const runs = Number(process.env.RUNS ?? 3);
const guild = '900000000000000001';
const marketplace = '910000000000000002';
const admin = '800000000000000001';
const builder = '800000000000000009';

let seq = 0;
function press(sign: InteractionSigner, userId: string, data: unknown, type: number, permissions = '3072'): BurstRequest & { token: string } {
  const token = `bench-${++seq}-${Date.now()}`;
  const body = JSON.stringify({
    id: snowflakeAt(Date.now(), seq % 4_000_000),
    type,
    token,
    application_id: '1100000000000000001',
    guild_id: guild,
    channel_id: marketplace,
    member: { user: { id: userId, username: `u${userId.slice(-6)}` }, permissions },
    data,
  });
  return { path: '/discord/interactions', body, headers: sign(body), token };
}

async function outbox(rt: RuntimeProcess, after = 0): Promise<OutboxEntry[]> {
  return ((await (await fetch(`${rt.runtimeUrl}/_local/outbox?after=${after}`)).json()) as { entries: OutboxEntry[] }).entries;
}

async function until<T>(what: string, find: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 200))) {
    const found = await find();
    if (found !== undefined) return found;
  }
  throw new Error(`the runtime did not get there in time: ${what}`);
}

const linkIn = (e: OutboxEntry | undefined) => /"url":"([^"]+)"/.exec(JSON.stringify(e?.message.components ?? []))?.[1];

/** An admin sets the server up and the builder onboards through Stripe's stand-in, as people do. */
async function setUp(rt: RuntimeProcess, sign: InteractionSigner): Promise<void> {
  const send = (r: BurstRequest) => fetch(`${rt.url}${r.path}`, { method: 'POST', body: r.body, headers: r.headers });
  const setup = press(
    sign,
    admin,
    {
      name: 'c500',
      options: [
        {
          name: 'setup',
          type: 1,
          options: [
            { name: 'general', type: 7, value: '920000000000000001' },
            { name: 'marketplace', type: 7, value: marketplace },
          ],
        },
      ],
    },
    2,
    '8',
  );
  await send(setup);
  await until('the setup answered', async () => (await outbox(rt)).find((e) => e.interactionToken === setup.token));
  const onboard = press(sign, builder, { name: 'c500', options: [{ name: 'onboard', type: 1, options: [{ name: 'country', type: 3, value: 'US' }] }] }, 2);
  await send(onboard);
  const link = await until('the onboarding link', async () => linkIn((await outbox(rt)).find((e) => e.interactionToken === onboard.token)));
  const from = (await outbox(rt)).at(-1)?.seq ?? 0;
  await fetch(link);
  // Stripe tells the platform in account.updated, a webhook of its own: the builder can sell once that has landed.
  await until('Stripe’s account.updated', async () =>
    (await outbox(rt, from)).find((e) => e.kind === 'dm' && /can sell on C500/.test(e.message.content ?? '')),
  );
}

async function dropOnSale(rt: RuntimeProcess, sign: InteractionSigner, run: number): Promise<string> {
  const from = (await outbox(rt)).at(-1)?.seq ?? 0;
  const fields = { title: `Bench board ${run}`, description: 'A hype drop', price: '120', kind: `ready-to-ship ${stock}`, image: '' };
  const modal = press(
    sign,
    builder,
    { custom_id: 'drop:create', components: Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) },
    5,
  );
  await fetch(`${rt.url}/discord/interactions`, { method: 'POST', body: modal.body, headers: modal.headers });
  return until('the drop posted', async () => {
    const post = (await outbox(rt, from)).find((e) => e.kind === 'channel' && JSON.stringify(e.message.components ?? []).includes('buy:'));
    return /buy:([0-9a-z-]+)/.exec(JSON.stringify(post?.message.components ?? []))?.[1];
  });
}

interface Run {
  /** CPU of each process for one press, from the burst to the last answer's edit. */
  cpuMsPerPress: Record<string, number>;
  /** From a press's sending to its answer's first edit: p50. */
  pressToEditP50: number;
  inside3s: number;
  p50: number;
  p99: number;
  ceilingP99: number;
  editedMs: number;
  checkouts: number;
  soldOut: number;
  sessions: number;
}

async function oneRun(
  rt: RuntimeProcess,
  sign: InteractionSigner,
  floor: { url: string; sign: InteractionSigner },
  run: number,
): Promise<{ result: Run; dropId: string }> {
  const dropId = await dropOnSale(rt, sign, run);
  const from = (await outbox(rt)).at(-1)?.seq ?? 0;
  const presses = Array.from({ length: buyers }, (_, i) =>
    press(sign, `7${String(run).padStart(2, '0')}${String(i).padStart(15, '0')}`, { custom_id: `buy:${dropId}`, component_type: 2 }, 3),
  );
  const cpuBefore = await rt.cpuMs();
  const started = Date.now();
  const answers = await burst(rt.url, presses);
  const tokens = new Set(presses.map((p) => p.token));
  const edits = await until(
    'every buyer answered',
    async () => {
      const seen = (await outbox(rt, from)).filter((e) => e.kind === 'edit' && tokens.has(e.interactionToken ?? ''));
      const edited = new Set(seen.map((e) => e.interactionToken)).size;
      if (process.env.BENCH_PROGRESS) console.error(`edited ${edited} of ${buyers}`);
      return edited >= buyers ? seen : undefined;
    },
    300_000,
  );
  const editedMs = Math.max(...edits.map((e) => Date.parse(e.at))) - started;
  const cpuAfter = await rt.cpuMs();
  const cpuMsPerPress = Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, ((cpuAfter[name] ?? 0) - (cpuBefore[name] ?? 0)) / buyers]));
  // Each press from its sending to its first edit (the link or "sold out"): the wait a buyer sees after the "thinking…".
  const firstEdit = new Map<string, number>();
  for (const e of edits) if (e.interactionToken && !firstEdit.has(e.interactionToken)) firstEdit.set(e.interactionToken, Date.parse(e.at));
  const pressToEdit = presses.flatMap((p, i) => {
    const a = answers[i];
    const at = firstEdit.get(p.token);
    return a && at !== undefined ? [at - (started + a.sinceBurstMs - a.ms)] : [];
  });
  const sessions = ((await (await fetch(`${rt.runtimeUrl}/_local/stripe/sessions`)).json()) as { sessions: LocalCheckoutSession[] }).sessions.filter(
    (s) => s.metadata.drop_id === dropId,
  ).length;
  const floorAnswers = await burst(
    floor.url,
    presses.map((p) => ({ ...p, headers: floor.sign(p.body) })),
  );
  const ms = answers.map((a) => a.sinceBurstMs);
  const result = {
    cpuMsPerPress,
    pressToEditP50: percentile(pressToEdit, 50),
    inside3s: answers.filter((a) => a.status === 200 && a.sinceBurstMs <= 3_000).length,
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    ceilingP99: percentile(
      floorAnswers.map((a) => a.sinceBurstMs),
      99,
    ),
    editedMs,
    checkouts: edits.filter((e) => holdsPayLink(JSON.stringify(e.message.components ?? []))).length,
    soldOut: edits.filter((e) => /sold out/i.test(e.message.content ?? '')).length,
    sessions,
  };
  return { result, dropId };
}

interface PaidOrders {
  orders: number;
  cpuMsPerOrder: Record<string, number>;
  usage: Usage;
}

/**
 * Every checkout the burst handed out is paid through the local Stripe: what one paid order
 * costs the functions (CPU per process) and the services (Firestore writes, Pub/Sub
 * deliveries, Discord calls), from the payment to the receipt and the builder's DM.
 */
async function payTheCheckouts(rt: RuntimeProcess, dropId: string): Promise<PaidOrders> {
  const open = ((await (await fetch(`${rt.runtimeUrl}/_local/stripe/sessions`)).json()) as { sessions: LocalCheckoutSession[] }).sessions.filter(
    (s) => s.metadata.drop_id === dropId && s.status === 'open',
  );
  const cpuBefore = await rt.cpuMs();
  const meter = await startMeter(undefined, rt.runtimeUrl);
  for (const session of open) await fetch(`${rt.runtimeUrl}/_local/stripe/sessions/${session.id}/pay`, { method: 'POST' });
  await quiet(rt);
  const cpuAfter = await rt.cpuMs();
  const orders = Math.max(1, open.length);
  return {
    orders: open.length,
    cpuMsPerOrder: Object.fromEntries(Object.keys(cpuAfter).map((name) => [name, ((cpuAfter[name] ?? 0) - (cpuBefore[name] ?? 0)) / orders])),
    usage: await meter.read(orders),
  };
}

async function quiet(rt: RuntimeProcess): Promise<void> {
  for (let calm = 0; calm < 3; await new Promise((r) => setTimeout(r, 250))) {
    const health = (await (await fetch(`${rt.runtimeUrl}/_local/health`)).json()) as { unsettledMessages: number };
    calm = health.unsettledMessages === 0 ? calm + 1 : 0;
  }
}

async function main(): Promise<void> {
  const rt = await startRuntimeProcess({ C500_LOG_LEVEL: process.env.C500_LOG_LEVEL ?? 'silent' });
  const keys = generateDiscordKeyPair();
  const child = fork(join(__dirname, 'bench', 'bare-ingress.js'), [keys.publicKeyHex], { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  const port = await new Promise<string>((resolve) => child.stdout?.once('data', (chunk: Buffer) => resolve(chunk.toString().trim())));
  const floor = { url: `http://127.0.0.1:${port}`, sign: interactionSigner(keys.privateKeyHex) };
  try {
    const sign = interactionSigner(rt.privateKey);
    await setUp(rt, sign);
    const results: Run[] = [];
    const paid: PaidOrders[] = [];
    for (let run = 1; run <= runs; run++) {
      const { result, dropId } = await oneRun(rt, sign, floor, run);
      results.push(result);
      paid.push(await payTheCheckouts(rt, dropId));
    }
    console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
    console.log(`${buyers} buyers press Buy Now at once on a drop with ${stock} in stock; ${runs} runs, each on a fresh drop; medians over the runs`);
    console.log(
      '\n| run | answered ≤ 3 s | answer p50 | answer p99 | bare Ed25519 server p99 (ceiling) | a press to its edit p50 | every answer edited after | checkout links | sold out | sessions | oversold |',
    );
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    const row = (name: string, r: Run) =>
      console.log(
        `| ${name} | ${r.inside3s} of ${buyers} | ${r.p50.toFixed(0)} ms | ${r.p99.toFixed(0)} ms | ${r.ceilingP99.toFixed(0)} ms | ${(r.pressToEditP50 / 1000).toFixed(2)} s | ${(r.editedMs / 1000).toFixed(1)} s | ${r.checkouts} | ${r.soldOut} | ${r.sessions} | ${Math.max(0, r.checkouts - stock)} |`,
      );
    results.forEach((r, i) => row(String(i + 1), r));
    const pick = (f: (r: Run) => number) => median(results.map(f));
    row('median', {
      cpuMsPerPress: {},
      pressToEditP50: pick((r) => r.pressToEditP50),
      inside3s: pick((r) => r.inside3s),
      p50: pick((r) => r.p50),
      p99: pick((r) => r.p99),
      ceilingP99: pick((r) => r.ceilingP99),
      editedMs: pick((r) => r.editedMs),
      checkouts: pick((r) => r.checkouts),
      soldOut: pick((r) => r.soldOut),
      sessions: pick((r) => r.sessions),
    });
    const processes = Object.keys(results[0]?.cpuMsPerPress ?? {});
    const cpuMsPerPress = Object.fromEntries(processes.map((name) => [name, median(results.map((r) => r.cpuMsPerPress[name] ?? 0))]));
    console.log(
      `\nCPU per press (median): ${Object.entries(cpuMsPerPress)
        .map(([n, ms]) => `${n} ${ms.toFixed(3)} ms`)
        .join(', ')}`,
    );
    printPaidOrders(paid, {
      editedAfterMs: median(results.map((r) => r.editedMs)),
      pressToEditP50Ms: median(results.map((r) => r.pressToEditP50)),
      cpuMsPerPress,
    });
  } finally {
    child.kill();
    await rt.stop();
  }
}

/** What a paid order costs, as medians over the runs; with CAPACITY_RECORD_ORDERS, written for the capacity model. */
function printPaidOrders(
  paid: readonly PaidOrders[],
  presses: { editedAfterMs: number; pressToEditP50Ms: number; cpuMsPerPress: Record<string, number> },
): void {
  const names = Object.keys(paid[0]?.cpuMsPerOrder ?? {});
  const cpu = Object.fromEntries(names.map((name) => [name, median(paid.map((p) => p.cpuMsPerOrder[name] ?? 0))]));
  const usage = paid[Math.floor(paid.length / 2)]?.usage;
  console.log(`\nthe checkouts paid through the local Stripe: ${paid.map((p) => p.orders).join(', ')} orders a run`);
  console.log(
    `  CPU per paid order (median): ${Object.entries(cpu)
      .map(([n, ms]) => `${n} ${ms.toFixed(2)} ms`)
      .join(', ')}`,
  );
  if (usage) {
    const parts = (r: Record<string, number>) =>
      Object.entries(r)
        .map(([k, n]) => `${k} ${n.toFixed(2)}`)
        .join(', ');
    console.log(
      `  per paid order: Firestore writes ${usage.firestoreWrites.toFixed(1)}; Pub/Sub deliveries ${parts(usage.pubsub)}; Discord calls ${parts(usage.discord)}`,
    );
  }
  if (process.env.CAPACITY_RECORD_ORDERS && usage) {
    const record = {
      measuredAt: new Date().toISOString(),
      command: `${process.env.C500_LATENCY ? `C500_LATENCY=${process.env.C500_LATENCY} ` : ''}BUYERS=${buyers} STOCK=${stock} RUNS=${runs} npm run bench:buy-now`,
      machine: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`,
      latency: process.env.C500_LATENCY ?? 'off',
      cpuMsPerOrder: cpu,
      usage,
      presses: buyers,
      ...presses,
    };
    writeFileSync(process.env.CAPACITY_RECORD_ORDERS, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`recorded for the capacity model: ${process.env.CAPACITY_RECORD_ORDERS}`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
