/**
 * @module buy-label-wave
 * A shipping wave's one button, pressed: the press is recorded on the wave once and its first
 * batch is scheduled (named, so a second press or a redelivery schedules nothing more). Each
 * batch (the `label-wave` queue's task) buys its few orders' labels one after another, each
 * exactly as a rate's press buys one (buy-label: the rate written on the order before the
 * carrier is asked, the shipment read back before any purchase, the buyer told once), then
 * names the next batch a second after it ended. What each order came to is kept on the wave;
 * when none is left the builder gets one DM with every label's link.
 */
import { isCarrierRateLimited, type DiscordMessage, type TaskQueue } from '../../ports';
import { invoker, refusals, tellOnce, type Interaction } from '../../discord';
import { scheduleTask } from '../../common';
import { orderPath } from '../../orders';
import { log } from '../../log';
import {
  batchOf,
  labelWavePath,
  waveFromButton,
  wavePace,
  waveRetry,
  waveRetryDelayMs,
  waveTaskName,
  type LabelWave,
  type WaveResult,
  type WaveTask,
} from '../rules/label-waves';
import { waveRefusals, waveStarted, waveSummary } from '../rules/label-wave-messages';
import { buyOfferedLabel } from './buy-label';
import type { LabelDeps } from './offer-labels';

export interface LabelWaveDeps extends LabelDeps {
  tasks: TaskQueue;
}

export async function buyLabelWave(deps: LabelWaveDeps, interaction: Interaction): Promise<DiscordMessage> {
  const waveId = waveFromButton(interaction.data?.custom_id ?? '');
  const user = invoker(interaction);
  if (!waveId || !user || !interaction.guild_id) return refusals.staleComponent;
  const guildId = interaction.guild_id;
  const pressed = await deps.store.runTransaction(async (tx): Promise<DiscordMessage | LabelWave> => {
    const wave = await tx.get(labelWavePath(waveId));
    if (!wave || wave.guildId !== guildId) return refusals.staleComponent;
    if (wave.builderId !== user.id) return waveRefusals.notYourWave;
    if (wave.pressedBy) return wave;
    tx.update(labelWavePath(waveId), { pressedBy: interaction.id });
    return { ...wave, pressedBy: interaction.id };
  });
  if (!('waveId' in pressed)) return pressed;
  // Scheduled again on every press: the task's name makes it one, and a press whose schedule failed is finished by the next.
  await scheduleWaveBatch(deps.tasks, { waveId, batch: 1 }, deps.clock.now().getTime());
  return waveStarted(pressed);
}

/** The batch's labels bought one after another (each a read-back and a buy), or `rate-limited` when the carrier's limiter refused one. */
async function buyBatch(deps: LabelWaveDeps, wave: LabelWave, task: WaveTask): Promise<WaveResult[] | 'rate-limited'> {
  const results: WaveResult[] = [];
  for (const o of batchOf(wave, task.batch)) {
    let answer: DiscordMessage;
    try {
      answer = await buyOfferedLabel(
        deps,
        { guildId: wave.guildId, user: { id: wave.builderId } },
        { orderId: o.orderId, index: o.rateIndex },
        wave.pressedBy ?? '',
        'wave',
      );
    } catch (error) {
      if (isCarrierRateLimited(error)) return 'rate-limited';
      throw error;
    }
    const label = (await deps.store.get(orderPath(o.orderId)))?.label;
    results.push(
      label?.trackingCode
        ? { orderId: o.orderId, trackingCode: label.trackingCode, ...(label.labelUrl ? { labelUrl: label.labelUrl } : {}) }
        : { orderId: o.orderId, refused: String(answer.content ?? 'not bought') },
    );
  }
  return results;
}

/** The same batch, named again, after a wait that doubles with each refusal; past the last, thrown for the queue's own retries. */
async function retryLater(deps: LabelWaveDeps, task: WaveTask): Promise<void> {
  const retry = (task.retry ?? 0) + 1;
  if (retry > waveRetry.maxRetries)
    throw new Error(`the carrier refused label wave ${task.waveId}'s batch ${task.batch} as too many requests ${waveRetry.maxRetries} times`);
  log.warn('the carrier’s limiter refused a batch of a shipping wave; asked again later', { event: 'label-wave.rate-limited', ...task, retry });
  await scheduleWaveBatch(deps.tasks, { waveId: task.waveId, batch: task.batch, retry }, deps.clock.now().getTime() + waveRetryDelayMs(retry));
}

/** A batch of the wave at `atMs`: the first at once, each next one a second after the last ended. */
export function scheduleWaveBatch(tasks: TaskQueue, task: WaveTask, atMs: number): Promise<unknown> {
  return scheduleTask(tasks, 'labelWave', { name: waveTaskName(task), payload: task, atMs });
}

export async function runLabelWaveBatch(deps: LabelWaveDeps, task: WaveTask): Promise<void> {
  const wave = await deps.store.get(labelWavePath(task.waveId));
  if (!wave?.pressedBy) return void log.warn('a label wave task for no pressed wave', { ...task });
  // The last batch run again (its DM failed, or a redelivery): the summary, told once.
  if (wave.finishedAt) return tellSummary(deps, wave);
  // This batch armed its successor already: the successor buys the next labels.
  if ((wave.armed ?? 0) >= task.batch) return;
  const results = await buyBatch(deps, wave, task);
  // The carrier's limiter refused a purchase: the whole batch is asked again later (what it bought is read back, never bought twice).
  if (results === 'rate-limited') return retryLater(deps, task);
  const last = task.batch * wavePace.batchSize >= wave.orders.length;
  const recorded = await recordBatch(deps, task, results, last);
  log.info('a batch of a shipping wave', { event: 'label-wave.batch', ...task, bought: results.filter((r) => r.trackingCode).length, orders: results.length });
  if (last) return recorded ? tellSummary(deps, recorded) : undefined;
  // Measured from the end of this batch: no second of the carrier's holds the purchases of two batches.
  await scheduleWaveBatch(deps.tasks, { waveId: task.waveId, batch: task.batch + 1 }, deps.clock.now().getTime() + wavePace.spacingMs);
  await deps.store.update(labelWavePath(task.waveId), { armed: task.batch });
}

/** The batch's outcomes by order (a second run writes the same), and the end once no order is left. */
async function recordBatch(deps: LabelWaveDeps, task: WaveTask, results: readonly WaveResult[], last: boolean): Promise<LabelWave | undefined> {
  const path = labelWavePath(task.waveId);
  return deps.store.runTransaction(async (tx) => {
    const current = await tx.get(path);
    if (!current) return undefined;
    const merged = { ...current.results, ...Object.fromEntries(results.map((r) => [r.orderId, r])) };
    const finishedAt = current.finishedAt ?? (last ? deps.clock.now().toISOString() : undefined);
    tx.update(path, { results: merged, ...(finishedAt ? { finishedAt } : {}) });
    return { ...current, results: merged, ...(finishedAt ? { finishedAt } : {}) };
  });
}

async function tellSummary(deps: LabelWaveDeps, wave: LabelWave): Promise<void> {
  await tellOnce(deps, `label-wave:${wave.waveId}`, wave.builderId, waveSummary(wave));
}
