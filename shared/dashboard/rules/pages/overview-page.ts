/**
 * @module overview-page
 * The dashboard's front page, and one order's page. The front page points to the builder's,
 * host's and racer's pages and lists the servers Discord says the person administers. An
 * order's page shows its builder, host and admins every amount; its buyer sees what they paid
 * and where it stands.
 */
import { formatMoney } from '../../../common';
import type { Order } from '../../../orders';
import type { Counted } from '../earnings-chart';
import { orderRow } from '../order-views';
import type { AdminGuild } from '../session';
import { csrfField, dashboardPage, dateCell, esc, idCell, pill, textCell, type Frame } from './layout';
import { receivedCell, shipToCell, trackingCell } from '../shipping-views';

export function overviewPage(frame: Frame, guilds: readonly AdminGuild[], rightsKnown: boolean): string {
  const card = (href: string, title: string, text: string) => `<li class="card"><h3><a href="${esc(href)}">${esc(title)}</a></h3><p>${esc(text)}</p></li>`;
  const servers = !rightsKnown
    ? '<p class="notice">Discord did not answer just now, so your servers are not listed. Reload in a moment.</p>'
    : guilds.length === 0
      ? '<p class="empty">Discord says you administer no server, so there is no server page for you.</p>'
      : `<ul class="server-list">${guilds.map((g) => `<li><a class="button secondary" href="/dashboard/guild/${esc(g.id)}">${esc(g.name)}</a></li>`).join('')}</ul>`;
  return dashboardPage(
    frame,
    `<h1>Your C500 dashboard</h1>
    <ul class="cards">
      ${card('/dashboard/builder', 'Builder', 'Orders by state, what is held and released each week, auction and show results, your Stripe payouts.')}
      ${card('/dashboard/host', 'Host', 'The shows you ran, every lot, your cut: transferred, or owed by hand.')}
      ${card('/dashboard/racer', 'Racer', 'Each race’s commissions, the reversals refunds made, and your payouts.')}
      ${card('/dashboard/debts', 'What you owe', 'Refunds and disputes after your money went out that Stripe could not take back, and how they were paid.')}
    </ul>
    <section class="dash-panel" aria-labelledby="servers"><div class="panel-head"><h2 id="servers">Servers you administer</h2></div>${servers}</section>`,
  );
}

export type OrderAccess = 'builder' | 'buyer' | 'host' | 'admin';

export function orderPage(frame: Frame, order: Counted<Order>, access: OrderAccess): string {
  const row = orderRow(order);
  const money = (cents: number | undefined) => (cents === undefined ? undefined : formatMoney({ cents, currency: order.currency }));
  const full = access !== 'buyer';
  const facts: Array<[string, string]> = [
    ['Order', idCell(order.orderId)],
    ['Item', esc(order.title)],
    ['State', pill(row.state, row.stateLabel)],
    ['Builder', esc(order.builderName)],
    ['Buyer', esc(order.buyerName)],
    ['Price', esc(row.amount)],
    ...(full
      ? ([
          ['Platform fee', esc(row.fee)],
          ['Builder’s share', esc(row.share)],
          ['Host’s cut', textCell(row.hostCut)],
          ['Held', textCell(row.held)],
          ['Released', textCell(row.released)],
        ] as Array<[string, string]>)
      : []),
    ['Refunded', textCell(money(order.money.refundedCents || undefined))],
    [
      'Proof of work',
      row.proofUrl
        ? `${esc(row.proofLabel ?? '')}: <a href="${esc(row.proofUrl)}" rel="noopener noreferrer" target="_blank">${esc(row.proofUrl)}</a>`
        : '<span class="hint">–</span>',
    ],
    ['Ordered', dateCell(order.createdAt)],
    ['Paid', dateCell(order.paidAt)],
    ['Released on', dateCell(order.payouts.builder.releasedAt)],
    ['Shipped', dateCell(order.shippedAt)],
    ...shippingFacts(order, access),
  ];
  return dashboardPage(
    frame,
    `<h1>${esc(order.title)}</h1><div class="panel"><dl class="facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl></div>${access === 'admin' ? fraudReview(frame, order) : ''}`,
  );
}

/** An admin's review of an early fraud warning the server holds for them: release anyway (CSRF-held), or who already did. */
function fraudReview(frame: Frame, order: Order): string {
  const warning = order.fraudWarning;
  if (warning?.outcome !== 'held-for-review') return '';
  if (warning.clearedBy)
    return `<div class="panel" id="fraud-review"><p>Fraud warning cleared: released anyway by ${esc(warning.clearedBy.byName)} on ${dateCell(warning.clearedBy.at)}.</p></div>`;
  if (!warning.actionable) return '';
  const action = `/dashboard/guild/${order.guildId}/orders/${order.orderId}/release-anyway`;
  return `<div class="panel" id="fraud-review"><h2>Held for your review</h2><p>Stripe warned that this payment is likely fraud (${esc(warning.fraudType)}). Nothing of it goes out until you decide: refund it with <code>/c500 refund</code>, or release it anyway.</p><form method="post" action="${esc(action)}" class="inline-form">${csrfField(frame.who?.csrf ?? '')}<button class="button" type="submit">Release anyway</button></form></div>`;
}

/**
 * Shipping as each may see it: the address (and its packing slip) to the builder alone;
 * the tracking to the builder and the buyer; the dates and the shipping paid to everyone
 * who may see the order.
 */
function shippingFacts(order: Order, access: OrderAccess): Array<[string, string]> {
  const money = (cents: number) => esc(formatMoney({ cents, currency: order.currency }));
  const slip = order.shippingAddress
    ? ` <a class="button secondary no-print" href="/dashboard/builder/orders/${esc(order.orderId)}/slip">Packing slip</a>`
    : '';
  return [
    ...(order.shippingCents !== undefined ? ([['Shipping paid', money(order.shippingCents)]] as Array<[string, string]>) : []),
    ...(access === 'builder' ? ([['Ship to', `${shipToCell(order)}${slip}`]] as Array<[string, string]>) : []),
    ...(access === 'builder' || access === 'buyer' ? ([['Tracking', trackingCell(order)]] as Array<[string, string]>) : []),
    ['Received', receivedCell(order)],
  ];
}
