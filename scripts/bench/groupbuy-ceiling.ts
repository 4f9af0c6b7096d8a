/**
 * The ceiling `bench:groupbuy` holds the close to, measured in the same run: a bare client
 * of the local Stripe with Stripe's limit on (25 PaymentIntent creates a second), charging
 * saved cards off session as fast as the limit lets it (32 at once, a 429 tried again at the
 * next second), with none of the close's own work (no store, no order, no journal, no DM). Its
 * creates a second are the most any close could reach under the limit on this machine.
 */
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { stripeWritesPerSecond } from '../../shared/local/stripe/per-second-limit';
import { systemClock } from '../../shared/ports';

export interface Ceiling {
  charges: number;
  seconds: number;
  perSecond: number;
  rateLimited: number;
}

export async function bareClientCeiling(charges: number): Promise<Ceiling> {
  const store = new LocalDocumentStore();
  const stripe = new LocalPayments({
    store,
    baseUrl: 'http://127.0.0.1',
    clock: systemClock,
    writesPerSecond: stripeWritesPerSecond,
    sendEvent: async () => undefined,
  });
  // The cards were saved days before, outside the second measured: in the same Stripe's store, past its limiter (which counts every write).
  const earlier = new LocalPayments({ store, baseUrl: 'http://127.0.0.1', clock: systemClock, sendEvent: async () => undefined });
  const cards: Array<{ customerId: string; paymentMethodId: string }> = [];
  for (let i = 0; i < charges; i++) {
    const { customerId } = await earlier.createCustomer({ idempotencyKey: `ceiling-customer:${i}`, metadata: {} });
    const session = await earlier.createCardSetupSession({
      idempotencyKey: `ceiling-setup:${i}`,
      customerId,
      currency: 'usd',
      consentText: 'ceiling',
      metadata: {},
      successUrl: 'http://127.0.0.1/ok',
      cancelUrl: 'http://127.0.0.1/no',
      expiresAt: new Date(Date.now() + 3_600_000),
    });
    await earlier.saveCard(session.sessionId, 'works');
    const { paymentMethodId } = await earlier.readCardSetup(session.sessionId);
    cards.push({ customerId, paymentMethodId: paymentMethodId as string });
  }
  let next = 0;
  let rateLimited = 0;
  const madeIn: number[] = [];
  const worker = async () => {
    for (let i = next++; i < charges; i = next++) {
      const card = cards[i] as (typeof cards)[number];
      for (;;) {
        const answer = await stripe.chargeOffSession({ idempotencyKey: `ceiling:${i}`, ...card, amountCents: 11_900, currency: 'usd', metadata: {} });
        if (answer.outcome !== 'rate_limited') {
          madeIn.push(Math.floor(Date.now() / 1000));
          break;
        }
        rateLimited += 1;
        await new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 1));
      }
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  // Per whole second of Stripe's (the limit's window), first to last, as the close's rate is counted.
  const seconds = Math.max(...madeIn) - Math.min(...madeIn) + 1;
  return { charges, seconds, perSecond: charges / seconds, rateLimited };
}
