/**
 * @module earnings-chart
 * A builder's earnings by week, held against released, and its chart drawn as inline SVG on
 * the server (no script, no outside asset). What an order earns the builder is their share,
 * folded from the money's journal (`OrderMoney`): released is what transfers sent them (the
 * release, a commission's tranches, a won dispute's return) and what paid their debt instead,
 * less what reversals took back; held is what the platform still keeps for them (paid and
 * not yet released, less their part of what was refunded). Each order counts in the week it
 * was paid (Monday to Sunday, UTC); orders never paid or refunded before release earn
 * nothing. Integer cents throughout.
 */
import { escapeHtml, formatMoney } from '../../common';
import { builderDueCents, builderPartOfRefund, type Order } from '../../orders';
import type { OrderMoney } from '../../journal';

/** An order as the dashboard shows it: its document, and its money as the journal folds it. */
export type Counted<T> = T & { money: OrderMoney };

export type EarningOrder = Counted<
  Pick<
    Order,
    | 'orderId'
    | 'status'
    | 'currency'
    | 'createdAt'
    | 'paidAt'
    | 'amountCents'
    | 'builderShareCents'
    | 'hostCutCents'
    | 'shippingCents'
    | 'payouts'
    | 'commission'
  >
>;

export interface WeekEarnings {
  /** The Monday the week starts on, `YYYY-MM-DD`. */
  weekStart: string;
  heldCents: number;
  releasedCents: number;
}

/** The statuses whose money the platform still holds for the builder until the release. */
const holding: ReadonlySet<Order['status']> = new Set(['paid', 'building', 'shipped']);

/** What one order earns the builder now: held, released, or neither. */
export function earningOf(order: EarningOrder): { heldCents: number; releasedCents: number } {
  const { builder, refundedCents } = order.money;
  const releasedCents = Math.max(0, builder.sentCents + builder.nettedCents - builder.reversedCents);
  // Once released, or cancelled late (what the tranches sent stays theirs), nothing more is held for them.
  const waiting = order.payouts.builder.transferId === undefined && order.commission?.ended !== 'cancelled' && holding.has(order.status);
  const heldCents = waiting ? Math.max(0, builderDueCents(order) - builderPartOfRefund(order, refundedCents) - releasedCents) : 0;
  return { heldCents, releasedCents };
}

const dayMs = 86_400_000;

/** The Monday (UTC) of the week `at` falls in. */
export function weekStartOf(atMs: number): number {
  const day = Math.floor(atMs / dayMs);
  // 1970-01-01 was a Thursday: day 0 is three days after a Monday.
  return (day - ((day + 3) % 7)) * dayMs;
}

/** The last `weeks` weeks up to `now`, oldest first, each with what the orders paid in it earn, in one currency. */
export function weeklyEarnings(orders: readonly EarningOrder[], now: Date, currency: string, weeks = 12): WeekEarnings[] {
  const lastWeek = weekStartOf(now.getTime());
  const firstWeek = lastWeek - (weeks - 1) * 7 * dayMs;
  const buckets = Array.from({ length: weeks }, (_, i) => ({
    weekStart: new Date(firstWeek + i * 7 * dayMs).toISOString().slice(0, 10),
    heldCents: 0,
    releasedCents: 0,
  }));
  for (const order of orders) {
    if (order.currency !== currency) continue;
    // Stryker disable next-line StringLiteral: any non-date text parses to NaN, as '' does
    const at = Date.parse(order.paidAt ?? '');
    // Stryker disable next-line ConditionalExpression: a NaN time finds no week below either, so the order is skipped the same
    if (!Number.isFinite(at)) continue;
    const index = Math.floor((weekStartOf(at) - firstWeek) / (7 * dayMs));
    const bucket = buckets[index];
    if (!bucket) continue;
    const earning = earningOf(order);
    bucket.heldCents += earning.heldCents;
    bucket.releasedCents += earning.releasedCents;
  }
  return buckets;
}

/** The currency most of these orders are in: the one the chart draws. */
export function mainCurrency(orders: ReadonlyArray<Pick<Order, 'currency'>>, fallback: string): string {
  const counts = new Map<string, number>();
  for (const o of orders) counts.set(o.currency, (counts.get(o.currency) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? fallback;
}

/** A round top for the axis: 1, 2 or 5 times a power of ten, at or above the tallest week. */
export function axisTop(maxCents: number): number {
  if (maxCents <= 0) return 1_000;
  const power = 10 ** Math.floor(Math.log10(maxCents));
  return [1, 2, 5, 10].map((m) => m * power).find((top) => top >= maxCents) as number;
}

/** The chart's frame: a wide one for desktops, a narrow one with larger type for phones (CSS shows one). */
export interface ChartFrame {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  fontSize: number;
  /** Every how many weeks a date is written under the bars. */
  labelEvery: number;
}

export const wideChart: ChartFrame = { width: 720, height: 260, left: 72, right: 12, top: 16, bottom: 36, fontSize: 12, labelEvery: 2 };
export const narrowChart: ChartFrame = { width: 360, height: 250, left: 64, right: 8, top: 14, bottom: 34, fontSize: 14, labelEvery: 4 };

const monthDay = (iso: string) => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** The chart: a stacked bar a week (released under held), five grid lines, each bar titled with its figures. */
export function earningsChartSvg(weeks: readonly WeekEarnings[], currency: string, chart: ChartFrame = wideChart, variant = 'wide'): string {
  const top = axisTop(Math.max(0, ...weeks.map((w) => w.heldCents + w.releasedCents)));
  const plotWidth = chart.width - chart.left - chart.right;
  const plotHeight = chart.height - chart.top - chart.bottom;
  const slot = plotWidth / Math.max(1, weeks.length);
  const barWidth = Math.max(4, Math.round(slot * 0.62));
  const y = (cents: number) => chart.top + plotHeight - (cents / top) * plotHeight;
  const money = (cents: number) => formatMoney({ cents, currency });
  const text = (x: number | string, at: number | string, anchor: string, content: string, extra = '') =>
    `<text x="${x}" y="${at}" class="axis" font-size="${chart.fontSize}" text-anchor="${anchor}"${extra}>${escapeHtml(content)}</text>`;
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const at = y(top * f).toFixed(1);
      return `<line x1="${chart.left}" x2="${chart.width - chart.right}" y1="${at}" y2="${at}" class="grid"/>${text(chart.left - 6, at, 'end', money(Math.round(top * f)), ' dominant-baseline="middle"')}`;
    })
    .join('');
  const bars = weeks
    .map((w, i) => {
      const x = (chart.left + slot * i + (slot - barWidth) / 2).toFixed(1);
      const released = `<rect class="released" x="${x}" y="${y(w.releasedCents).toFixed(1)}" width="${barWidth}" height="${(y(0) - y(w.releasedCents)).toFixed(1)}"/>`;
      const held = `<rect class="held" x="${x}" y="${y(w.releasedCents + w.heldCents).toFixed(1)}" width="${barWidth}" height="${(y(w.releasedCents) - y(w.releasedCents + w.heldCents)).toFixed(1)}"/>`;
      // The latest week always gets its date; the others every few weeks back from it.
      const label =
        (weeks.length - 1 - i) % chart.labelEvery === 0
          ? text((chart.left + slot * i + slot / 2).toFixed(1), chart.height - 12, 'middle', monthDay(w.weekStart))
          : '';
      const title = `Week of ${monthDay(w.weekStart)}: ${money(w.releasedCents)} released, ${money(w.heldCents)} held`;
      return `<g class="week" data-week="${w.weekStart}" data-held="${w.heldCents}" data-released="${w.releasedCents}"><title>${escapeHtml(title)}</title>${released}${held}</g>${label}`;
    })
    .join('');
  return `<svg class="earnings-chart ${variant}" viewBox="0 0 ${chart.width} ${chart.height}" role="img" aria-labelledby="chart-title-${variant} chart-desc-${variant}" preserveAspectRatio="xMidYMid meet" xmlns="http://www.w3.org/2000/svg"><title id="chart-title-${variant}">Earnings by week, held and released</title><desc id="chart-desc-${variant}">${escapeHtml(
    summaryOf(weeks, currency),
  )}</desc>${grid}${bars}</svg>`;
}

/** The chart in words, for whoever cannot see it. */
export function summaryOf(weeks: readonly WeekEarnings[], currency: string): string {
  const released = weeks.reduce((s, w) => s + w.releasedCents, 0);
  const held = weeks.reduce((s, w) => s + w.heldCents, 0);
  return `Over the last ${weeks.length} weeks: ${formatMoney({ cents: released, currency })} released to you, ${formatMoney({ cents: held, currency })} still held until proof of work.`;
}
