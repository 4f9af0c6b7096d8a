/**
 * @module offer-label-wave
 * `/c500 ship order:groupbuy:<id>` (or `order:show:<id>`): every paid, unshipped order of the
 * builder's group buy (or their lots of the show) quoted as `/c500 ship order:<id>` quotes
 * one, each taking its cheapest rate (or the rate already chosen for it, whose purchase the
 * wave finishes). Orders the carrier cannot quote (an address it could not verify: the buyer
 * is asked to fix it) are skipped with the words why. The wave is kept under the command's
 * interaction id, so a redelivered command answers with the same wave and quotes nothing
 * again; its one button buys the labels (buy-label-wave). Up to 100 orders are quoted in
 * batches of `wavePace.batchSize` at once (at most that many carrier calls in flight), a batch
 * after the last ended, so a wave is neither a burst at the carrier nor a hundred calls in a row.
 */
import type { DiscordMessage } from '../../ports';
import { ordersCollection, type Order } from '../../orders';
import { awaitsShipping, isOfSource, labelWavePath, maxWaveOrders, wavePace, type LabelWave, type WaveOrder, type WaveSource } from '../rules/label-waves';
import { waveOffer, waveRefusals } from '../rules/label-wave-messages';
import { quoteLabels, type LabelDeps, type Shipper } from './offer-labels';

export async function offerLabelWave(deps: LabelDeps, place: Shipper, source: WaveSource, interactionId: string): Promise<DiscordMessage> {
  const kept = await deps.store.get(labelWavePath(interactionId));
  if (kept) return waveOffer(kept);
  const ofSource = (await ordersOf(deps, source)).filter((o) => o.guildId === place.guildId);
  const mine = ofSource.filter((o) => o.builderId === place.user.id);
  // Another builder's group buy or show: refused, never quoted (its orders say nothing here).
  if (ofSource.length > 0 && mine.length === 0) return waveRefusals.notYours(source);
  const toShip = mine.filter(awaitsShipping).sort((a, b) => a.orderId.localeCompare(b.orderId));
  if (toShip.length === 0) return waveRefusals.nothing(source);
  if (toShip.length > maxWaveOrders) return waveRefusals.tooMany(source, maxWaveOrders);

  const orders: WaveOrder[] = [];
  const skipped: LabelWave['skipped'] = [];
  // In batches, as the buying is: a batch's orders at once (two carrier calls each, one after the other), the next once it ended.
  for (let start = 0; start < toShip.length; start += wavePace.batchSize) {
    const batch = toShip.slice(start, start + wavePace.batchSize);
    for (const quoted of await Promise.all(batch.map((order) => quoteOne(deps, place, order)))) {
      if ('rateIndex' in quoted) orders.push(quoted);
      else skipped.push(quoted);
    }
  }
  const wave: LabelWave = {
    waveId: interactionId,
    guildId: place.guildId,
    builderId: place.user.id,
    source,
    currency: (toShip[0] as Order).currency,
    orders,
    skipped,
    totalCents: orders.reduce((sum, o) => sum + o.amountCents, 0),
    createdAt: deps.clock.now().toISOString(),
  };
  // The first delivery's wave stands: a redelivery that quoted meanwhile answers with it.
  const stored = await deps.store.runTransaction(async (tx) => {
    const there = await tx.get(labelWavePath(interactionId));
    if (there) return there;
    tx.set(labelWavePath(interactionId), wave);
    return wave;
  });
  return waveOffer(stored);
}

/** One order of the wave: the rate chosen already, or its cheapest rate quoted now, or the words why none. */
async function quoteOne(deps: LabelDeps, place: Shipper, order: Order): Promise<WaveOrder | LabelWave['skipped'][number]> {
  const chosen = chosenRate(order);
  if (chosen) return chosen;
  const quoted = await quoteLabels(deps, place, order);
  const cheapest = 'rates' in quoted ? quoted.rates[0] : undefined;
  if (cheapest) return { orderId: order.orderId, rateIndex: 0, amountCents: cheapest.amountCents, rateName: `${cheapest.carrier} ${cheapest.service}` };
  return { orderId: order.orderId, reason: 'content' in quoted ? String(quoted.content ?? '') : 'no rate offered' };
}

/** A group buy's orders, or a show's lots: one field each, so no composite index is needed. */
async function ordersOf(deps: LabelDeps, source: WaveSource): Promise<Order[]> {
  const found =
    source.kind === 'groupbuy'
      ? await deps.store.query(ordersCollection, { where: [['sourceId', '==', source.id]] })
      : await deps.store.query(ordersCollection, { where: [['showId', '==', source.id]] });
  return found.map((d) => d.data).filter((o) => isOfSource(o, source));
}

/** A label chosen already but not bought (a press cut short): the wave finishes that one, never quoting another. */
function chosenRate(order: Order): WaveOrder | undefined {
  const asked = order.label;
  if (!asked) return undefined;
  const index = order.labelQuote?.rates.findIndex((r) => r.rateId === asked.rate.rateId) ?? -1;
  if (index < 0) return undefined;
  return { orderId: order.orderId, rateIndex: index, amountCents: asked.rate.amountCents, rateName: `${asked.rate.carrier} ${asked.rate.service}` };
}
