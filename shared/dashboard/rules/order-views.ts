/**
 * @module order-views
 * Orders as the dashboard shows them: grouped into the states a builder thinks in, each row
 * with its amounts (price, the platform's fee, the builder's share, a show host's cut), what
 * refunds took, what was released, the proof of work and its dates. A row is made from named
 * fields only: no buyer e-mail, checkout link or payment id ever reaches a page or a CSV.
 */
import { amountText, formatMoney } from '../../common';
import { bestProofOf, proofLabel } from '../../payments';
import { type Order, type OrderStatus } from '../../orders';
import { csvNumber, type CsvCell, type CsvNumber } from './csv';
import { earningOf, type Counted } from './earnings-chart';

export const orderStates = {
  'awaiting-payment': { label: 'Awaiting payment', statuses: ['awaiting-payment'] },
  'waiting-for-proof': { label: 'Paid, waiting for proof', statuses: ['paid'] },
  released: { label: 'Released', statuses: ['building', 'shipped'] },
  refunded: { label: 'Refunded', statuses: ['refunded'] },
  closed: { label: 'Closed, not shipped', statuses: ['closed'] },
  expired: { label: 'Expired', statuses: ['expired'] },
} as const satisfies Record<string, { label: string; statuses: readonly OrderStatus[] }>;

export type OrderState = keyof typeof orderStates;
export const orderStateNames = Object.keys(orderStates) as OrderState[];

export function isOrderState(name: string | undefined): name is OrderState {
  return name !== undefined && (orderStateNames as string[]).includes(name);
}

export function stateOf(status: OrderStatus): OrderState {
  return (orderStateNames.find((name) => (orderStates[name].statuses as readonly OrderStatus[]).includes(status)) ?? 'awaiting-payment') as OrderState;
}

export interface OrderRow {
  id: string;
  title: string;
  state: OrderState;
  stateLabel: string;
  /** A show lot's, or an auction's, or a drop's. */
  source: 'drop' | 'auction' | 'giveaway' | 'groupbuy' | 'show lot';
  buyerName: string;
  builderName: string;
  currency: string;
  amount: string;
  fee: string;
  share: string;
  hostCut: string | undefined;
  refunded: string | undefined;
  held: string | undefined;
  released: string | undefined;
  proofUrl: string | undefined;
  /** What the proof's link is: "Clip of the proof", "VOD at 01:02:03", "Channel only". */
  proofLabel: string | undefined;
  createdAt: string;
  paidAt: string | undefined;
  releasedAt: string | undefined;
  shippedAt: string | undefined;
  receivedAt: string | undefined;
}

export type ViewedOrder = Counted<
  Pick<
    Order,
    | 'orderId'
    | 'title'
    | 'status'
    | 'source'
    | 'showId'
    | 'buyerName'
    | 'builderName'
    | 'currency'
    | 'amountCents'
    | 'platformFeeCents'
    | 'builderShareCents'
    | 'hostCutCents'
    | 'shippingCents'
    | 'payouts'
    | 'commission'
    | 'dispute'
    | 'proof'
    | 'proofUrl'
    | 'createdAt'
    | 'paidAt'
    | 'shippedAt'
    | 'receivedAt'
  >
>;

export function orderRow(order: ViewedOrder): OrderRow {
  const money = (cents: number) => formatMoney({ cents, currency: order.currency });
  const state = stateOf(order.status);
  const earning = earningOf(order);
  return {
    id: order.orderId,
    title: order.title,
    state,
    stateLabel: orderStates[state].label,
    source: order.showId ? 'show lot' : order.source,
    buyerName: order.buyerName,
    builderName: order.builderName,
    currency: order.currency,
    amount: money(order.amountCents),
    fee: money(order.platformFeeCents),
    share: money(order.builderShareCents),
    hostCut: order.hostCutCents ? money(order.hostCutCents) : undefined,
    refunded: order.money.refundedCents ? money(order.money.refundedCents) : undefined,
    held: earning.heldCents > 0 ? money(earning.heldCents) : undefined,
    // A commission's tranches count as released before done's transfer.
    released: order.payouts.builder.transferId !== undefined || earning.releasedCents > 0 ? money(earning.releasedCents) : undefined,
    proofUrl: safeLink(order.proof?.url ?? order.proofUrl ?? undefined),
    proofLabel: proofOf(order),
    createdAt: order.createdAt,
    paidAt: order.paidAt,
    releasedAt: order.payouts.builder.releasedAt,
    shippedAt: order.shippedAt,
    receivedAt: order.receivedAt,
  };
}

function proofOf(order: ViewedOrder): string | undefined {
  const view = bestProofOf(order);
  return view ? proofLabel(view) : undefined;
}

/** Only http(s) links reach a page: a stored `javascript:` URL would run on a click. */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

export const orderCsvHeader = [
  'id',
  'state',
  'status',
  'title',
  'source',
  'buyer',
  'currency',
  'amount',
  'fee',
  'share',
  'host_cut',
  'refunded',
  'held',
  'released',
  'created_at',
  'paid_at',
  'released_at',
  'proof_url',
  'proof_kind',
] as const;

/** One CSV line of an order: amounts as plain decimals of the currency (`240.00`), so a sheet can add them. */
export function orderCsvRow(order: ViewedOrder): Array<CsvCell | CsvNumber> {
  const plain = (cents: number | undefined) => csvNumber(amountText({ cents: cents ?? 0, currency: order.currency }));
  const earning = earningOf(order);
  return [
    order.orderId,
    stateOf(order.status),
    order.status,
    order.title,
    order.showId ? 'show lot' : order.source,
    order.buyerName,
    order.currency,
    plain(order.amountCents),
    plain(order.platformFeeCents),
    plain(order.builderShareCents),
    plain(order.hostCutCents),
    plain(order.money.refundedCents),
    plain(earning.heldCents),
    plain(earning.releasedCents),
    order.createdAt,
    order.paidAt,
    order.payouts.builder.releasedAt,
    safeLink(order.proof?.url ?? order.proofUrl ?? undefined),
    bestProofOf(order)?.kind,
  ];
}
