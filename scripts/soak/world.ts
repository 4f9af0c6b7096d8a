/**
 * What the soak knows at its end, read from outside the runtime as an auditor would: every
 * stored document (the store's snapshot, Stripe's stand-in's objects among them), every
 * call to Discord, the dead letters, and what the soak itself sent and was answered.
 */
import type { DocumentData } from '../../shared/ports';
import type { OutboxEntry, OutboxRefusal } from '../../shared/adapters/discord/discord-outbox';
import type { DeadLetter } from '../../shared/adapters/pubsub/local-event-bus';

/** An interaction the soak sent as Discord would, and how the ingress answered it. */
export interface SentInteraction {
  id: string;
  token: string;
  /** What it was, for the report: `bid`, `buy`, `/c500 live`… */
  what: string;
  userId: string;
  /** The HTTP status; 0 when no answer came at all. */
  status: number;
  /** The interaction response type the ingress answered (4 at once, 5 or 6 deferred, 9 a modal). */
  responseType?: number;
}

export interface SoakWorld {
  /** Path -> document, as the store keeps them. */
  docs: ReadonlyMap<string, DocumentData>;
  outbox: readonly OutboxEntry[];
  refused: readonly OutboxRefusal[];
  deadLetters: readonly DeadLetter[];
  sent: readonly SentInteraction[];
  /** When the checks run (the traffic and the drain are over). */
  nowMs: number;
  /** How late a thing may be past its deadline before it counts as stuck: the sweeper's interval and the retries' back-off. */
  graceMs: number;
}

/** The documents of one collection (not of its sub-collections), with their ids. */
export function collection<T>(world: Pick<SoakWorld, 'docs'>, name: string): Array<{ id: string; data: T }> {
  const prefix = `${name}/`;
  const found: Array<{ id: string; data: T }> = [];
  for (const [path, data] of world.docs) {
    if (path.startsWith(prefix) && !path.slice(prefix.length).includes('/')) found.push({ id: path.slice(prefix.length), data: data as T });
  }
  return found;
}

/** The documents of every collection named `name` under any parent (`wallets/<id>/shards`). */
export function collectionGroup<T>(world: Pick<SoakWorld, 'docs'>, name: string): Array<{ path: string; data: T }> {
  const found: Array<{ path: string; data: T }> = [];
  for (const [path, data] of world.docs) {
    const parts = path.split('/');
    if (parts.length >= 2 && parts[parts.length - 2] === name) found.push({ path, data: data as T });
  }
  return found;
}

/** Stripe's stand-in keeps each object as `{ stripe: <the object as Stripe shapes it> }`. */
export function stripeObjects<T>(world: Pick<SoakWorld, 'docs'>, name: 'Sessions' | 'Charges' | 'Transfers' | 'TransferReversals' | 'Accounts'): T[] {
  return collection<{ stripe: T }>(world, `_localStripe${name}`).map((d) => d.data.stripe);
}
