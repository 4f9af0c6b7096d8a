/**
 * The Stripe webhook endpoints' events, as terraform lists them for the operator, and the
 * events the ingress keeps: an event the code handles but the endpoint does not subscribe
 * would never arrive (a dispute nobody answers), and one subscribed but not handled is noise.
 */
import { handledStripeEvents } from '../../shared/payments/rules/stripe-event';
import { asArray, loadTerraform, type Terraform } from '../support/terraform';

let tf: Terraform;
beforeAll(async () => {
  tf = await loadTerraform();
});

describe('terraform’s Stripe webhook events', () => {
  it('are every event the ingress handles, the Connect endpoint taking those about connected accounts', () => {
    const platform = asArray(tf.locals.stripe_webhook_events, 'locals.stripe_webhook_events').map(String);
    const connect = asArray(tf.locals.stripe_connect_webhook_events, 'locals.stripe_connect_webhook_events').map(String);
    // `payout.failed` is both: the platform's own payout, and a builder's.
    expect([...new Set([...platform, ...connect])].sort()).toEqual([...handledStripeEvents].sort());
    expect(platform).toEqual(expect.arrayContaining(['payout.created', 'payout.paid', 'payout.failed']));
    expect(connect).toEqual(['account.updated', 'account.application.deauthorized', 'payout.failed']);
  });

  it('subscribe the five dispute events', () => {
    const platform = asArray(tf.locals.stripe_webhook_events, 'locals.stripe_webhook_events').map(String);
    for (const suffix of ['created', 'updated', 'closed', 'funds_withdrawn', 'funds_reinstated']) expect(platform).toContain(`charge.dispute.${suffix}`);
  });
});
