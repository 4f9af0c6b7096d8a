/**
 * @module payment-deps
 * What the payments use cases are given: the store, Discord, Stripe, the clock and the modules
 * that registered what they sell. Its own file so a use case that apply-payment calls (a late
 * payment's refund) can take it without a circle back to apply-payment.
 */
import type { Clock, DiscordMessenger, DocumentStore, Payments } from '../../ports';
import type { PaymentModules } from './payment-modules';

export interface PaymentDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  payments: Payments;
  clock: Clock;
  modules: PaymentModules;
  /** Where the site is, for the links a DM carries (the builder's packing slip); none in tests that send no such link. */
  publicBaseUrl?: string;
}
