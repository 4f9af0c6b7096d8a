/**
 * @module charge-tasks
 * The `groupbuy-close` queue's tasks as the close's function reads them, each named so that a
 * redelivered schedule makes one task: the close at `closesAt` (the front half schedules it,
 * by the same name: `groupbuy-close-<id>-<closesAt ms>`, so an extension arms a new task and
 * the old one finds nothing to do), and the charging after it, a batch at a time, each batch
 * naming the next. A chain of batches is started by the close, and by each lapse that moved
 * waitlisted pledges up (named by the lapsed pledge's order). The pledges let go without a
 * charge (a close short of its MOQ, a funded group buy's waitlist, a call-off before the
 * close) are a chain of their own,
 * a batch of DMs at a time; a funded group buy's saved cards, detached at Stripe, another
 * (`groupbuy-cards-<id>-<n>`). An interest check's end rides the same queue (interest-end). Pure.
 */
import type { GroupBuy } from './group-buy';
import { closeSettleMs, groupBuyCloseTaskName, type GroupBuyCloseTask } from './close-task';
import { isInterestEndTask, parseInterestEndTask, type InterestEndTask } from './interest-end';

/** The close's task, as the front half schedules it (close-task): which close it is for. */
export type CloseTask = GroupBuyCloseTask;

export interface ChargeTask {
  groupBuyId: string;
  /**
   * What started the chain: `close`, `lapse-<order id>` for the units a lapsed pledge (its order)
   * freed, or `cancel` for the builder's call-off: no person's id in a task's name.
   */
  chain: string;
  /** 1 for the chain's first batch, then 2, 3, … */
  batch: number;
}

/** A batch of the pledges let go without a charge: `releaseBatch` 1 first, then 2, 3, … */
export interface ReleaseTask {
  groupBuyId: string;
  releaseBatch: number;
}

/** A batch of the funded group buy's saved cards detached at Stripe: `cardBatch` 1 first, then 2, 3, … */
export interface CardReleaseTask {
  groupBuyId: string;
  cardBatch: number;
}

export type GroupBuyTask = CloseTask | ChargeTask | ReleaseTask | CardReleaseTask | InterestEndTask;

/** What a task names a group buy by: as Cloud Tasks' names allow, so an id is safe in one. */
export const isGroupBuyIdShaped = (id: string): boolean => /^[0-9A-Za-z_-]{1,64}$/.test(id);
const isChainShaped = (chain: string): boolean => /^(close|cancel|lapse-[0-9a-z]{4,40})$/.test(chain);

/** The chain of the builder's call-off (cancel-group-buy): refunds, not charges. */
export const callOffChain = 'cancel';

export const chargeTaskName = (task: ChargeTask): string => `groupbuy-charge-${task.groupBuyId}-${task.chain}-${task.batch}`;
export const releaseTaskName = (task: ReleaseTask): string => `groupbuy-release-${task.groupBuyId}-${task.releaseBatch}`;
export const cardReleaseTaskName = (task: CardReleaseTask): string => `groupbuy-cards-${task.groupBuyId}-${task.cardBatch}`;

/**
 * Each pledger let go is told by DM, and a DM is two of Discord's requests (the DM channel, the
 * message): 20 a batch, told one after another, keep a batch to seconds and far inside
 * Discord's 50 requests a second, and the next batch starts a second after this one ended. A
 * close with 2,000 pledgers is a hundred short tasks, none of them holding the rest.
 */
export const releasePace = { batchSize: 20, spacingMs: 1_000 } as const;

/**
 * A funded group buy's cards are let go after the builder is told, never inside the event or
 * the batch that ended the funding: a card is a detach and perhaps a customer's deletion, two of
 * Stripe's writes, so 2,000 pledges are 4,000 writes, minutes at the budget's batch rate, which
 * inside one delivery held the last buyer's receipt and the builder's DM past Pub/Sub's ack
 * deadline (issue 77's stall). 20 a batch keep each task to seconds.
 */
export const cardReleasePace = { batchSize: 20, spacingMs: 1_000 } as const;

/**
 * The close's task for the group buy as it stands, as the front half schedules it (its name,
 * its payload, and its time: the close plus the settle window, so a card saved just before the
 * close whose event comes late still counts): what a test or a benchmark arms.
 */
export function closeTaskOf(groupBuy: Pick<GroupBuy, 'groupBuyId' | 'closesAt'>): { name: string; payload: CloseTask; atMs: number } {
  const payload = { groupBuyId: groupBuy.groupBuyId, closesAtMs: Date.parse(groupBuy.closesAt) };
  return { name: groupBuyCloseTaskName(payload), payload, atMs: payload.closesAtMs + closeSettleMs };
}

/** When the close is due: not before the settle window after `closesAt` has passed. */
export const closeDueAtMs = (task: CloseTask): number => task.closesAtMs + closeSettleMs;

export const isChargeTask = (task: GroupBuyTask): task is ChargeTask => 'chain' in task;
export const isReleaseTask = (task: GroupBuyTask): task is ReleaseTask => 'releaseBatch' in task;
export const isCardReleaseTask = (task: GroupBuyTask): task is CardReleaseTask => 'cardBatch' in task;
export { isInterestEndTask };

/**
 * This batch armed its successor already (it is a redelivery): the successor goes on, a second
 * after this one first ended, so no second of Stripe's sees two batches of one chain.
 */
export function successorArmed(groupBuy: Pick<GroupBuy, 'chargeBatchArmed'>, task: ChargeTask): boolean {
  const [chain, batch] = (groupBuy.chargeBatchArmed ?? '').split(':');
  return chain === task.chain && Number(batch) >= task.batch;
}

/** Only the shapes this module schedules; anything else is nobody's task. */
export function parseGroupBuyTask(payload: unknown): GroupBuyTask | undefined {
  const fields = (payload ?? {}) as Record<string, unknown>;
  if ('checkId' in fields) return parseInterestEndTask(fields);
  const { groupBuyId, closesAtMs, chain, batch, releaseBatch, cardBatch, ...rest } = fields;
  if (Object.keys(rest).length > 0 || typeof groupBuyId !== 'string' || !isGroupBuyIdShaped(groupBuyId)) return undefined;
  if (cardBatch !== undefined)
    return closesAtMs === undefined && chain === undefined && batch === undefined && releaseBatch === undefined && isBatchNumber(cardBatch)
      ? { groupBuyId, cardBatch }
      : undefined;
  if (releaseBatch !== undefined)
    return closesAtMs === undefined && chain === undefined && batch === undefined && Number.isSafeInteger(releaseBatch) && (releaseBatch as number) >= 1
      ? { groupBuyId, releaseBatch: releaseBatch as number }
      : undefined;
  if (closesAtMs !== undefined)
    return chain === undefined && batch === undefined && Number.isSafeInteger(closesAtMs) && (closesAtMs as number) > 0
      ? { groupBuyId, closesAtMs: closesAtMs as number }
      : undefined;
  if (typeof chain !== 'string' || !isChainShaped(chain) || !Number.isSafeInteger(batch) || (batch as number) < 1) return undefined;
  return { groupBuyId, chain, batch: batch as number };
}

const isBatchNumber = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 1;
