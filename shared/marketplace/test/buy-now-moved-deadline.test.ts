/**
 * A Buy Now whose session is made minutes after its reservation (the process died as Stripe
 * was asked, and the press was delivered again): the deadline armed at the press can no
 * longer be sent, so the session gets a later one. The expiry task, named once per order,
 * still stands at the first deadline; when it comes it must hand over to a task at the new
 * one. Retried by Cloud Tasks' back-off instead, it would give up within a minute, and the
 * session would never be asked to expire.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { buyNow } from '../use-cases/buy-now';
import { shortIdFrom } from '../../common';
import { expireCheckout, parseCheckoutExpiry, type PaymentModules } from '../../payments';
import { orderPath } from '../../orders';
import { dropPayments } from '../use-cases/drop-payments';
import type { CheckoutRequest, DocumentStore, Payments } from '../../ports';
import { CHANNEL, buyNowDeps, builderWithDrop } from './buy-now-fixtures';
import { buttonPress } from '../../../test/support/interactions';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalPayments } from '../../local/stripe/payments';
import { NamedTaskQueue } from '../../../test/support/named-task-queue';

const BUYER = '800000000000000002';
const t0 = Date.parse('2026-11-22T12:00:00Z');
const minute = 60_000;

async function world() {
  let nowMs = t0;
  const clock = { now: () => new Date(nowMs) };
  const store = new LocalDocumentStore();
  await builderWithDrop(store, 'ready-to-ship', { stock: 1, stockAvailable: 1 });
  // The checkout-expiry queue: 10 attempts, Cloud Tasks' default back-off (0.1 s doubling, at most 3,600 s).
  const queue = new NamedTaskQueue({ maxAttempts: 10, backoffMs: (n) => Math.min(3_600_000, 100 * 2 ** (n - 1)) });
  // Stripe's own rules (the local simulator refuses an expires_at under 30 minutes away, as Stripe does).
  const stripe = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const made: CheckoutRequest[] = [];
  const expired: Array<{ sessionId: string; atMs: number }> = [];
  const payments = {
    createCheckoutSession: async (request: CheckoutRequest) => {
      const session = await stripe.createCheckoutSession(request);
      made.push(request);
      return session;
    },
    expireCheckoutSession: async (sessionId: string) => {
      expired.push({ sessionId, atMs: nowMs });
      return stripe.expireCheckoutSession(sessionId);
    },
  } as unknown as Payments;
  const deps = (over: { store?: DocumentStore; payments?: Payments } = {}) => ({
    ...buyNowDeps(over.store ?? store, queue),
    clock,
    payments: over.payments ?? payments,
  });
  /** Runs every task as Cloud Tasks would until `untilMs`, the clock following each run. */
  const runQueueUntil = async (untilMs: number) => {
    for (let due = queue.due(untilMs)[0]; due; due = queue.due(untilMs)[0]) {
      nowMs = Math.max(nowMs, due.runAtMs);
      const base = { store, discord: new DiscordOutbox(), clock, tasks: queue };
      const modules = { orders: { drop: dropPayments(base) } } as unknown as PaymentModules;
      await queue.deliver(due, nowMs, async (payload) => {
        const task = parseCheckoutExpiry(payload);
        if (!task) throw new Error('an expiry task its own parser refuses');
        await expireCheckout({ ...base, payments, modules }, task);
      });
    }
    nowMs = untilMs;
  };
  return { store, queue, made, expired, deps, runQueueUntil, at: (ms: number) => void (nowMs = ms) };
}

describe('a Buy Now whose session is made after its first deadline could no longer be sent', () => {
  it('has its session asked to expire at the deadline it was made with, and no task given up', async () => {
    const w = await world();
    const press = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
    const orderId = shortIdFrom(`order:${press.id}`);
    // The process dies as Stripe is asked: the reservation and its deadline stand, and the task armed for it.
    let dead = false;
    const store = new Proxy(w.store, { get: (t, key) => (dead ? () => Promise.reject(new Error('killed')) : Reflect.get(t, key)) });
    const dying = { createCheckoutSession: () => ((dead = true), Promise.reject(new Error('killed'))) } as unknown as Payments;
    await expect(buyNow(w.deps({ store, payments: dying }), press)).rejects.toThrow('killed');
    const firstDeadline = Date.parse((await w.store.get(orderPath(orderId)))?.checkoutExpiresAt ?? '');

    // Delivered again five minutes on: the first deadline is under Stripe's 30 minutes away, so the session gets a later one.
    w.at(t0 + 5 * minute);
    await buyNow(w.deps(), press);
    const order = await w.store.get(orderPath(orderId));
    const sessionDeadline = Date.parse(order?.checkoutExpiresAt ?? '');
    expect(sessionDeadline).toBeGreaterThan(firstDeadline + 4 * minute);
    expect(w.made.map((r) => r.expiresAt.getTime())).toEqual([sessionDeadline]);

    await w.runQueueUntil(sessionDeadline + 10 * minute);
    expect(w.expired).toEqual([{ sessionId: order?.checkoutSessionId, atMs: sessionDeadline }]);
    expect([...w.queue.named.values()].map((t) => t.state).filter((s) => s !== 'done')).toEqual([]);
  });

  it('never asks a session to expire before its own deadline, whichever task comes first', async () => {
    const w = await world();
    const press = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
    await buyNow(w.deps(), press);
    const order = await w.store.get(orderPath(shortIdFrom(`order:${press.id}`)));
    const deadline = Date.parse(order?.checkoutExpiresAt ?? '');
    await w.runQueueUntil(deadline - 1);
    expect(w.expired).toEqual([]);
    await w.runQueueUntil(deadline + minute);
    expect(w.expired.map((e) => e.atMs)).toEqual([deadline]);
  });
});
