/**
 * @module easypost-carrier
 * The carrier port on EasyPost, through its official Node client (`@easypost/api`): addresses
 * verified with `create_and_verify`, a shipment per parcel (its rates), one purchase per
 * shipment, trackers, refunds, and webhooks verified with the client's `validateWebhook` on the
 * raw body. Locally `baseUrl` points the same client at the carrier stand-in. EasyPost writes
 * money as decimal dollar strings; they become integer cents here, never through a float.
 */
import EasyPostClient from '@easypost/api';
import {
  CarrierSignatureRefused,
  isCarrierRateLimited,
  type AddressCheck,
  type Carrier,
  type CarrierAddress,
  type CarrierLabel,
  type CarrierRate,
  type CarrierRefundStatus,
  type CarrierShipment,
  type CustomsForm,
  type ShipmentRequest,
} from '../../ports';
import { trackerFrom, trackingUpdateOf, type WireEvent, type WireTracker } from './easypost-webhook';

export interface EasyPostOptions {
  apiKey: string;
  /** The webhook's secret, set on the webhook in EasyPost's dashboard; without it no webhook verifies. */
  webhookSecret?: string;
  /** The carrier stand-in (`http://127.0.0.1:<port>/v2/`); production leaves it unset. */
  baseUrl?: string;
  /** How a 429 `RATE_LIMITED` is waited out before the call is made again (tests hand in a wait that moves their clock). */
  rateLimit?: RateLimitBackoff;
}

/**
 * EasyPost's limiter answers 429 before doing anything, and asks clients to back off and try
 * again (docs.easypost.com/guides/rate-limiting-guide). A call refused so is made again after
 * each of `waitsMs`, doubling; past the last, the 429 is thrown, and what called (a press's
 * job, a wave's batch) is tried again later by its queue, not by a longer sleep here.
 */
export interface RateLimitBackoff {
  waitsMs?: readonly number[];
  wait?: (ms: number) => Promise<void>;
}

export const defaultRateLimitWaitsMs: readonly number[] = [250, 500, 1_000];

/** `call`, made again after each wait while the carrier answers 429; the last 429 thrown. */
export async function withRateLimitBackoff<T>(call: () => Promise<T>, backoff: RateLimitBackoff = {}): Promise<T> {
  const waits = backoff.waitsMs ?? defaultRateLimitWaitsMs;
  const wait = backoff.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (const ms of waits) {
    try {
      return await call();
    } catch (error) {
      if (!isCarrierRateLimited(error)) throw error;
      await wait(ms);
    }
  }
  return call();
}

/** What C500 reads of EasyPost's objects. */
interface WireRate {
  id: string;
  carrier: string;
  service: string;
  rate: string;
  currency: string;
  delivery_days?: number | null;
}
interface WireShipment {
  id: string;
  reference?: string | null;
  rates?: WireRate[];
  selected_rate?: WireRate | null;
  postage_label?: { label_url: string } | null;
  tracking_code?: string | null;
  tracker?: WireTracker | null;
  refund_status?: string | null;
}
interface WireError {
  code?: string;
  statusCode?: number;
  message?: string;
  errors?: Array<{ field?: string; message?: string }>;
}

export function createEasyPostCarrier(options: EasyPostOptions): Carrier {
  const client = new EasyPostClient(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : {});
  // Every request refused by the limiter is made again: a 429 is answered before anything is done, so a purchase is never made twice by it.
  const patient = <T>(call: () => Promise<T>): Promise<T> => withRateLimitBackoff(call, options.rateLimit);
  const readShipment = async (id: string) => shipmentFrom((await patient(() => client.Shipment.retrieve(id))) as unknown as WireShipment);
  return {
    async verifyAddress(address) {
      try {
        return {
          ok: true,
          address: addressFrom((await patient(() => client.Address.createAndVerify(addressParams(address)))) as unknown as Record<string, unknown>, address),
        };
      } catch (error) {
        const refused = error as WireError;
        if (refused.statusCode !== 422) throw error;
        const problems = (refused.errors ?? []).map((e) => e.message ?? '').filter((m) => m !== '');
        return {
          ok: false,
          problems: problems.length > 0 ? problems : [refused.message ?? 'The carrier could not verify this address.'],
        } satisfies AddressCheck;
      }
    },
    async quote(request) {
      return shipmentFrom((await patient(() => client.Shipment.create(shipmentParams(request)))) as unknown as WireShipment);
    },
    shipment: readShipment,
    async buy(shipmentId, rateId) {
      try {
        return labelOf((await patient(() => client.Shipment.buy(shipmentId, rateId))) as unknown as WireShipment);
      } catch (error) {
        // A press retried after its purchase went through: the label already bought is the answer.
        if ((error as WireError).code !== 'SHIPMENT.POSTAGE.EXISTS') throw error;
        const bought = (await readShipment(shipmentId)).label;
        if (!bought) throw error;
        return bought;
      }
    },
    async track(trackingCode, carrier) {
      return trackerFrom((await patient(() => client.Tracker.create({ tracking_code: trackingCode, carrier }))) as unknown as WireTracker);
    },
    async refund(shipmentId) {
      const refunded = (await patient(() => client.Shipment.refund(shipmentId))) as unknown as WireShipment;
      return refundStatus(refunded.refund_status) ?? 'submitted';
    },
    readWebhook(rawBody, headers) {
      // An empty secret would verify whatever anyone signs with it.
      if (!options.webhookSecret) throw new CarrierSignatureRefused('no carrier webhook secret is set');
      let event: WireEvent;
      try {
        event = client.Utils.validateWebhook(rawBody, flatHeaders(headers), options.webhookSecret) as WireEvent;
      } catch {
        throw new CarrierSignatureRefused('the carrier webhook’s signature does not match');
      }
      return trackingUpdateOf(event);
    },
  };
}

/** "7.58" → 758; refuses anything that is not dollars and cents. */
export function centsFromDollars(amount: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(amount.trim());
  if (!match) throw new Error(`the carrier wrote an amount C500 cannot read: ${amount}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

function addressParams(address: CarrierAddress): Record<string, string> {
  const params: Record<string, string> = { name: address.name, street1: address.street1, city: address.city, zip: address.zip, country: address.country };
  for (const key of ['street2', 'state', 'phone', 'email'] as const) {
    const value = address[key];
    if (value) params[key] = value;
  }
  return params;
}

function addressFrom(wire: Record<string, unknown>, asked: CarrierAddress): CarrierAddress {
  const read = (key: keyof CarrierAddress) => (typeof wire[key] === 'string' && wire[key] !== '' ? (wire[key] as string) : asked[key]);
  const address: CarrierAddress = {
    name: read('name') ?? asked.name,
    street1: read('street1') ?? asked.street1,
    city: read('city') ?? asked.city,
    zip: read('zip') ?? asked.zip,
    country: read('country') ?? asked.country,
  };
  for (const key of ['street2', 'state', 'phone', 'email'] as const) {
    const value = read(key);
    if (value) address[key] = value;
  }
  return address;
}

function shipmentParams(request: ShipmentRequest): Record<string, unknown> {
  const { parcel } = request;
  return {
    reference: request.reference,
    to_address: addressParams(request.to),
    from_address: addressParams(request.from),
    parcel: { weight: parcel.weightOz, ...(parcel.lengthIn ? { length: parcel.lengthIn, width: parcel.widthIn, height: parcel.heightIn } : {}) },
    ...(request.customs ? { customs_info: customsParams(request.customs) } : {}),
  };
}

function customsParams(form: CustomsForm): Record<string, unknown> {
  return {
    contents_type: 'merchandise',
    customs_certify: true,
    customs_signer: form.signer,
    eel_pfc: 'NOEEI 30.37(a)',
    non_delivery_option: 'return',
    restriction_type: 'none',
    customs_items: form.lines.map((line) => ({
      description: line.description,
      quantity: line.quantity,
      // EasyPost takes the line's total value in dollars.
      value: (line.valueCents / 100).toFixed(2),
      weight: line.weightOz,
      hs_tariff_number: line.hsTariffNumber,
      origin_country: line.originCountry,
    })),
  };
}

function rateFrom(wire: WireRate): CarrierRate {
  return {
    id: wire.id,
    carrier: wire.carrier,
    service: wire.service,
    amountCents: centsFromDollars(wire.rate),
    currency: wire.currency.toLowerCase(),
    ...(typeof wire.delivery_days === 'number' ? { deliveryDays: wire.delivery_days } : {}),
  };
}

function shipmentFrom(wire: WireShipment): CarrierShipment {
  const label = wire.postage_label ? labelOf(wire) : undefined;
  const refund = refundStatus(wire.refund_status);
  return {
    id: wire.id,
    reference: wire.reference ?? '',
    rates: (wire.rates ?? []).map(rateFrom),
    ...(label ? { label } : {}),
    ...(refund ? { refundStatus: refund } : {}),
  };
}

function labelOf(wire: WireShipment): CarrierLabel {
  const rate = wire.selected_rate;
  if (!rate || !wire.postage_label || !wire.tracking_code) throw new Error(`the carrier’s shipment ${wire.id} has no label`);
  return {
    trackingCode: wire.tracking_code,
    carrier: rate.carrier,
    service: rate.service,
    labelUrl: wire.postage_label.label_url,
    amountCents: centsFromDollars(rate.rate),
    currency: rate.currency.toLowerCase(),
    ...(wire.tracker ? { trackerId: wire.tracker.id } : {}),
  };
}

function refundStatus(value: string | null | undefined): CarrierRefundStatus | undefined {
  return value === 'submitted' || value === 'refunded' || value === 'rejected' ? value : undefined;
}

/** The client looks the signature up under one spelling: a repeated header counts as its first value. */
function flatHeaders(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [key, value] of Object.entries(headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) flat[key.toLowerCase()] = first;
  }
  return flat;
}
