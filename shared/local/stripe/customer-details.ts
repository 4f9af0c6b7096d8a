/**
 * @module stripe/customer-details
 * A completed Checkout Session's `customer_details`, every key Stripe gives under the pinned
 * version. The stand-in asks no email nor phone, and its page keeps Checkout's "billing same as
 * shipping" ticked: a shipped session's billing name and address are the shipping ones; an
 * unshipped one's are unknown (null).
 */

/** An address as Stripe gives it in a session (`collected_information.shipping_details.address`). */
type SessionAddress = { line1: string; line2: string | null; city: string; state: string | null; postal_code: string; country: string };

export type LocalCustomerDetails = {
  address: SessionAddress | null;
  business_name: null;
  email: null;
  individual_name: null;
  name: string | null;
  phone: null;
  tax_exempt: 'none';
  tax_ids: [];
};

/** The details a session completes with, from the shipping the buyer gave (if it asked for one). */
export function customerDetailsOf(shipped: { name: string; address: SessionAddress } | null | undefined): LocalCustomerDetails {
  return {
    address: shipped?.address ?? null,
    business_name: null,
    email: null,
    individual_name: null,
    name: shipped?.name ?? null,
    phone: null,
    tax_exempt: 'none',
    tax_ids: [],
  };
}
