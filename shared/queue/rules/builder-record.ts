/**
 * @module builder-record
 * A builder's record from C500's own orders: how many commissions they finished, how many
 * of those were done by the date first promised (a delay the builder asked for does not
 * move the bar), and the median time from payment to done. Pure.
 */
import type { Order } from '../../orders';

export interface BuilderRecord {
  completed: number;
  onTime: number;
  /** `onTime / completed` as a whole percent, or undefined before the first build is done. */
  onTimePercent: number | undefined;
  /** The median days from payment to `done`, to one decimal, or undefined before the first. */
  medianLeadDays: number | undefined;
}

const dayMs = 24 * 60 * 60_000;

export function builderRecord(orders: readonly Order[]): BuilderRecord {
  const done = orders.flatMap((o) => {
    const c = o.commission;
    if (c?.ended !== 'done' || !c.endedAt || !c.paidAt || !c.promisedAt) return [];
    const firstPromise = c.delay?.fromPromisedAt ?? c.promisedAt;
    return [{ onTime: Date.parse(c.endedAt) <= Date.parse(firstPromise), leadMs: Date.parse(c.endedAt) - Date.parse(c.paidAt) }];
  });
  const onTime = done.filter((d) => d.onTime).length;
  return {
    completed: done.length,
    onTime,
    onTimePercent: done.length === 0 ? undefined : Math.round((onTime / done.length) * 100),
    medianLeadDays: done.length === 0 ? undefined : Math.round((median(done.map((d) => d.leadMs)) / dayMs) * 10) / 10,
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
