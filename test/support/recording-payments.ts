/**
 * The local Stripe for a use-case test that delivers Stripe's events itself: every event it
 * would send is kept in order instead (`evt_1`, `evt_2`…, each `created` one second after the
 * one before, from `firstCreated`), for the test to hand to the webhook's handler when it chooses.
 */
import { LocalPayments } from '../../shared/local/stripe/payments';
import type { StripeEvent } from '../../shared/payments';
import type { Clock, DocumentStore } from '../../shared/ports';

export function recordingPayments(store: DocumentStore, clock: Clock, firstCreated = 1_000): { payments: LocalPayments; events: StripeEvent[] } {
  const events: StripeEvent[] = [];
  // Counted apart from the list: a test may empty it once delivered, and ids must never repeat.
  let seq = 0;
  const payments = new LocalPayments({
    store,
    baseUrl: 'http://local',
    clock,
    sendEvent: async (type, object) => {
      seq += 1;
      events.push({ id: `evt_${seq}`, type, created: firstCreated + seq, data: { object: object as StripeEvent['data']['object'] } });
    },
  });
  return { payments, events };
}
