/**
 * @module order-label
 * A label bought through C500 for an order (issue 78): the rates `/c500 ship` offered as
 * buttons, and the label a press chose. The label is written on the order before the carrier
 * is asked to buy it, so a retried press (or a retry after a crash between the purchase and
 * its record) reads the carrier's shipment back instead of buying a second label.
 */

/** Who pays for the label: the builder (from their share) or C500 (the listing's shipping was free). */
export type LabelPayer = 'builder' | 'platform';

/** One rate offered as a button; `carrier` and `service` are the carrier's own words (`USPS`, `GroundAdvantage`). */
export interface OfferedRate {
  rateId: string;
  carrier: string;
  service: string;
  amountCents: number;
  currency: string;
  deliveryDays?: number;
}

/** The rates offered for the order's parcel on one carrier shipment; a new `/c500 ship` replaces them. */
export interface LabelQuote {
  shipmentId: string;
  rates: OfferedRate[];
  payer: LabelPayer;
  quotedAt: string;
}

/** The label chosen: asked first, bought once the carrier answered (`trackingCode` set). */
export interface OrderLabel {
  shipmentId: string;
  rate: OfferedRate;
  payer: LabelPayer;
  /** The press that chose it: its redelivery answers as the first did. */
  byInteraction: string;
  askedAt: string;
  trackingCode?: string;
  labelUrl?: string;
  trackerId?: string;
  boughtAt?: string;
  /** The carrier's refund of the unused label, once asked. */
  refund?: 'submitted' | 'refunded' | 'rejected';
}

/**
 * What the server's admin chose for a parcel returned or lost (issue 78, item 5): a reship (a
 * new label bought for the same order, the order taking its tracking) or a refund (the same
 * journaled refund `/c500 refund` gives). Chosen once per parcel: a second press finishes the
 * first choice. A reshipped parcel returned or lost in its turn is chosen for again, and its
 * choice replaces the finished reship on the order.
 */
export interface ParcelChoice {
  kind: 'reship' | 'refund';
  /** What the parcel was when the choice was made. */
  parcel: 'returned' | 'lost';
  /** Which of the order's parcels it was for: absent for the parcel first sent, n for the n-th reship's. */
  parcelIndex?: number;
  byUserId: string;
  /** The press that chose: its redelivery (and the refund's own key) answer as the first did. */
  byInteraction: string;
  at: string;
  /** A reship: the tracking of the parcel returned or lost. */
  previousTracking?: string;
  /** A reship: the new label's carrier shipment, once its rate was written on the order (before it is bought). */
  shipmentId?: string;
  /**
   * A reship: when a press last went to the carrier to buy its label, cleared when the carrier
   * refused. While it is recent a purchase may be under way, so the reship does not give way to
   * a refund (see `reshipPurchaseLeaseMs`).
   */
  buyingAt?: string;
  /** A reship: when the order took the new label's tracking. */
  reshippedAt?: string;
}
