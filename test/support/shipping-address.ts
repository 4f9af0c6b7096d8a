/**
 * A shipping address a test can look for anywhere: sent through the local Stripe's checkout
 * as the buyer types it (`paidWith`), or written on an order of a world built directly in
 * the store (`giveOrderAnAddress`, for the dashboard's browser world).
 */
import type { DocumentStore } from '../../shared/ports';
import { orderPath, type ShippingAddress } from '../../shared/orders';

/** Every part distinct and unusual, so a test can look for any of them anywhere. */
export const sampleAddress: ShippingAddress = {
  name: 'Quenby Zanzibar-Oakes',
  line1: '7421 Wisteria Quarry Lane',
  line2: 'Flat 9Q',
  city: 'Pemberton Falls',
  state: 'VT',
  postalCode: '05099-4471',
  country: 'US',
};

/** The parts of an address a leak would show: each on its own must appear nowhere it should not. */
export const addressParts = (address: ShippingAddress = sampleAddress): string[] =>
  [address.name, address.line1, address.line2, address.city, address.postalCode].filter((p): p is string => p !== undefined);

/** The body of `POST /_local/stripe/sessions/<id>/pay` that pays with this address, in Stripe's own shape. */
export const paidWith = (address: ShippingAddress = sampleAddress) => ({
  shipping: {
    name: address.name,
    address: {
      line1: address.line1,
      ...(address.line2 ? { line2: address.line2 } : {}),
      city: address.city,
      ...(address.state ? { state: address.state } : {}),
      postal_code: address.postalCode,
      country: address.country,
    },
  },
});

/** The paid order now has the address (and shipping cost) its checkout would have kept. */
export async function giveOrderAnAddress(
  store: Pick<DocumentStore, 'update'>,
  orderId: string,
  address: ShippingAddress = sampleAddress,
  shippingCents = 1_500,
): Promise<void> {
  await store.update(orderPath(orderId), { shippingAddress: address, shippingCents });
}
