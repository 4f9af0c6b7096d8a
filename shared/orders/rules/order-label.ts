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
