/**
 * @module late-check
 * At a commission's promised date (a Cloud Task named from the order and the date): if it is
 * still in the line (or a group buy's order, promised the end of its ship month) and not done, the buyer is told once, with **Cancel and refund** and
 * **Keep waiting**, and the builder is told once. A date moved since finds nothing to do;
 * a call before the date throws `TaskNotDueYet`, so nobody is told early.
 */
import { withJournal } from '../../journal';
import type { Clock, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { isOrderIdShaped, scheduleTask } from '../../common';
import { advancedNetCents } from '../../payments';
import { orderPath, type Order, applyOrderFact } from '../../orders';
import { tellOnce } from '../../discord';
import { TaskNotDueYet } from '../../errors';
import { isPromised } from '../rules/queue-line';
import { cancelRefundCents, lateTaskName } from '../rules/late';
import { builderLateNotice, lateNotice } from '../rules/late-messages';
import { closedDmFallback } from './closed-dm-fallback';

export interface LateCheck {
  orderId: string;
  promisedAt: string;
}

export function scheduleLateCheck(tasks: TaskQueue, check: LateCheck): Promise<unknown> {
  return scheduleTask(tasks, 'commissionLate', { name: lateTaskName(check.orderId, check.promisedAt), payload: check, atMs: Date.parse(check.promisedAt) });
}

/** Only the shape `scheduleLateCheck` writes. */
export function parseLateCheck(payload: unknown): LateCheck | undefined {
  const { orderId, promisedAt, ...rest } = (payload ?? {}) as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof orderId !== 'string' || !isOrderIdShaped(orderId)) return undefined;
  if (typeof promisedAt !== 'string' || !Number.isFinite(Date.parse(promisedAt))) return undefined;
  return { orderId, promisedAt };
}

export interface LateCheckDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  /** Where a buyer whose DMs are closed is told instead: their drop's channel (the marketplace's, wired above the modules). */
  orderChannel: (order: Order) => Promise<string | undefined>;
}

export async function checkLate(deps: LateCheckDeps, check: LateCheck): Promise<void> {
  const order = await deps.store.get(orderPath(check.orderId));
  if (!order || !isPromised(order) || order.commission.promisedAt !== check.promisedAt) return;
  const dueAtMs = Date.parse(check.promisedAt);
  if (deps.clock.now().getTime() <= dueAtMs) throw new TaskNotDueYet(dueAtMs);
  const noticed = await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(check.orderId));
    if (!current || !isPromised(current) || current.commission.promisedAt !== check.promisedAt) return undefined;
    if (current.commission.lateNotice?.promisedAt !== check.promisedAt)
      applyOrderFact(tx, current, { kind: 'place-late', promisedAt: check.promisedAt, at: deps.clock.now().toISOString() });
    return current;
  });
  if (!noticed) return;
  const key = `${check.orderId}:${Date.parse(check.promisedAt)}`;
  const { order: withMoney, entries } = await withJournal(deps.store, noticed);
  const notice = lateNotice(noticed, check.promisedAt, cancelRefundCents(withMoney, entries), advancedNetCents(noticed, entries));
  await tellOnce(deps, `late:${key}`, noticed.buyerId, notice, closedDmFallback(deps, noticed, 'late'));
  await tellOnce(deps, `late-builder:${key}`, noticed.builderId, builderLateNotice(noticed, check.promisedAt, noticed.commission.delay !== undefined));
}
