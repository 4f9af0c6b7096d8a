/**
 * @module stripe/card-removal-world
 * Saved cards and customers taken away, as the local Stripe does it (issue 79): a card detached
 * from its customer (`POST /v1/payment_methods/<id>/detach`) keeps its id and can be charged no
 * more; a customer deleted (`DELETE /v1/customers/<id>`) is kept as Stripe keeps one,
 * `{ id, object: 'customer', deleted: true }`, its cards detached with it. Stripe's refusals
 * are kept too: detaching a card on no customer is a 400, deleting a customer twice a 404. The
 * port's calls (`detachPaymentMethod`, `deleteCustomer`) take those refusals as done, as the
 * stripe-node adapter does, so a redelivered release changes nothing.
 */
import { PaymentRefused } from '../../errors';
import { collections, docIn, isLiveCustomer, type LocalCustomer, type LocalDeletedCustomer, type LocalSavedCard } from './objects';
import { StripeOnSessionWorld } from './on-session-world';

/** Stripe's words for a card detached already (the adapter's `notAttached` matches them). */
export const notAttachedMessage = 'The payment method you provided is not attached to a customer so detachment is impossible.';

/** A customer as `GET /_local/stripe/customers` lists it: Stripe's object, and the cards saved on it now. */
export type ListedCustomer = (LocalCustomer | LocalDeletedCustomer) & { payment_methods: LocalSavedCard[] };

export class StripeCardRemovalWorld extends StripeOnSessionWorld {
  /** Stripe's detach: the card, now on no customer; refused for a card on none (400) or unknown (404). */
  async detach(paymentMethodId: string): Promise<LocalSavedCard> {
    this.takeWrite();
    return this.options.store.runTransaction(async (tx) => {
      const path = docIn(collections.paymentMethods, paymentMethodId);
      const card = await tx.get(path);
      if (!card) throw new Error(`No such PaymentMethod: '${paymentMethodId}'`);
      if (card.stripe.customer === null) throw new PaymentRefused(notAttachedMessage);
      const detached = { ...card.stripe, customer: null };
      tx.set(path, { ...card, stripe: detached });
      return detached;
    });
  }

  /** Stripe's delete: the customer gone, its cards detached; a customer unknown or deleted already is a 404. */
  async removeCustomer(customerId: string): Promise<LocalDeletedCustomer> {
    this.takeWrite();
    return this.options.store.runTransaction(async (tx) => {
      const path = docIn(collections.customers, customerId);
      const customer = await tx.get(path);
      if (!customer || !isLiveCustomer(customer)) throw new Error(`No such customer: '${customerId}'`);
      const cards = await tx.query(collections.paymentMethods, { where: [['stripe.customer', '==', customerId]] });
      const deleted: LocalDeletedCustomer = { id: customerId, object: 'customer', deleted: true };
      for (const card of cards) tx.set(docIn(collections.paymentMethods, card.id), { ...card.data, stripe: { ...card.data.stripe, customer: null } });
      tx.set(path, { ...customer, stripe: deleted });
      return deleted;
    });
  }

  async detachPaymentMethod(paymentMethodId: string): Promise<void> {
    await goneAlready(() => this.detach(paymentMethodId));
  }

  async deleteCustomer(customerId: string): Promise<void> {
    await goneAlready(() => this.removeCustomer(customerId));
  }

  /** Every customer, newest first, each with the cards saved on it now (none once deleted): `GET /_local/stripe/customers`. */
  async listCustomers(): Promise<ListedCustomer[]> {
    const customers = await this.list<LocalCustomer | LocalDeletedCustomer>(collections.customers);
    const cards = await this.list<LocalSavedCard>(collections.paymentMethods);
    return customers.map((customer) => ({ ...customer, payment_methods: cards.filter((card) => card.customer === customer.id) }));
  }
}

/** Stripe's refusals of a removal whose object is gone already, taken as done. */
async function goneAlready(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (message.startsWith('No such ') || message === notAttachedMessage) return;
    throw error;
  }
}
