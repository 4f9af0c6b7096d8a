/**
 * @module slip-page
 * The packing slip of one order, for its builder only (the caller checks): the order id,
 * the item, the buyer's Discord name and the address, on a page that prints on one sheet in
 * the site's style (`dashboard.css` hides the site's header, footer and buttons on paper).
 */
import type { Order } from '../../../orders';
import { shipToCell } from '../shipping-views';
import { dashboardPage, dateCell, esc, idCell, type Frame } from './layout';

export function slipPage(frame: Frame, order: Order): string {
  const facts: Array<[string, string]> = [
    ['Order', idCell(order.orderId)],
    ['Item', esc(order.title)],
    ['Buyer (Discord)', esc(order.buyerName)],
    ['Paid', dateCell(order.paidAt)],
  ];
  return dashboardPage(
    frame,
    `<article class="slip" aria-labelledby="slip-title">
      <header class="slip-head"><p class="brand-mark" aria-hidden="true">C500</p><h1 id="slip-title">Packing slip</h1></header>
      <section class="slip-to" aria-label="Ship to"><h2>Ship to</h2>${shipToCell(order)}</section>
      <dl class="facts slip-facts">${facts.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join('')}</dl>
      <p class="slip-note">Made by ${esc(order.builderName)} and sold on C500 Collective. Thank you for buying from a builder who works live.</p>
    </article>
    <p class="actions no-print"><a class="button secondary" href="/dashboard/orders/${esc(order.orderId)}">Back to the order</a></p>`,
  );
}
