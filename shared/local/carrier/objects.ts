/**
 * @module carrier/objects
 * The carrier stand-in's objects as EasyPost's API writes them (v2 JSON, snake_case, money as
 * decimal strings in dollars, weights in ounces): what the official client reads back.
 */
import type { TrackingStatus } from '../../ports';

export interface EpAddress {
  id: string;
  object: 'Address';
  mode: 'test';
  name: string | null;
  company: string | null;
  street1: string | null;
  street2: string | null;
  city: string | null;
  state: string | null;
  zip: string | null;
  country: string | null;
  phone: string | null;
  email: string | null;
  verifications: { delivery?: EpVerification };
  created_at: string;
  updated_at: string;
}

export interface EpVerification {
  success: boolean;
  errors: Array<{ code: string; field: string; message: string; suggestion: string | null }>;
  details: null;
}

export interface EpParcel {
  id: string;
  object: 'Parcel';
  mode: 'test';
  weight: number;
  length: number | null;
  width: number | null;
  height: number | null;
  created_at: string;
  updated_at: string;
}

export interface EpCustomsItem {
  id: string;
  object: 'CustomsItem';
  description: string;
  quantity: number;
  value: string;
  weight: number;
  hs_tariff_number: string | null;
  origin_country: string;
  currency: 'USD';
}

export interface EpCustomsInfo {
  id: string;
  object: 'CustomsInfo';
  contents_type: string;
  customs_certify: boolean;
  customs_signer: string | null;
  eel_pfc: string | null;
  non_delivery_option: string;
  restriction_type: string;
  customs_items: EpCustomsItem[];
}

export interface EpRate {
  id: string;
  object: 'Rate';
  mode: 'test';
  shipment_id: string;
  carrier: string;
  service: string;
  rate: string;
  currency: 'USD';
  retail_rate: string;
  list_rate: string;
  delivery_days: number;
  carrier_account_id: string;
}

export interface EpPostageLabel {
  id: string;
  object: 'PostageLabel';
  label_url: string;
  label_file_type: 'image/png';
  label_size: '4x6';
  label_resolution: number;
  label_date: string;
}

export interface EpTrackingDetail {
  object: 'TrackingDetail';
  message: string;
  status: TrackingStatus;
  status_detail: string;
  datetime: string;
  source: string;
}

export interface EpTracker {
  id: string;
  object: 'Tracker';
  mode: 'test';
  tracking_code: string;
  status: TrackingStatus;
  status_detail: string;
  carrier: string;
  shipment_id: string | null;
  weight: null;
  signed_by: string | null;
  est_delivery_date: string | null;
  public_url: string;
  tracking_details: EpTrackingDetail[];
  fees: [];
  created_at: string;
  updated_at: string;
}

export interface EpShipment {
  id: string;
  object: 'Shipment';
  mode: 'test';
  reference: string | null;
  status: TrackingStatus;
  to_address: EpAddress;
  from_address: EpAddress;
  return_address: EpAddress;
  buyer_address: EpAddress;
  parcel: EpParcel;
  customs_info: EpCustomsInfo | null;
  rates: EpRate[];
  selected_rate: EpRate | null;
  postage_label: EpPostageLabel | null;
  tracking_code: string | null;
  tracker: EpTracker | null;
  refund_status: 'submitted' | 'refunded' | 'rejected' | null;
  messages: [];
  created_at: string;
  updated_at: string;
}

export interface EpEvent {
  id: string;
  object: 'Event';
  mode: 'test';
  description: 'tracker.updated' | 'tracker.created';
  previous_attributes: { status?: TrackingStatus };
  result: EpTracker;
  status: 'pending';
  pending_urls: string[];
  completed_urls: string[];
  created_at: string;
  updated_at: string;
}

/** EasyPost's error body: `{ error: { code, message, errors } }`. */
export class EasyPostApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: Array<{ field?: string; message: string }> = [],
  ) {
    super(message);
  }
  body(): string {
    return JSON.stringify({ error: { code: this.code, message: this.message, errors: this.errors } });
  }
}
