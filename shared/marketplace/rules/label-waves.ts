/**
 * @module label-waves
 * Shipping waves (issue 78, point 2): `/c500 ship order:groupbuy:<id>` or `order:show:<id>`
 * quotes every paid, unshipped order of the builder's group buy (or their lots of a show) at
 * once, and one press buys a label for each, exactly as a rate's press buys one. The wave is
 * kept at `labelWaves/<the command's interaction id>`: what was offered (each order and the
 * offered rate it takes), what was skipped and why, and each batch's purchases. The purchases
 * run as a chain of named tasks (`label-wave-<wave>-<n>`), a few orders a batch, each naming
 * the next a second after it ended, so a wave of 100 stays far inside the carrier's rate
 * limit. Pure.
 */
import { docPath } from '../../ports';
import type { Order } from '../../orders';

/** What a wave ships: a group buy's orders (by its id), or a show's lots (by the show's id). */
export interface WaveSource {
  kind: 'groupbuy' | 'show';
  id: string;
}

const sourceShape = /^(groupbuy|show):([0-9A-Za-z_-]{1,64})$/;

/** `groupbuy:<id>` or `show:<id>` typed in `order:`, or undefined for anything else (an order id). */
export function waveSourceOf(typed: string): WaveSource | undefined {
  const found = sourceShape.exec(typed.trim());
  return found ? { kind: found[1] as WaveSource['kind'], id: found[2] as string } : undefined;
}

/** Whether the order belongs to what the wave ships (the builder is checked apart: a stranger's orders are a refusal, not a skip). */
export function isOfSource(order: Pick<Order, 'source' | 'sourceId' | 'showId'>, source: WaveSource): boolean {
  return source.kind === 'groupbuy' ? order.source === 'groupbuy' && order.sourceId === source.id : order.showId === source.id;
}

/** Paid (or being built) and not shipped: what a wave would ship; the rest is left out without a word. */
export const awaitsShipping = (order: Pick<Order, 'status'>): boolean => order.status === 'paid' || order.status === 'building';

/** Each batch buys this many labels, the next a second after it ended: at most 5 purchases (and their read-backs) a second, whatever the wave's size. */
export const wavePace = { batchSize: 5, spacingMs: 1_000 } as const;

/** The most orders one wave quotes: its offer is made in one command's answer (two carrier calls an order). */
export const maxWaveOrders = 100;

/** An order the wave buys a label for: the offered rate it takes (the cheapest, or the one already chosen). */
export interface WaveOrder {
  orderId: string;
  rateIndex: number;
  amountCents: number;
  /** The rate as the offer named it (`USPS GroundAdvantage`). */
  rateName: string;
}

/** What became of an order when its batch ran: its label, or the carrier's (or the rules') words why not. */
export interface WaveResult {
  orderId: string;
  trackingCode?: string;
  labelUrl?: string;
  refused?: string;
}

export interface LabelWave {
  waveId: string;
  guildId: string;
  builderId: string;
  source: WaveSource;
  currency: string;
  orders: WaveOrder[];
  /** Orders of the source that could not be quoted, with the words why (an address the carrier could not verify…). */
  skipped: Array<{ orderId: string; reason: string }>;
  totalCents: number;
  createdAt: string;
  /** The press that started the purchases: a second press (or its redelivery) starts nothing more. */
  pressedBy?: string;
  /** The last batch that armed the next: that batch run again leaves the rest to its successor. */
  armed?: number;
  /** Each order's outcome, by order id, as its batch found it. */
  results?: Record<string, WaveResult>;
  finishedAt?: string;
}

export const labelWavePath = (waveId: string) => docPath<LabelWave>(`labelWaves/${waveId}`);

export interface WaveTask {
  waveId: string;
  /** 1 for the first batch, then 2, 3, … */
  batch: number;
  /** The batch asked again after the carrier's limiter refused it: 1, 2, … (absent the first time). */
  retry?: number;
}

export const waveTaskName = (task: WaveTask): string => `label-wave-${task.waveId}-${task.batch}${task.retry ? `-r${task.retry}` : ''}`;

/**
 * When a batch the carrier's limiter refused (after the adapter's own short waits) is asked
 * again: 2 s, 4 s, 8 s… from its end, at most a minute; past `maxRetries` its task fails and
 * the queue's own retries take over.
 */
export const waveRetry = { firstMs: 2_000, mostMs: 60_000, maxRetries: 8 } as const;
export const waveRetryDelayMs = (retry: number): number => Math.min(waveRetry.mostMs, waveRetry.firstMs * 2 ** (retry - 1));

/** The orders the batch buys: the wave's orders are fixed at its offer, so a batch's number is its cursor. */
export function batchOf(wave: Pick<LabelWave, 'orders'>, batch: number): WaveOrder[] {
  return wave.orders.slice((batch - 1) * wavePace.batchSize, batch * wavePace.batchSize);
}

const isWaveIdShaped = (id: string): boolean => /^[0-9]{1,25}$/.test(id);

/** Only the shape this module schedules; anything else is nobody's task. */
export function parseWaveTask(payload: unknown): WaveTask | undefined {
  const { waveId, batch, retry, ...rest } = (payload ?? {}) as Record<string, unknown>;
  if (Object.keys(rest).length > 0 || typeof waveId !== 'string' || !isWaveIdShaped(waveId)) return undefined;
  if (!Number.isSafeInteger(batch) || (batch as number) < 1) return undefined;
  if (retry !== undefined && (!Number.isSafeInteger(retry) || (retry as number) < 1 || (retry as number) > waveRetry.maxRetries)) return undefined;
  return { waveId, batch: batch as number, ...(retry !== undefined ? { retry: retry as number } : {}) };
}

const wavePrefix = 'label-wave:';

/** The wave's one button. */
export const waveButtonId = (waveId: string): string => `${wavePrefix}${waveId}`;

/** The wave a button names, or undefined for anything that is not exactly one of ours. */
export function waveFromButton(customId: string): string | undefined {
  if (!customId.startsWith(wavePrefix)) return undefined;
  const waveId = customId.slice(wavePrefix.length);
  return isWaveIdShaped(waveId) ? waveId : undefined;
}
