/**
 * Kills function processes with `kill -9` at random moments, as an instance dies in
 * production: mid-request, between two writes. The runtime starts another and what the
 * dead one held comes back (messages redelivered, tasks retried, webhooks sent again).
 *
 * The Discord ingress dies too, once a run: it serves the public port, which the runtime
 * opens again at once (what connects meanwhile is handed to the next ingress). Discord does
 * not retry an interaction, so one the dead ingress was serving is lost as in production
 * ("This interaction failed"): the soak counts those apart (`cutByCrash`) and the rest
 * must be answered as ever.
 *
 * The runtime's own process dies once a run under the production clients (`killRuntime`),
 * where Google's emulators hold the store and the messages and the runtime keeps the rest in
 * its data folder (shared/local/kept-state): it is started again on the same port, data,
 * project and Redis, and what it was doing comes back as it would to a new instance. On the
 * embedded stand-ins its store lives in its memory, so it is not killed.
 */
import { pause, type SoakClient, type SoakRandom } from './client';
import { runtimeProcesses } from './soak-runtime';

const victims = ['workers', 'subscribers', 'chat-bids', 'stripe-webhook', 'twitch-webhook', 'kofi-webhook', 'shopify-webhook', 'ingress'];

export interface CrashOptions {
  everyMs: { min: number; max: number };
  /** Told before the ingress dies, to set apart the interactions that die with it. */
  client: Pick<SoakClient, 'ingressKilled'>;
  /** At most this many kills of the ingress in a run: each one is a short outage of every command. */
  ingressKills: number;
  /** Kills the runtime itself and brings it back on the same state, once a run; absent while that state lives in its memory. */
  killRuntime?: () => Promise<void>;
}

export async function crashes(runtimeUrl: () => string, random: SoakRandom, until: number, options: CrashOptions, killed: string[]): Promise<void> {
  let ingressKills = 0;
  // The first kill past a seeded moment of the run's middle is the ingress's: every run has one.
  const ingressDueAt = Date.now() + (until - Date.now()) * (0.25 + random.next() * 0.35);
  // The runtime's, when it can die, past another in its first half: time enough after it for what it held to come back.
  let runtimeDueAt = options.killRuntime ? Date.now() + (until - Date.now()) * (0.2 + random.next() * 0.3) : Infinity;
  for (;;) {
    await pause(random.int(options.everyMs.min, options.everyMs.max));
    if (Date.now() >= until) return;
    if (options.killRuntime && Date.now() >= runtimeDueAt) {
      runtimeDueAt = Infinity;
      await options.killRuntime();
      killed.push('runtime');
      continue;
    }
    const processes = await runtimeProcesses(runtimeUrl());
    const ingressAllowed = ingressKills < options.ingressKills;
    const candidates = processes.filter((p) => victims.includes(p.role) && p.pid && (p.role !== 'ingress' || ingressAllowed));
    if (candidates.length === 0) continue;
    const ingress = candidates.find((p) => p.role === 'ingress');
    // The workers process does most of the writing: it dies most often.
    const victim =
      ingress && ingressKills === 0 && Date.now() >= ingressDueAt
        ? ingress
        : random.chance(0.5)
          ? (candidates.find((p) => p.role === 'workers') ?? random.pick(candidates))
          : random.pick(candidates);
    if (victim.role === 'ingress') {
      ingressKills++;
      options.client.ingressKilled();
    }
    try {
      process.kill(victim.pid as number, 'SIGKILL');
      killed.push(victim.role);
    } catch {
      // it died on its own meanwhile
    }
  }
}
