/**
 * @module demo-outbox
 * How the demo reads what people were sent: the local runtime's outbox from a point on
 * (`?after=<seq>`), so a step only ever sees its own messages, never an earlier step's or an
 * earlier run's. A wait that runs out throws, naming what did not come: a demo that goes on
 * without it would tell a story that did not happen.
 */
import type { DiscordMessage } from '../shared/ports';
import type { OutboxEntry } from '../shared/local/discord/discord-outbox';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function outboxAfter(url: string, from: number): Promise<OutboxEntry[]> {
  return ((await (await fetch(`${url}/_local/outbox?after=${from}`)).json()) as { entries: OutboxEntry[] }).entries.filter((e) => e.seq > from);
}

/** The last entry's sequence: wait for what comes after it. */
export async function lastSeq(url: string): Promise<number> {
  const { entries } = (await (await fetch(`${url}/_local/outbox`)).json()) as { entries: OutboxEntry[] };
  return entries.at(-1)?.seq ?? 0;
}

export class DemoStepMissing extends Error {
  constructor(what: string, timeoutMs: number) {
    super(`${what} did not arrive within ${timeoutMs / 1000} s`);
    this.name = 'DemoStepMissing';
  }
}

/** The first entry after `from` that `until` picks; throws when none comes in time. */
export async function waitFor(
  url: string,
  from: number,
  what: string,
  until: (entries: OutboxEntry[]) => OutboxEntry | undefined,
  timeoutMs = 20_000,
): Promise<OutboxEntry> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await pause(100)) {
    const found = until(await outboxAfter(url, from));
    if (found) return found;
  }
  throw new DemoStepMissing(what, timeoutMs);
}

export { sessionIdOf } from './checkout-link';

export const linkOf = (m: DiscordMessage | undefined): string =>
  ((m?.components ?? []) as Array<{ components: Array<{ url?: string }> }>).flatMap((r) => r.components).find((c) => c.url)?.url ?? '';
