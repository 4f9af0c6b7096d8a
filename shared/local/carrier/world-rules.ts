/**
 * @module carrier/world-rules
 * What the carrier stand-in decides without state: the words of each tracking status, the
 * address check, and how a request's fields are read (EasyPost's 404 and 422 when they are not there).
 */
import type { TrackingStatus } from '../../ports';
import { EasyPostApiError, type EpAddress, type EpRate } from './objects';
import { dollars, priceCents, type ServicePrice } from './rates';

type Json = Record<string, unknown>;

export const statusWords: Record<TrackingStatus, string> = {
  unknown: 'Status unknown',
  pre_transit: 'Shipping label created',
  in_transit: 'In transit to next facility',
  out_for_delivery: 'Out for delivery',
  delivered: 'Delivered',
  available_for_pickup: 'Available for pickup',
  return_to_sender: 'Returned to sender',
  failure: 'Delivery failed',
  cancelled: 'Cancelled',
  error: 'Tracking error',
};

/**
 * The stand-in's address check, the failures a carrier names: a missing street, city or ZIP,
 * a US ZIP that is not five digits, and a street the tests name "Undeliverable".
 */
export function verification(address: EpAddress): EpAddress['verifications']['delivery'] & object {
  const errors: Array<{ code: string; field: string; message: string; suggestion: null }> = [];
  const missing = (field: 'street1' | 'city' | 'zip', message: string) =>
    !address[field] && errors.push({ code: 'E.ADDRESS.NOT_FOUND', field, message, suggestion: null });
  missing('street1', 'Street is missing.');
  missing('city', 'City is missing.');
  missing('zip', 'ZIP or postal code is missing.');
  if (address.country === 'US' && address.zip && !/^\d{5}(-\d{4})?$/.test(address.zip))
    errors.push({ code: 'E.ZIP.INVALID', field: 'zip', message: 'Invalid ZIP code.', suggestion: null });
  if (address.street1 && /undeliverable/i.test(address.street1))
    errors.push({ code: 'E.ADDRESS.NOT_FOUND', field: 'address', message: 'Address not found.', suggestion: null });
  return { success: errors.length === 0, errors, details: null };
}

export function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

export function numberOrNull(value: unknown): number | null {
  const n = Number(value);
  return value === undefined || value === null || !Number.isFinite(n) ? null : n;
}

export function object(value: unknown, field: string): Json {
  if (value && typeof value === 'object' && !Array.isArray(value)) return value as Json;
  throw new EasyPostApiError(422, 'PARAMETER.REQUIRED', `Missing or invalid parameter: ${field}.`, [{ field, message: 'is required' }]);
}

export function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new EasyPostApiError(404, 'NOT_FOUND', `The requested ${what} could not be found.`);
  return value;
}

/** A shipment's rate for one service, priced by the parcel's weight. */
export function rateOf(price: ServicePrice, id: string, shipmentId: string, weightOz: number): EpRate {
  const amount = dollars(priceCents(price, weightOz));
  return {
    id,
    object: 'Rate',
    mode: 'test',
    shipment_id: shipmentId,
    carrier: price.carrier,
    service: price.service,
    rate: amount,
    currency: 'USD',
    retail_rate: amount,
    list_rate: amount,
    delivery_days: price.deliveryDays,
    carrier_account_id: `ca_local_${price.carrier.toLowerCase()}`,
  };
}
