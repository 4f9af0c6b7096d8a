/**
 * @module run-once
 * At-least-once delivery, exactly-once effect: a piece of work keyed by the event that
 * caused it (interaction id, Stripe event id, message id…) runs to completion once.
 * The key is claimed with a lease in a transaction; a second delivery finds it done and
 * does nothing, or finds it running and asks to be redelivered later.
 */
import { randomUUID } from 'node:crypto';
import { systemClock, type Clock, type DocumentStore } from '../../ports';
import { legacyOnceRecordPath, onceRecordDays, onceRecordId, onceRecordPath } from '../rules/once-record';

export class StillRunning extends Error {
  readonly code = 'still-running';
  constructor(key: string) {
    // The key's digest, as the record's id: a key may hold a person's id, and this message is logged.
    super(`work ${onceRecordId(key)} is being handled by another delivery; retry later`);
    this.name = 'StillRunning';
  }
}

export { onceRecordDays };

export interface RunOnceOptions {
  clock?: Clock;
  /** How long a claim holds before another delivery may take over a crashed one. */
  leaseMs?: number;
}

/** Answers true when this call did the work, false when it had been done before. */
export async function runOnce(store: DocumentStore, key: string, work: () => Promise<void>, options: RunOnceOptions = {}): Promise<boolean> {
  const done = await runOnceFor(
    store,
    key,
    async () => {
      await work();
      return undefined;
    },
    options,
  );
  return done.ran;
}

/**
 * What a claim took over: a claim that was never let go (its holder stopped mid-work, neither
 * finishing nor failing), taken at `claimedAt`. Its work may have acted, or not.
 */
export interface AbandonedClaim {
  claimedAt: string;
}

/**
 * As `runOnce`, for work whose outcome a later call needs (was the DM delivered, or were
 * their DMs closed?): the outcome is kept with the record, and a call that finds the work
 * done answers the outcome the first one had. The work hears of an abandoned claim it took
 * over, for work whose own idempotency has a window (Discord's nonce).
 */
export async function runOnceFor<T extends string>(
  store: DocumentStore,
  key: string,
  work: (abandoned?: AbandonedClaim) => Promise<T | undefined>,
  options: RunOnceOptions = {},
): Promise<{ ran: boolean; result?: T }> {
  const clock = options.clock ?? systemClock;
  const path = onceRecordPath(key);
  // This call's own mark on its claim: a commit whose answer was lost may have been applied,
  // and the SDK then runs the transaction again (finding the claim) or fails it (the commit
  // it sent again refused); either way only the mark tells this claim from another's.
  const claimId = randomUUID();
  let abandoned: AbandonedClaim | undefined;
  const claim = await store
    .runTransaction(async (tx) => {
      const now = clock.now();
      const record = await tx.get(path);
      if (record?.state === 'done') return { result: record.result };
      const legacy = record ? undefined : await tx.get(legacyOnceRecordPath(key));
      if (legacy?.state === 'done') return { result: legacy.result };
      if (record?.state === 'running' && record.claimId === claimId) return 'claimed';
      if (record?.state === 'running' && record.leaseUntil && Date.parse(record.leaseUntil) > now.getTime()) return 'busy';
      abandoned = record?.state === 'running' && !record.released && record.claimedAt ? { claimedAt: record.claimedAt } : undefined;
      const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? 60_000)).toISOString();
      const expiresAt = new Date(now.getTime() + onceRecordDays * 24 * 3_600_000);
      tx.set(path, { state: 'running', leaseUntil, attempts: (record?.attempts ?? 0) + 1, expiresAt, claimId, claimedAt: now.toISOString() });
      return 'claimed';
    })
    .catch(async (error: unknown) => {
      const record = await store.get(path).catch(() => undefined);
      if (record?.state === 'running' && record.claimId === claimId) return 'claimed' as const;
      throw error;
    });
  if (claim === 'busy') throw new StillRunning(key);
  if (claim !== 'claimed') return { ran: false, ...(claim.result !== undefined ? { result: claim.result as T } : {}) };
  let result: T | undefined;
  try {
    result = await work(abandoned);
  } catch (error) {
    // Let the redelivery claim it at once instead of waiting out the lease; should the store
    // refuse that too, the lease runs out on its own and the work's own error is what counts.
    await store.runTransaction(async (tx) => tx.update(path, { leaseUntil: clock.now().toISOString(), released: true })).catch(() => undefined);
    throw error;
  }
  // The work is done: recorded in a transaction, which the store runs again when Firestore
  // aborts it under contention, so a plain write's abort never leaves done work to be redone.
  await store.runTransaction(async (tx) => tx.update(path, { state: 'done', doneAt: clock.now().toISOString(), ...(result !== undefined ? { result } : {}) }));
  return { ran: true, ...(result !== undefined ? { result } : {}) };
}
