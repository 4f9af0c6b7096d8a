/**
 * @module interest-end
 * An interest check's end, as a named task on the `groupbuy-close` queue (the close's function
 * runs it): `interest-check-end-<check id>`, armed when the check is posted, for its posting
 * plus `interestCheckLifeMs`, so a redelivered command arms one task. A check still open then
 * ends: its post says so, its buttons go, and the interest members gave (who was interested,
 * and how many) is deleted, its job done. A check opened as a group buy before then ended
 * when it opened; its task deletes whatever interest is left. Pure.
 */
import { isShortIdShaped, type InterestCheck } from './interest-check';

/** 30 days: long enough to gauge demand for a group buy; after that a member's word is kept for nothing. */
export const interestCheckLifeMs = 30 * 24 * 60 * 60_000;

export interface InterestEndTask {
  checkId: string;
}

export const interestEndTaskName = (task: InterestEndTask): string => `interest-check-end-${task.checkId}`;

/** When the check ends unless opened before: its posting plus its life. */
export const interestEndsAtMs = (check: Pick<InterestCheck, 'createdAt'>): number => Date.parse(check.createdAt) + interestCheckLifeMs;

/** The check's end as the posting schedules it: its name, its payload, its time. */
export function interestEndTaskOf(check: Pick<InterestCheck, 'checkId' | 'createdAt'>): { name: string; payload: InterestEndTask; atMs: number } {
  const payload = { checkId: check.checkId };
  return { name: interestEndTaskName(payload), payload, atMs: interestEndsAtMs(check) };
}

export const isInterestEndTask = (task: object): task is InterestEndTask => 'checkId' in task;

/** The end's payload, and nothing else: a check's id, shaped as the checks' ids are. */
export function parseInterestEndTask(fields: Readonly<Record<string, unknown>>): InterestEndTask | undefined {
  const { checkId, ...rest } = fields;
  return Object.keys(rest).length === 0 && typeof checkId === 'string' && isShortIdShaped(checkId) ? { checkId } : undefined;
}
