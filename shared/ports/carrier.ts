/**
 * @module ports/carrier
 * What C500 needs from a parcel carrier's API (EasyPost in production, its stand-in locally):
 * check an address, quote a parcel, buy one of the quoted labels, read a shipment back (so a
 * retried press finds the label it already bought), follow a tracking number, refund an unused
 * label, and read a signed tracking webhook. Money is in integer cents; weights in ounces, as
 * the carrier counts them.
 */

/** A postal address as the carrier takes it; `country` is ISO 3166 alpha-2. */
export interface CarrierAddress {
  name: string;
  street1: string;
  street2?: string;
  city: string;
  state?: string;
  zip: string;
  country: string;
  phone?: string;
  email?: string;
}

/** A parcel's weight (ounces) and, when known, its size (inches). */
export interface CarrierParcel {
  weightOz: number;
  lengthIn?: number;
  widthIn?: number;
  heightIn?: number;
}

/** One line of a customs form: what is inside, how many, worth how much, made where. */
export interface CustomsLine {
  description: string;
  quantity: number;
  valueCents: number;
  weightOz: number;
  /** The Harmonized System number (keyboards 8471.60, parts 8473.30). */
  hsTariffNumber: string;
  originCountry: string;
}

export interface CustomsForm {
  /** Who certifies the form: the builder's name. */
  signer: string;
  lines: CustomsLine[];
}

export interface ShipmentRequest {
  from: CarrierAddress;
  to: CarrierAddress;
  parcel: CarrierParcel;
  /** Needed when `to` is in another country than `from`. */
  customs?: CustomsForm;
  /** Our order id, kept on the carrier's shipment so it can be found again. */
  reference: string;
}

export interface CarrierRate {
  id: string;
  carrier: string;
  service: string;
  amountCents: number;
  currency: string;
  deliveryDays?: number;
}

/** A bought label: what the carrier charged and where the label is. */
export interface CarrierLabel {
  trackingCode: string;
  carrier: string;
  service: string;
  labelUrl: string;
  amountCents: number;
  currency: string;
  trackerId?: string;
}

export interface CarrierShipment {
  id: string;
  reference: string;
  rates: CarrierRate[];
  /** Set once a rate was bought. */
  label?: CarrierLabel;
  refundStatus?: CarrierRefundStatus;
}

export type AddressCheck = { ok: true; address: CarrierAddress } | { ok: false; problems: string[] };

/** EasyPost's tracker statuses. */
export const trackingStatuses = [
  'unknown',
  'pre_transit',
  'in_transit',
  'out_for_delivery',
  'delivered',
  'available_for_pickup',
  'return_to_sender',
  'failure',
  'cancelled',
  'error',
] as const;
export type TrackingStatus = (typeof trackingStatuses)[number];

export type CarrierRefundStatus = 'submitted' | 'refunded' | 'rejected';

export interface CarrierTracker {
  id: string;
  trackingCode: string;
  carrier: string;
  status: TrackingStatus;
  shipmentId?: string;
}

/** A tracker's change as the carrier's webhook tells it: the event id keys its idempotency. */
export interface TrackingUpdate {
  eventId: string;
  tracker: CarrierTracker;
  /** When the carrier saw the change: what orders events that arrive out of order. */
  updatedAt: string;
}

export interface Carrier {
  /** Checks an address with the carrier; `problems` are the carrier's words, for the buyer. */
  verifyAddress(address: CarrierAddress): Promise<AddressCheck>;
  /** Creates a shipment and answers its rates (nothing is bought). */
  quote(request: ShipmentRequest): Promise<CarrierShipment>;
  /** Reads a shipment back: its label when it was bought. */
  shipment(id: string): Promise<CarrierShipment>;
  /** Buys one of the shipment's rates; the carrier refuses a second purchase of the same shipment. */
  buy(shipmentId: string, rateId: string): Promise<CarrierLabel>;
  /** Follows a tracking number typed by hand. */
  track(trackingCode: string, carrier: string): Promise<CarrierTracker>;
  /** Asks for an unused label's money back. */
  refund(shipmentId: string): Promise<CarrierRefundStatus>;
  /**
   * Verifies a webhook's HMAC on the raw body and reads it: a tracker update, or undefined for
   * an event C500 does not follow. Throws `CarrierSignatureRefused` when the signature fails.
   */
  readWebhook(rawBody: Buffer, headers: Readonly<Record<string, string | string[] | undefined>>): TrackingUpdate | undefined;
}

/**
 * Whether an error is the carrier's limiter refusing a call (a 429: nothing was done, the call
 * may be made again later). The one test of it: the adapter's backoff and a wave's batch both ask here.
 */
export const isCarrierRateLimited = (error: unknown): boolean => (error as { statusCode?: unknown } | undefined)?.statusCode === 429;

export class CarrierSignatureRefused extends Error {
  readonly code = 'carrier-signature-refused';
}
