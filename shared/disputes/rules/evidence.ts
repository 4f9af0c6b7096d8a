/**
 * @module evidence
 * What C500 tells the buyer's bank for a dispute, in Stripe's evidence fields, from the
 * orders the charge paid: what was sold and to whom (the buyer's Discord name), where and how
 * it was shipped, the proof of work (a clip or VOD of the build, with the moment it was
 * proved), the order's timeline, and the builder's note. The shipping address goes to
 * Stripe only, never to a channel or a log.
 */
import type { DisputeEvidence } from '../../ports';
import { formatMoney } from '../../common';
import { carrierNames, type Order, type ShippingAddress } from '../../orders';

const proofKinds: Readonly<Record<string, string>> = {
  clip: 'a clip of the live build',
  vod: 'the stream’s recording at the moment of the proof',
  channel: 'the builder’s channel (no recording was kept)',
};

/** Stripe's limit on the combined evidence text; kept well under it. */
const maxText = 20_000;

/** How the order was sold, in Stripe's evidence: a group buy's order is typed a commission, yet was bought in a group buy. */
function kindWords(order: Pick<Order, 'source' | 'dropKind'>): string {
  if (order.source === 'groupbuy') return 'made to order in a group buy, charged once its minimum order was met,';
  return order.dropKind === 'commission' ? 'built to order' : order.dropKind === 'auction' ? 'won at a live auction' : 'ready to ship';
}

/** The evidence for the dispute on these orders (one, or a show checkout's lots from one builder). */
export function buildEvidence(orders: readonly Order[], note: string | undefined): DisputeEvidence {
  const [first] = orders;
  if (!first) return {};
  const shipped = orders.find((o) => o.shippedAt || o.tracking);
  const address = orders.find((o) => o.shippingAddress)?.shippingAddress;
  const evidence: DisputeEvidence = {
    product_description: orders
      .map(
        (o) =>
          `${o.title}: ${formatMoney({ cents: o.amountCents, currency: o.currency })}, ${kindWords(o)} by ${o.builderName} on the C500 Collective marketplace (order ${o.orderId})`,
      )
      .join('\n')
      .slice(0, 5000),
    customer_name: first.buyerName.slice(0, 200),
    ...(address ? { shipping_address: formatAddress(address) } : {}),
    // Stripe takes a carrier's name; `other` names none.
    ...(shipped?.carrier && shipped.carrier !== 'other' ? { shipping_carrier: carrierNames[shipped.carrier] } : {}),
    ...(shipped?.tracking ? { shipping_tracking_number: shipped.tracking.slice(0, 200) } : {}),
    ...(shipped?.shippedAt ? { shipping_date: shipped.shippedAt.slice(0, 10) } : {}),
    ...(first.proof?.provedAt ? { service_date: first.proof.provedAt.slice(0, 10) } : {}),
    uncategorized_text: [...orders.map(orderStory), ...(note ? [`Note from the builder: ${note}`] : [])].join('\n\n').slice(0, maxText),
  };
  return evidence;
}

/** One line per line of the address, as a label would have it. */
export function formatAddress(a: ShippingAddress): string {
  const cityLine = [a.city, a.state, a.postalCode].filter((p) => p !== undefined && p !== '').join(' ');
  return [a.name, a.line1, a.line2, cityLine, a.country].filter((p) => p !== undefined && p !== '').join('\n');
}

/** The proof and the timeline of one order. */
function orderStory(o: Order): string {
  const proof = o.proof;
  const proofLine = proof
    ? `Proof of work: ${proof.url} (${proofKinds[proof.kind ?? 'channel'] ?? proofKinds.channel}), proved live on stream at ${proof.provedAt}.`
    : 'No proof of work was streamed yet.';
  const timeline = (
    [
      ['ordered', o.createdAt],
      ['paid', o.paidAt],
      ['proved live', proof?.provedAt],
      ['shipped', o.shippedAt],
      ['received', o.receivedAt],
    ] as const
  )
    .filter(([, at]) => at)
    .map(([what, at]) => `${what} ${at}`)
    .join('; ');
  return `Order ${o.orderId} (${o.title}). ${proofLine} Timeline: ${timeline}.${o.receivedBy === 'buyer' ? ' The buyer confirmed receipt.' : ''}`;
}

/** The longest note a builder may add. */
export const maxNoteLength = 1000;

/** What is wrong with a note's text, if anything. */
export function noteProblem(text: string): 'empty' | 'too-long' | undefined {
  const visible = text.replace(/[\s\u200B-\u200D\u2060\uFEFF]/g, '');
  if (visible.length === 0) return 'empty';
  if (text.length > maxNoteLength) return 'too-long';
  return undefined;
}

/** What is kept once the evidence is in (or the dispute closed): Stripe has the address, C500 keeps no second copy of it. */
export function withoutAddress(evidence: DisputeEvidence | undefined): DisputeEvidence | undefined {
  if (!evidence?.shipping_address) return evidence;
  const { shipping_address: _address, ...rest } = evidence;
  return rest;
}
