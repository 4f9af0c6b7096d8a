/**
 * @module another-card-page
 * "Use another card" pressed on a pledge's pay page: Checkout in `setup` mode on the pledge's own
 * Stripe customer (another-card), whose completion confirms the pledge's one PaymentIntent with
 * the card saved (another-card-saved). Nothing is charged here and nothing is recorded: each press
 * is the buyer's own new page, and a page left unused ends at its expiry.
 */
import { randomBytes } from 'node:crypto';
import { personPseudonym } from '../../log';
import { chargedCents, type Order } from '../../orders';
import type { Clock, Payments } from '../../ports';
import type { Pledge } from '../rules/group-buy';
import { anotherCardConsent, anotherCardExpiry, anotherCardMetadata, anotherCardReturn } from '../rules/another-card';

export interface AnotherCardPageDeps {
  clock: Clock;
  payments: Pick<Payments, 'createCardSetupSession'>;
}

/** Stripe's page to save another card for this pledge: its url, where the buyer is sent. */
export async function openAnotherCard(
  deps: AnotherCardPageDeps,
  order: Order,
  pledge: Pledge & { paymentIntentId: string; payBy: string },
  payLink: string,
): Promise<string> {
  if (!pledge.customerId) throw new Error(`pledge of order ${order.orderId} waits on its buyer with no Stripe customer`);
  const session = await deps.payments.createCardSetupSession({
    // A press is the buyer's own new page: a key of its own, so a retry of this request alone asks for the same one.
    idempotencyKey: `groupbuy-repay:${order.orderId}:${randomBytes(8).toString('hex')}`,
    customerId: pledge.customerId,
    currency: order.currency,
    consentText: anotherCardConsent(order.title, chargedCents(order), order.currency),
    metadata: anotherCardMetadata(pledge.groupBuyId, personPseudonym(pledge.buyerId), order.orderId),
    clientReferenceId: order.orderId,
    successUrl: anotherCardReturn(payLink),
    cancelUrl: payLink,
    expiresAt: anotherCardExpiry(pledge.payBy, deps.clock.now().getTime()),
  });
  return session.url;
}
