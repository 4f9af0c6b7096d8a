/**
 * `npm run soak -- [--minutes 5] [--seed 1] [--faults default|off|<spec>] [--no-crashes] [--production-clients]`:
 * mixed traffic through the whole local pipeline (drops and Buy Now bursts, auctions under
 * a herd with second chances, a show, a race with Stripe, Ko-fi and Shopify sales and
 * refunds, proofs of work, payouts, `/c500 refund` by builders and admins, disputes won
 * and lost before and after the release) while the outside services fail on purpose
 * (`C500_FAULTS`, see shared/local/faults) and function processes are killed with
 * `kill -9`. Then it lets everything settle, runs the auction sweep as Cloud Scheduler
 * would next, reads what happened from outside (the store's snapshot, Stripe's stand-in's
 * objects, the outbox, the dead letters) and checks the invariants. Prints the faults
 * injected by kind and each invariant held or broken, with the first counterexample; exits
 * 1 when one broke. The runtime runs in a process of its own, never this one. With
 * `--production-clients` it runs on the production clients over Google's emulators (started
 * here unless their hosts are set), and the documents are read out of the emulator.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { DocumentData } from '../shared/ports';
import type { OutboxEntry, OutboxRefusal } from '../shared/adapters/discord/discord-outbox';
import type { DeadLetter } from '../shared/adapters/pubsub/local-event-bus';
import { startRuntimeProcess } from './bench/runtime-process';
import { pause, SoakClient, SoakRandom } from './soak/client';
import { pingableIn, setUpServer, soakPeople } from './soak/setup';
import { marketplaceTraffic, type TrafficCounts } from './soak/marketplace';
import { auctionTraffic } from './soak/auctions';
import { showTraffic } from './soak/shows';
import { raceTraffic } from './soak/races';
import { crashes } from './soak/crashes';
import { checkInvariants, type InvariantResult } from './soak/invariants';
import { readEmulatorDocuments } from './soak/emulator-documents';
import { productionEmulators, wantsProductionClients } from './production-emulators';

interface Args {
  minutes: number;
  seed: number;
  faults: string;
  crashes: boolean;
  productionClients: boolean;
}

function readArgs(argv: string[]): Args {
  const args: Args = { minutes: 5, seed: 1, faults: 'default', crashes: true, productionClients: wantsProductionClients(argv, process.env) };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1] ?? '';
    if (flag === '--production-clients') continue;
    if (flag === '--no-crashes') {
      args.crashes = false;
      continue;
    }
    if (flag === '--minutes') args.minutes = Number(value);
    else if (flag === '--seed') args.seed = Number(value);
    else if (flag === '--faults') args.faults = value;
    else throw new Error(`unknown argument ${flag}: use --minutes <n> --seed <n> --faults default|off|<spec> --no-crashes --production-clients`);
    i++;
  }
  if (!(args.minutes > 0) || !Number.isInteger(args.seed)) throw new Error('--minutes takes a number above 0, --seed a whole number');
  return args;
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2));
  const faultsOn = args.faults !== 'off';
  const crashing = faultsOn && args.crashes;
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  console.log(
    `soak: ${args.minutes} min, seed ${args.seed}, faults ${faultsOn ? args.faults : 'off'}, ${crashing ? 'processes killed with kill -9' : 'no crashes'}${args.productionClients ? ', production clients on the emulators' : ''}`,
  );
  const runId = randomUUID().slice(0, 8);
  // The emulators outlive the runtime: the documents are read from them once it has stopped.
  const emulators = args.productionClients ? await productionEmulators(process.env, (line) => console.log(line)) : undefined;
  const projectId = `c500-soak-${runId}`;
  // Each soak's own keys in Redis: a soak before this one (the same channel ids, the same seed) left its auctions in the book.
  const rt = await startRuntimeProcess({
    C500_FAULTS: faultsOn ? `${args.faults}, seed=${args.seed}` : 'off',
    C500_LOG_LEVEL: 'silent',
    C500_REDIS_KEY_PREFIX: `soak:${runId}:`,
    // A project of its own on the emulator, named here so its documents can be read back.
    ...(emulators ? { ...emulators.added, GOOGLE_CLOUD_PROJECT: projectId } : {}),
  }).catch(async (error: unknown) => {
    await emulators?.stop();
    throw error;
  });
  // Stopped with the soak: its runtime would otherwise go on without it.
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(
      signal,
      () =>
        void rt
          .stop({ keepData: true })
          .finally(() => emulators?.stop())
          .finally(() => process.exit(130)),
    );
  const readDocuments = async (): Promise<Map<string, DocumentData>> => {
    if (!emulators)
      return new Map(Object.entries((JSON.parse(readFileSync(join(rt.dataDir, 'store.json'), 'utf8')) as { docs: Record<string, DocumentData> }).docs));
    const docs = await readEmulatorDocuments(emulators.added.FIRESTORE_EMULATOR_HOST as string, projectId);
    // Kept as the embedded store keeps its snapshot, to look into whatever broke.
    writeFileSync(join(rt.dataDir, 'store.json'), JSON.stringify({ docs: Object.fromEntries(docs) }));
    return docs;
  };
  const client = new SoakClient(rt.url, rt.runtimeUrl, rt.privateKey);
  client.follow();
  const notes: string[] = [];
  const note = (line: string) => {
    if (notes.length < 200) notes.push(line);
  };
  const counts: TrafficCounts = {};
  const killed: string[] = [];
  const random = new SoakRandom(args.seed);
  const people = soakPeople();
  try {
    await setUpServer(client, people, note);
    const startedAt = Date.now();
    const until = startedAt + args.minutes * 60_000;
    await Promise.all([
      marketplaceTraffic(client, people, new SoakRandom(args.seed * 7 + 1), until, counts, note),
      auctionTraffic(client, people, new SoakRandom(args.seed * 7 + 2), until, counts, note),
      showTraffic(client, people, new SoakRandom(args.seed * 7 + 3), until, counts, note),
      raceTraffic(client, people, new SoakRandom(args.seed * 7 + 4), until, counts, note),
      crashing ? crashes(rt.runtimeUrl, random, until, { min: 10_000, max: 30_000 }, killed) : Promise.resolve(),
    ]);
    const trafficMs = Date.now() - startedAt;
    const drained = await quiet(rt.runtimeUrl, 5 * 60_000);
    // Cloud Scheduler's next tick: whatever a hammer could not settle, the sweep does.
    await fetch(`${rt.runtimeUrl}/jobs/auction-sweep`, { method: 'POST' }).catch(() => undefined);
    await quiet(rt.runtimeUrl, 2 * 60_000);
    await client.poll();
    const outbox = (await (await fetch(`${rt.runtimeUrl}/_local/outbox`)).json()) as { entries: OutboxEntry[]; refused: OutboxRefusal[] };
    const deadLetters = ((await (await fetch(`${rt.runtimeUrl}/_local/dead-letters`)).json()) as { entries: DeadLetter[] }).entries;
    const faults = (await (await fetch(`${rt.runtimeUrl}/_local/faults`)).json()) as { plan: string; injected: Record<string, number> };
    const health = (await (await fetch(`${rt.runtimeUrl}/_local/health`)).json()) as { processes: Array<{ role: string; restarts?: number }> };
    const nowMs = Date.now();
    client.stop();
    await rt.stop({ keepData: true });
    const docs = await readDocuments();
    await emulators?.stop();
    // Kept beside the store's snapshot, to look into whatever broke.
    writeFileSync(
      join(rt.dataDir, 'soak-evidence.json'),
      JSON.stringify({ outbox, deadLetters, sent: client.sent, dropsListed: client.dropsListed, salesSent: client.salesSent, faults, health }, null, 1),
    );
    const results = checkInvariants({
      docs,
      outbox: outbox.entries,
      refused: outbox.refused,
      deadLetters,
      sent: client.sent,
      refundsAsked: client.refundsAsked,
      addressesTyped: client.addressesTyped,
      dropsListed: client.dropsListed,
      salesSent: client.salesSent,
      pingable: pingableIn(people),
      nowMs,
      graceMs: 30_000,
    });
    report({ args, trafficMs, drainedMs: drained, counts, faults, killed, restarts: health.processes, results, notes, sent: client.sent.length });
    console.log(`\nwhat the soak read (the store's snapshot, outbox, dead letters, interactions) is kept in ${rt.dataDir}`);
    process.exitCode = results.every((r) => r.held) ? 0 : 1;
  } catch (error) {
    client.stop();
    await rt.stop({ keepData: true }).catch(() => undefined);
    await emulators?.stop();
    throw error;
  }
}

/** Waits until no message is unsettled and no task is due soon, three polls in a row; answers how long it took. */
async function quiet(runtimeUrl: string, atMostMs: number): Promise<number> {
  const started = Date.now();
  let calm = 0;
  while (Date.now() - started < atMostMs) {
    const health = (await (await fetch(`${runtimeUrl}/_local/health`)).json()) as { unsettledMessages: number; tasksDueSoon: number };
    calm = health.unsettledMessages === 0 && health.tasksDueSoon === 0 ? calm + 1 : 0;
    if (calm >= 3) return Date.now() - started;
    await pause(1_000);
  }
  return Date.now() - started;
}

function report(r: {
  args: Args;
  trafficMs: number;
  drainedMs: number;
  counts: TrafficCounts;
  faults: { plan: string; injected: Record<string, number> };
  killed: string[];
  restarts: Array<{ role: string; restarts?: number }>;
  results: InvariantResult[];
  notes: string[];
  sent: number;
}): void {
  const traffic = Object.entries(r.counts)
    .map(([what, n]) => `${what} ${n}`)
    .join(', ');
  console.log(`\ntraffic (${(r.trafficMs / 1000).toFixed(0)} s, then ${(r.drainedMs / 1000).toFixed(0)} s to settle): ${r.sent} interactions; ${traffic}`);
  console.log(`\nfaults (${r.faults.plan}):`);
  console.log('| fault | injected |\n| --- | --- |');
  for (const [kind, n] of Object.entries(r.faults.injected)) console.log(`| ${kind} | ${n} |`);
  const kills = r.killed.reduce<Record<string, number>>((acc, role) => ({ ...acc, [role]: (acc[role] ?? 0) + 1 }), {});
  console.log(
    `| process killed (kill -9) | ${r.killed.length}${
      r.killed.length
        ? ` (${Object.entries(kills)
            .map(([role, n]) => `${role} ${n}`)
            .join(', ')})`
        : ''
    } |`,
  );
  console.log('\ninvariants:');
  console.log('| | invariant | checked | verdict |\n| --- | --- | --- | --- |');
  for (const result of r.results) {
    console.log(`| ${result.group} | ${result.name} | ${result.checked} | ${result.held ? 'held' : `BROKEN: ${result.counterexample ?? ''}`} |`);
  }
  if (r.notes.length > 0) console.log(`\nthe soak's own notes (steps that did not go as a person would expect):\n${r.notes.map((n) => `  - ${n}`).join('\n')}`);
  const broken = r.results.filter((x) => !x.held).length;
  console.log(broken === 0 ? '\nevery invariant held' : `\n${broken} invariant${broken === 1 ? '' : 's'} broken`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
