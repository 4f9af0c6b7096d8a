/**
 * Two group buys closing at once, through the production adapter (stripe-node) against the
 * local Stripe served over HTTP with Stripe's sandbox limit, both charging pledge after pledge
 * as batch work, one bucket on the real Redis between them: the local Stripe's own log of the
 * writes it was sent says how many arrived in each of its seconds, and whether it refused any.
 * A person's checkout pressed while the batches drain is served meanwhile. With half the cards
 * needing their buyer (issue 77, "done when"), those buyers then confirm the very PaymentIntent
 * on session: every pledge ends with one PaymentIntent, succeeded.
 *
 * The bucket and the local Stripe read one virtual clock, and the bucket's waits are parked on
 * it: the clock moves only when every call under way is parked, so a write always arrives at
 * the instant its token was taken and no outcome depends on the machine's speed.
 */
import { randomUUID } from 'node:crypto';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalPayments } from '../../shared/local/stripe/payments';
import { serveStripeApi, type ServedStripeApi } from '../../shared/local/stripe/api-server';
import { stripeWritesPerSecond } from '../../shared/local/stripe/per-second-limit';
import { createStripePayments } from '../../shared/adapters/stripe/stripe-payments';
import { accountBucketKey, redisBucket, writeBudget } from '../../shared/adapters/stripe/write-budget';
import { stripeWriteBudgetSize } from '../../shared/stripe-limits';
import { connectAuctionBookOverResp, type RespConnection } from '../../shared/local/upstash/resp-connection';
import { asBatchWork } from '../../shared/stripe-work';
import type { Payments } from '../../shared/ports';
import type { TestCardKind } from '../../shared/local/stripe/test-cards';

const secretKey = 'sk_test_local_budget';
const pledgesEach = 40;
const batchSize = 20;
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Time that passes only when nothing is under way: `track` counts a call as under way until it
 * settles, `wait` parks it, and once every call under way is parked the clock jumps to the
 * earliest wake-up and wakes whoever is due.
 */
function virtualTime(startMs: number) {
  let nowMs = startMs;
  let underWay = 0;
  let parked: Array<{ atMs: number; wake: () => void }> = [];
  const advanceIfIdle = () => {
    if (parked.length === 0 || parked.length < underWay) return;
    nowMs = Math.max(nowMs, Math.min(...parked.map((p) => p.atMs)));
    const due = parked.filter((p) => p.atMs <= nowMs);
    parked = parked.filter((p) => p.atMs > nowMs);
    for (const p of due) p.wake();
  };
  return {
    clock: { now: () => new Date(nowMs) },
    nowMs: () => nowMs,
    wait: (ms: number) =>
      new Promise<void>((wake) => {
        parked.push({ atMs: nowMs + ms, wake });
        advanceIfIdle();
      }),
    async track<T>(call: () => Promise<T>): Promise<T> {
      underWay += 1;
      try {
        return await call();
      } finally {
        underWay -= 1;
        advanceIfIdle();
      }
    },
  };
}

const time = virtualTime(Date.now());

let resp: RespConnection;
let api: ServedStripeApi;
let world: LocalPayments;
beforeAll(async () => {
  resp = connectAuctionBookOverResp(redisUrl);
  const store = new LocalDocumentStore();
  const clock = time.clock;
  world = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  api = await serveStripeApi({ payments: world, store, clock, secretKey, writesPerSecond: stripeWritesPerSecond });
});
afterAll(async () => {
  await api.close();
  await resp.close();
});

/** A member's card, saved days before the close (in the local Stripe's world, not through the limited API). */
async function savedCard(memberId: string, card: TestCardKind = 'works') {
  const { customerId } = await world.createCustomer({ idempotencyKey: `customer:${memberId}`, metadata: { member_id: memberId } });
  const session = await world.createCardSetupSession({
    idempotencyKey: `setup:${memberId}`,
    customerId,
    currency: 'usd',
    consentText: 'Charged only if the minimum is met.',
    metadata: { member_id: memberId },
    successUrl: 'https://c500.example/ok',
    cancelUrl: 'https://c500.example/no',
    expiresAt: new Date(time.nowMs() + 3_600_000),
  });
  await world.saveCard(session.sessionId, card);
  const setup = await world.readCardSetup(session.sessionId);
  return { customerId, paymentMethodId: setup.paymentMethodId as string };
}

/** A close's charging as the group buy's batches do it: 20 pledges at once, the next 20 as soon as those are answered. */
function close(payments: Payments, groupBuyId: string, cards: Array<{ customerId: string; paymentMethodId: string }>) {
  return asBatchWork(async () => {
    const outcomes: string[] = [];
    for (let start = 0; start < cards.length; start += batchSize) {
      const batch = cards.slice(start, start + batchSize).map((card, i) =>
        time.track(() =>
          payments.chargeOffSession({
            ...card,
            idempotencyKey: `groupbuy-charge:${groupBuyId}:${start + i}`,
            amountCents: 12_500,
            currency: 'usd',
            metadata: { group_buy_id: groupBuyId, pledge_id: `${groupBuyId}:${start + i}` },
          }),
        ),
      );
      outcomes.push(...(await Promise.all(batch)).map((charge) => charge.outcome));
    }
    return outcomes;
  });
}

/** The production adapter with the account's bucket on the real Redis, read on the virtual clock and waiting on it. */
function budgetedPayments(): Payments {
  const key = accountBucketKey(`test:${randomUUID()}:`, secretKey, 'test');
  const bucket = redisBucket(resp.redis, { key, size: stripeWriteBudgetSize('test'), now: time.nowMs });
  return createStripePayments(secretKey, { ...api.endpoint, writeBudget: writeBudget(bucket, time.wait) });
}

/** The most writes that arrived in one second of the local Stripe's clock, as its limiter counts them. */
function mostInOneSecond(atMs: readonly number[]): number {
  const perSecond = new Map<number, number>();
  for (const at of atMs) perSecond.set(Math.floor(at / 1000), (perSecond.get(Math.floor(at / 1000)) ?? 0) + 1);
  return Math.max(...perSecond.values());
}

it('two group buys closing at once never send the local Stripe more writes in one second than its limit, and a person’s checkout goes through meanwhile', async () => {
  const cards = { a: [] as Array<{ customerId: string; paymentMethodId: string }>, b: [] as Array<{ customerId: string; paymentMethodId: string }> };
  for (let i = 0; i < pledgesEach; i++) {
    cards.a.push(await savedCard(`a${i}`));
    cards.b.push(await savedCard(`b${i}`));
  }
  const payments = budgetedPayments();
  const before = api.writes().length;

  const closes = Promise.all([close(payments, 'gbA', cards.a), close(payments, 'gbB', cards.b)]);
  // The person presses a second into the closes, while the batches drain.
  let seenAtPress = 0;
  const pressed = time.track(async () => {
    await time.wait(1_000);
    seenAtPress = api.writes().length - before;
    return payments.createCheckoutSession({
      orderId: 'order-person',
      itemName: 'Tofu65 case',
      amountCents: 4_500,
      currency: 'usd',
      expiresAt: new Date(Date.now() + 3_600_000),
      metadata: { order_id: 'order-person' },
      successUrl: 'https://c500.example/ok',
      cancelUrl: 'https://c500.example/no',
      idempotencyKey: 'checkout:order-person',
    });
  });
  const [[a, b], checkout] = await Promise.all([closes, pressed]);

  const writes = api.writes().slice(before);
  expect([...a, ...b]).toEqual(Array(2 * pledgesEach).fill('succeeded'));
  expect(checkout.url).toEqual(expect.any(String));
  // A second of the budget's refill (less the token kept for a person) was sent before the press.
  expect(seenAtPress).toBeGreaterThanOrEqual(stripeWriteBudgetSize('test').perSecond - 1);
  expect(writes.filter((w) => w.refused)).toEqual([]);
  expect(mostInOneSecond(writes.map((w) => w.atMs))).toBeLessThanOrEqual(stripeWritesPerSecond);
  // The person's write arrived while batch writes were still to come.
  const personAt = writes.findIndex((w) => w.path === '/v1/checkout/sessions');
  expect(personAt).toBeGreaterThanOrEqual(0);
  expect(writes.slice(personAt + 1).some((w) => w.path === '/v1/payment_intents')).toBe(true);
});

it('two closes at once with half the cards needing their buyer stay under the limit, their buyers then confirming on session, and charge every pledge once on one PaymentIntent', async () => {
  const cards = { a: [] as Array<{ customerId: string; paymentMethodId: string }>, b: [] as Array<{ customerId: string; paymentMethodId: string }> };
  for (let i = 0; i < pledgesEach; i++) {
    const card: TestCardKind = i % 2 === 0 ? 'works' : 'authentication_required';
    cards.a.push(await savedCard(`ha${i}`, card));
    cards.b.push(await savedCard(`hb${i}`, card));
  }
  const payments = budgetedPayments();
  const before = api.writes().length;
  const outcomes = await Promise.all([close(payments, 'gbHalfA', cards.a), close(payments, 'gbHalfB', cards.b)]);
  const asked = (await world.listPaymentIntents()).filter((p) => p.status === 'requires_payment_method' && /^gbHalf/.test(String(p.metadata.group_buy_id)));
  // Each buyer the bank wants confirms that very PaymentIntent on their pay page, and passes the bank's step.
  await Promise.all(
    asked.map(async (intent) => {
      const confirmed = await time.track(() => payments.confirmOnSession({ paymentIntentId: intent.id, returnUrl: 'https://c500.example/paid' }));
      if (confirmed.outcome !== 'requires_action') throw new Error(`confirmed as ${confirmed.outcome}`);
      await world.authenticate(intent.id, 'complete');
    }),
  );

  const writes = api.writes().slice(before);
  expect(outcomes.flat().filter((o) => o === 'authentication_required')).toHaveLength(pledgesEach);
  expect(writes.filter((w) => w.refused)).toEqual([]);
  expect(mostInOneSecond(writes.map((w) => w.atMs))).toBeLessThanOrEqual(stripeWritesPerSecond);
  const intents = (await world.listPaymentIntents()).filter((p) => /^gbHalf/.test(String(p.metadata.group_buy_id)));
  const perPledge = new Map<string, string[]>();
  for (const p of intents) perPledge.set(String(p.metadata.pledge_id), [...(perPledge.get(String(p.metadata.pledge_id)) ?? []), p.status]);
  expect(perPledge.size).toBe(2 * pledgesEach);
  expect([...perPledge.values()].filter((statuses) => statuses.join() !== 'succeeded')).toEqual([]);
});
