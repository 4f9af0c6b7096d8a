/**
 * @module shipping-views
 * What the dashboard shows of an order's shipping: the address, which only the order's
 * builder ever sees (its order page, its packing slip, its "to ship" CSV: the callers hand
 * it over only after checking the session is the builder's), and the shipped and received
 * facts with their dates, which everyone who may see the order sees.
 */
import { trackingLine } from '../../marketplace';
import type { Order, ShippingAddress } from '../../orders';
import { csvOf, type CsvCell } from './csv';
import { safeLink } from './order-views';
import { dateCell, esc } from './pages/layout';

/** The address as a label reads it, one line each, escaped. */
export function addressLines(address: ShippingAddress): string[] {
  const cityLine = [address.city, address.state, address.postalCode].filter(Boolean).join(' ');
  return [address.name, address.line1, address.line2, cityLine, address.country].filter((l): l is string => Boolean(l)).map((l) => esc(l));
}

/** Where it goes, for its builder: the address, or why there is none (erased, never asked). */
export function shipToCell(order: Pick<Order, 'shippingAddress' | 'addressErasedAt'>): string {
  if (order.shippingAddress) return `<address class="ship-to">${addressLines(order.shippingAddress).join('<br>')}</address>`;
  if (order.addressErasedAt) return `<span class="hint">Erased on ${dateCell(order.addressErasedAt)}, once the order was done with.</span>`;
  return '<span class="hint">No address: pick-up, or arranged with the buyer.</span>';
}

/** The tracking as a link to the carrier's page when there is one. */
export function trackingCell(order: Pick<Order, 'carrier' | 'tracking' | 'trackingUrl'>): string {
  if (!order.tracking) return '<span class="hint">–</span>';
  const url = safeLink(order.trackingUrl);
  const text = esc(trackingLine(order));
  return url ? `<a href="${esc(url)}" rel="noopener noreferrer" target="_blank">${text}</a>` : text;
}

/** Received, with the date and who said so. */
export function receivedCell(order: Pick<Order, 'receivedAt' | 'receivedBy'>): string {
  if (!order.receivedAt) return '<span class="hint">–</span>';
  return `${dateCell(order.receivedAt)}${order.receivedBy === 'timeout' ? ' <span class="hint">(nobody confirmed: counted after the delivery window)</span>' : ' <span class="hint">(by the buyer)</span>'}`;
}

/** Orders the builder has been paid for and not shipped yet, that hold an address to ship to. */
export const isToShip = (order: Order): boolean => (order.status === 'paid' || order.status === 'building') && Boolean(order.shippingAddress);

/** The builder's own "to ship" list: one line per order with where it goes. */
export function toShipCsv(orders: readonly Order[]): string {
  return csvOf(
    ['order_id', 'item', 'buyer', 'status', 'paid_at', 'name', 'line1', 'line2', 'city', 'state', 'postal_code', 'country'],
    orders.filter(isToShip).map((o): CsvCell[] => {
      const a = o.shippingAddress as ShippingAddress;
      return [o.orderId, o.title, o.buyerName, o.status, o.paidAt, a.name, a.line1, a.line2, a.city, a.state, a.postalCode, a.country];
    }),
  );
}
