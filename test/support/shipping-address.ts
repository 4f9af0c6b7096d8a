/**
 * An order with a shipping address, as the checkout leaves it once it asks Stripe for one.
 * Until the checkout reads the address from the paid session, tests that need one write it
 * here, in one place, so they move to the real checkout by changing only this file.
 */
import type { DocumentStore } from '../../shared/ports';
import { orderPath, type ShippingAddress } from '../../shared/payments';

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

/** The paid order now has the address (and shipping cost) its checkout would have kept. */
export async function giveOrderAnAddress(
  store: Pick<DocumentStore, 'update'>,
  orderId: string,
  address: ShippingAddress = sampleAddress,
  shippingCents = 1_500,
): Promise<void> {
  await store.update(orderPath(orderId), { shippingAddress: address, shippingCents });
}
