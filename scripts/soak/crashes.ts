/**
 * Kills function processes with `kill -9` at random moments, as an instance dies in
 * production: mid-request, between two writes. The runtime starts another and what the
 * dead one held comes back (messages redelivered, tasks retried, webhooks sent again).
 * The Discord ingress is spared: it owns the runtime's one public port, and Discord does
 * not retry an interaction, so its crash is an outage to measure elsewhere, not a fault to
 * recover from.
 */
import { pause, type SoakRandom } from './client';

const victims = ['workers', 'subscribers', 'chat-bids', 'stripe-webhook', 'twitch-webhook', 'kofi-webhook', 'shopify-webhook'];

export async function crashes(runtimeUrl: string, random: SoakRandom, until: number, everyMs: { min: number; max: number }, killed: string[]): Promise<void> {
  for (;;) {
    await pause(random.int(everyMs.min, everyMs.max));
    if (Date.now() >= until) return;
    const health = (await (await fetch(`${runtimeUrl}/_local/health`)).json().catch(() => ({ processes: [] }))) as {
      processes: Array<{ role: string; pid?: number }>;
    };
    const candidates = health.processes.filter((p) => victims.includes(p.role) && p.pid);
    if (candidates.length === 0) continue;
    // The workers process does most of the writing: it dies most often.
    const victim = random.chance(0.5) ? (candidates.find((p) => p.role === 'workers') ?? random.pick(candidates)) : random.pick(candidates);
    try {
      process.kill(victim.pid as number, 'SIGKILL');
      killed.push(victim.role);
    } catch {
      // it died on its own meanwhile
    }
  }
}
