/**
 * @module carrier/world
 * The carrier's side of the local runtime, as EasyPost keeps it: addresses it verifies,
 * parcels, customs forms, shipments with a rate per service (rates), one purchase per
 * shipment, a tracker per bought label or typed tracking code, refunds of unused labels, and
 * a `tracker.updated` event sent (signed, by `sendEvent`) each time a parcel moves. Ids come
 * from counters, so a run is repeatable. Kept in memory: the stand-in lives in the runtime's
 * process, and functions reach it over HTTP (api-server).
 */
import type { Clock, TrackingStatus } from '../../ports';
import {
  EasyPostApiError,
  type EpAddress,
  type EpCustomsInfo,
  type EpCustomsItem,
  type EpEvent,
  type EpParcel,
  type EpRate,
  type EpShipment,
  type EpTracker,
} from './objects';
import { servicesBetween } from './rates';
import { labelPng } from './label-png';
import { found, numberOrNull, object, rateOf, statusWords, text, verification } from './world-rules';

type Json = Record<string, unknown>;

export interface LocalCarrierOptions {
  clock: Clock;
  /** Where labels are served from (`<labelBaseUrl>/<shipment id>.png`). */
  labelBaseUrl: () => string;
  /** Sends an event to the webhook, signed; the world does not wait for it. */
  sendEvent: (event: EpEvent) => void;
}

/** Statuses a label is still unused at: only then does the carrier refund it. */
const unused: ReadonlySet<TrackingStatus> = new Set(['unknown', 'pre_transit']);

export class LocalCarrier {
  private seq = 0;
  private readonly addresses = new Map<string, EpAddress>();
  private readonly parcels = new Map<string, EpParcel>();
  private readonly customsItems = new Map<string, EpCustomsItem>();
  private readonly customsInfos = new Map<string, EpCustomsInfo>();
  private readonly shipments = new Map<string, EpShipment>();
  private readonly trackers = new Map<string, EpTracker>();
  private readonly events = new Map<string, EpEvent>();

  constructor(private readonly options: LocalCarrierOptions) {}

  private id(prefix: string): string {
    this.seq += 1;
    return `${prefix}_${String(this.seq).padStart(12, '0')}`;
  }

  private now(): string {
    return this.options.clock.now().toISOString();
  }

  createAddress(fields: Json, verify: boolean): EpAddress {
    const at = this.now();
    const address: EpAddress = {
      id: this.id('adr'),
      object: 'Address',
      mode: 'test',
      name: text(fields.name),
      company: text(fields.company),
      street1: text(fields.street1),
      street2: text(fields.street2),
      city: text(fields.city),
      state: text(fields.state),
      zip: text(fields.zip),
      country: (text(fields.country) ?? 'US').toUpperCase(),
      phone: text(fields.phone),
      email: text(fields.email),
      verifications: {},
      created_at: at,
      updated_at: at,
    };
    if (verify) address.verifications.delivery = verification(address);
    this.addresses.set(address.id, address);
    return address;
  }

  /** `POST /addresses/create_and_verify`: refused with ADDRESS.VERIFY.FAILURE when it does not verify. */
  createAndVerify(fields: Json): EpAddress {
    const address = this.createAddress(fields, true);
    const delivery = address.verifications.delivery;
    if (!delivery?.success) {
      throw new EasyPostApiError(
        422,
        'ADDRESS.VERIFY.FAILURE',
        'Unable to verify address.',
        (delivery?.errors ?? []).map((e) => ({ field: e.field, message: e.message })),
      );
    }
    return address;
  }

  address(id: string): EpAddress {
    return found(this.addresses.get(id), 'address');
  }

  createParcel(fields: Json): EpParcel {
    const weight = Number(fields.weight);
    if (!Number.isFinite(weight) || weight <= 0)
      throw new EasyPostApiError(422, 'PARCEL.WEIGHT.INVALID', 'Parcel weight must be greater than zero.', [
        { field: 'weight', message: 'must be greater than 0' },
      ]);
    const at = this.now();
    const parcel: EpParcel = {
      id: this.id('prcl'),
      object: 'Parcel',
      mode: 'test',
      weight,
      length: numberOrNull(fields.length),
      width: numberOrNull(fields.width),
      height: numberOrNull(fields.height),
      created_at: at,
      updated_at: at,
    };
    this.parcels.set(parcel.id, parcel);
    return parcel;
  }

  parcel(id: string): EpParcel {
    return found(this.parcels.get(id), 'parcel');
  }

  createCustomsItem(fields: Json): EpCustomsItem {
    const description = text(fields.description);
    const value = Number(fields.value);
    const weight = Number(fields.weight);
    const quantity = Number(fields.quantity ?? 1);
    const origin = text(fields.origin_country);
    if (!description || !origin || !(value >= 0) || !(weight > 0) || !(quantity >= 1)) {
      throw new EasyPostApiError(422, 'CUSTOMS_ITEM.INVALID', 'A customs item needs a description, quantity, value, weight and origin country.');
    }
    const item: EpCustomsItem = {
      id: this.id('cstitem'),
      object: 'CustomsItem',
      description,
      quantity,
      value: value.toFixed(2),
      weight,
      hs_tariff_number: text(fields.hs_tariff_number),
      origin_country: origin.toUpperCase(),
      currency: 'USD',
    };
    this.customsItems.set(item.id, item);
    return item;
  }

  createCustomsInfo(fields: Json): EpCustomsInfo {
    const items = Array.isArray(fields.customs_items) ? fields.customs_items : [];
    const info: EpCustomsInfo = {
      id: this.id('cstinfo'),
      object: 'CustomsInfo',
      contents_type: text(fields.contents_type) ?? 'merchandise',
      customs_certify: fields.customs_certify === true || fields.customs_certify === 'true',
      customs_signer: text(fields.customs_signer),
      eel_pfc: text(fields.eel_pfc),
      non_delivery_option: text(fields.non_delivery_option) ?? 'return',
      restriction_type: text(fields.restriction_type) ?? 'none',
      customs_items: items.map((item) => this.itemOrNew(item)),
    };
    this.customsInfos.set(info.id, info);
    return info;
  }

  customsInfo(id: string): EpCustomsInfo {
    return found(this.customsInfos.get(id), 'customs_info');
  }

  createShipment(fields: Json): EpShipment {
    const to = this.addressOrNew(fields.to_address, 'to_address');
    const from = this.addressOrNew(fields.from_address, 'from_address');
    const parcel = this.parcelOrNew(fields.parcel);
    const customs = fields.customs_info ? this.customsOrNew(fields.customs_info) : null;
    const at = this.now();
    const id = this.id('shp');
    const rates: EpRate[] = servicesBetween(from.country ?? 'US', to.country ?? 'US').map((price) => rateOf(price, this.id('rate'), id, parcel.weight));
    const shipment: EpShipment = {
      id,
      object: 'Shipment',
      mode: 'test',
      reference: text(fields.reference),
      status: 'unknown',
      to_address: to,
      from_address: from,
      return_address: from,
      buyer_address: to,
      parcel,
      customs_info: customs,
      rates,
      selected_rate: null,
      postage_label: null,
      tracking_code: null,
      tracker: null,
      refund_status: null,
      messages: [],
      created_at: at,
      updated_at: at,
    };
    this.shipments.set(id, shipment);
    return shipment;
  }

  shipment(id: string): EpShipment {
    const shipment = found(this.shipments.get(id), 'shipment');
    const tracker = shipment.tracker && this.trackers.get(shipment.tracker.id);
    return tracker ? { ...shipment, tracker, status: tracker.status } : shipment;
  }

  listShipments(): EpShipment[] {
    return [...this.shipments.keys()].map((id) => this.shipment(id));
  }

  /** `POST /shipments/:id/buy`: one purchase per shipment, customs required across a border. */
  buy(id: string, rateId: string): EpShipment {
    const shipment = found(this.shipments.get(id), 'shipment');
    if (shipment.postage_label) throw new EasyPostApiError(422, 'SHIPMENT.POSTAGE.EXISTS', 'This shipment already has postage.');
    const rate = shipment.rates.find((r) => r.id === rateId);
    if (!rate)
      throw new EasyPostApiError(422, 'SHIPMENT.RATE.INVALID', 'The rate is not one of this shipment’s rates.', [{ field: 'rate', message: 'not found' }]);
    const crosses = shipment.from_address.country !== shipment.to_address.country;
    if (crosses && !shipment.customs_info)
      throw new EasyPostApiError(422, 'SHIPMENT.POSTAGE.FAILURE', 'Customs information is required for an international shipment.', [
        { field: 'customs_info', message: 'is required' },
      ]);
    const at = this.now();
    const trackingCode = `EZ${String(5_000_000_000 + this.seq).slice(-10)}`;
    shipment.selected_rate = rate;
    shipment.tracking_code = trackingCode;
    shipment.postage_label = {
      id: this.id('pl'),
      object: 'PostageLabel',
      label_url: `${this.options.labelBaseUrl()}/${shipment.id}.png`,
      label_file_type: 'image/png',
      label_size: '4x6',
      label_resolution: 100,
      label_date: at,
    };
    shipment.tracker = this.newTracker(trackingCode, rate.carrier, shipment.id);
    shipment.updated_at = at;
    return this.shipment(id);
  }

  /** The label's picture, once bought. */
  label(id: string): Buffer | undefined {
    const shipment = this.shipments.get(id);
    if (!shipment?.selected_rate || !shipment.tracking_code) return undefined;
    const rate = shipment.selected_rate;
    return labelPng({
      carrier: rate.carrier,
      service: rate.service,
      toCity: shipment.to_address.city ?? '',
      toCountry: shipment.to_address.country ?? '',
      trackingCode: shipment.tracking_code,
    });
  }

  /** `POST /shipments/:id/refund`: unused labels are submitted, used ones rejected; asking again answers the same. */
  refund(id: string): EpShipment {
    const shipment = found(this.shipments.get(id), 'shipment');
    if (!shipment.postage_label) throw new EasyPostApiError(422, 'SHIPMENT.REFUND.FAILURE', 'This shipment has no postage to refund.');
    if (!shipment.refund_status) {
      const status = shipment.tracker ? (this.trackers.get(shipment.tracker.id)?.status ?? 'unknown') : 'unknown';
      shipment.refund_status = unused.has(status) ? 'submitted' : 'rejected';
      shipment.updated_at = this.now();
    }
    return this.shipment(id);
  }

  /** `POST /trackers`: the same code and carrier give back the tracker already made, as EasyPost does. */
  createTracker(fields: Json): EpTracker {
    const code = text(fields.tracking_code);
    if (!code)
      throw new EasyPostApiError(422, 'TRACKER.TRACKING_CODE.INVALID', 'A tracker needs a tracking code.', [
        { field: 'tracking_code', message: 'is required' },
      ]);
    const carrier = text(fields.carrier) ?? 'USPS';
    const existing = [...this.trackers.values()].find((t) => t.tracking_code === code && t.carrier === carrier);
    return existing ?? this.newTracker(code, carrier, null);
  }

  tracker(id: string): EpTracker {
    return found(this.trackers.get(id), 'tracker');
  }

  trackerByCode(code: string): EpTracker | undefined {
    return [...this.trackers.values()].find((t) => t.tracking_code === code);
  }

  /** The carrier scans the parcel: its tracker moves and a signed `tracker.updated` goes out. */
  advance(code: string, status: TrackingStatus): EpEvent {
    const tracker = this.trackerByCode(code);
    if (!tracker) throw new EasyPostApiError(404, 'NOT_FOUND', `No tracker has the tracking code ${code}.`);
    const previous = tracker.status;
    const at = this.now();
    tracker.status = status;
    tracker.status_detail = status === 'out_for_delivery' ? 'out_for_delivery' : status === 'delivered' ? 'arrived_at_destination' : 'status_update';
    tracker.updated_at = at;
    tracker.tracking_details.push({
      object: 'TrackingDetail',
      message: statusWords[status],
      status,
      status_detail: tracker.status_detail,
      datetime: at,
      source: tracker.carrier,
    });
    return this.emit({ ...tracker, tracking_details: [...tracker.tracking_details] }, 'tracker.updated', { status: previous });
  }

  /** An event sent before, sent again (a carrier's redelivery). */
  resend(eventId: string): EpEvent {
    const event = found(this.events.get(eventId), 'event');
    this.options.sendEvent(event);
    return event;
  }

  sentEvents(): EpEvent[] {
    return [...this.events.values()];
  }

  private newTracker(code: string, carrier: string, shipmentId: string | null): EpTracker {
    const at = this.now();
    const tracker: EpTracker = {
      id: this.id('trk'),
      object: 'Tracker',
      mode: 'test',
      tracking_code: code,
      status: 'pre_transit',
      status_detail: 'status_update',
      carrier,
      shipment_id: shipmentId,
      weight: null,
      signed_by: null,
      est_delivery_date: null,
      public_url: `${this.options.labelBaseUrl()}/track/${code}`,
      tracking_details: [
        { object: 'TrackingDetail', message: statusWords.pre_transit, status: 'pre_transit', status_detail: 'status_update', datetime: at, source: carrier },
      ],
      fees: [],
      created_at: at,
      updated_at: at,
    };
    this.trackers.set(tracker.id, tracker);
    this.emit(tracker, 'tracker.created', {});
    return tracker;
  }

  private emit(result: EpTracker, description: EpEvent['description'], previous: EpEvent['previous_attributes']): EpEvent {
    const at = this.now();
    const event: EpEvent = {
      id: this.id('evt'),
      object: 'Event',
      mode: 'test',
      description,
      previous_attributes: previous,
      result,
      status: 'pending',
      pending_urls: [],
      completed_urls: [],
      created_at: at,
      updated_at: at,
    };
    this.events.set(event.id, event);
    this.options.sendEvent(event);
    return event;
  }

  private addressOrNew(value: unknown, field: string): EpAddress {
    const fields = object(value, field);
    return typeof fields.id === 'string' ? this.address(fields.id) : this.createAddress(fields, false);
  }

  private parcelOrNew(value: unknown): EpParcel {
    const fields = object(value, 'parcel');
    return typeof fields.id === 'string' ? this.parcel(fields.id) : this.createParcel(fields);
  }

  private customsOrNew(value: unknown): EpCustomsInfo {
    const fields = object(value, 'customs_info');
    return typeof fields.id === 'string' ? this.customsInfo(fields.id) : this.createCustomsInfo(fields);
  }

  private itemOrNew(value: unknown): EpCustomsItem {
    const fields = object(value, 'customs_items');
    return typeof fields.id === 'string' ? found(this.customsItems.get(fields.id), 'customs_item') : this.createCustomsItem(fields);
  }
}
