/**
 * `radar.early_fraud_warning.*` against the local Stripe: an order whose money is all held is
 * refunded in full once, however often and in whatever order the warning's events come; a
 * server that reviews by hand keeps the order held; one released or refunded already is left
 * as it is; the builder and the server's admin hear why, once.
 */
import fc from 'fast-check';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { docPath } from '../../ports';
import { handleStripeEvent } from '../use-cases/handle-stripe-event';
import { type Order } from '../../orders';
import { orderPath } from '../../orders';
import { releaseHold } from '../rules/dispute-rules';
import type { StripeEvent } from '../rules/stripe-event';
import { paidCharge, paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder, refundInJournal } from '../../../test/support/orders';
import { withRefunds } from '../../journal';

const GUILD = '900000000000000001';
const ADMIN = '800000000000000011';
const BUILDER = '800000000000000021';
const BUYER = '800000000000000031';
const clock = { now: () => new Date('2026-11-22T12:00:00Z') };

async function world({ refundedCents, ...order }: Partial<Order> & { refundedCents?: number } = {}, settings: { fraudAutoRefund?: boolean } = {}) {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  let events = 0;
  const payments = new LocalPayments({
    store,
    baseUrl: 'http://local',
    clock,
    sendEvent: async (type, object) => {
      if (type !== 'charge.refunded') return;
      await handleStripeEvent(deps, { id: `evt_refund_${++events}`, type, created: 2, data: { object: object as StripeEvent['data']['object'] } });
    },
  });
  const deps = paymentDepsFor({ store, discord, payments, clock });
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'k3v9m2qa');
  await store.set(docPath<{ configuredBy: string; payments: { fraudAutoRefund?: boolean } }>(`guilds/${GUILD}`), { configuredBy: ADMIN, payments: settings });
  await store.set(
    orderPath('k3v9m2qa'),
    anOrder({
      orderId: 'k3v9m2qa',
      guildId: GUILD,
      buyerId: BUYER,
      builderId: BUILDER,
      amountCents: 25_000,
      platformFeeCents: 2_500,
      builderShareCents: 22_500,
      status: 'paid',
      paymentIntentId,
      chargeId,
      ...order,
    }),
  );
  if (refundedCents) await refundInJournal(store, { orderId: 'k3v9m2qa', guildId: GUILD, currency: 'usd', chargeId }, refundedCents);
  /** A `radar.early_fraud_warning.*` event as Stripe sends it (`Radar.EarlyFraudWarning` in `data.object`). */
  const warning = (id: string, type: 'created' | 'updated', created: number, actionable: boolean): StripeEvent => ({
    id,
    object: 'event',
    type: `radar.early_fraud_warning.${type}`,
    created,
    livemode: false,
    api_version: '2025-08-27.basil',
    data: {
      object: {
        id: 'issfr_1',
        object: 'radar.early_fraud_warning',
        actionable,
        charge: chargeId,
        created: 100,
        fraud_type: 'made_with_stolen_card',
        livemode: false,
        payment_intent: paymentIntentId,
      },
    },
  });
  return {
    deps,
    payments,
    warning,
    order: async () => withRefunds(store, (await store.get(orderPath('k3v9m2qa'))) as Order),
    dmsTo: (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => e.message.content ?? ''),
  };
}

describe('an early fraud warning on an order', () => {
  it('refunds an order whose money is all held in full, once, and tells the buyer, the builder and the admin', async () => {
    const w = await world();
    await handleStripeEvent(w.deps, w.warning('evt_1', 'created', 100, true));
    await handleStripeEvent(w.deps, w.warning('evt_1', 'created', 100, true));
    await handleStripeEvent(w.deps, w.warning('evt_2', 'updated', 110, false));
    expect((await w.payments.listRefunds()).map((r) => r.amount)).toEqual([25_000]);
    expect(await w.order()).toMatchObject({ status: 'refunded', refundedCents: 25_000, fraudWarning: { outcome: 'refunded', actionable: false } });
    expect(w.dmsTo(BUYER)).toEqual([expect.stringContaining('refunded in full')]);
    expect(w.dmsTo(BUILDER)).toEqual([expect.stringContaining('refunded in full')]);
    expect(w.dmsTo(ADMIN)).toEqual([expect.stringContaining('C500 refunded it in full')]);
  });

  it('holds the order for the admin’s review when the server turned the refund off: no refund, every release waits', async () => {
    const w = await world({}, { fraudAutoRefund: false });
    await handleStripeEvent(w.deps, w.warning('evt_1', 'created', 100, true));
    expect(await w.payments.listRefunds()).toEqual([]);
    const order = await w.order();
    expect(order.fraudWarning).toMatchObject({ outcome: 'held-for-review', actionable: true });
    expect(releaseHold(order)).toBe('fraud-warning');
    expect(w.dmsTo(ADMIN)).toEqual([expect.stringContaining('held for your review')]);
    expect(w.dmsTo(BUILDER)).toEqual([expect.stringContaining('stays held')]);
  });

  it('refunds nothing once the money went out, and tells the admin', async () => {
    const w = await world({ status: 'building', payouts: { builder: { transferId: 'tr_1', releasedAt: '2026-11-22T11:00:00Z' } } });
    await handleStripeEvent(w.deps, w.warning('evt_1', 'created', 100, true));
    expect(await w.payments.listRefunds()).toEqual([]);
    expect((await w.order()).fraudWarning?.outcome).toBe('after-release');
    expect(w.dmsTo(ADMIN)).toEqual([expect.stringContaining('nothing was refunded')]);
  });

  it('does nothing for an order refunded already, and tells nobody', async () => {
    const w = await world({ status: 'refunded', refundedCents: 25_000 });
    await handleStripeEvent(w.deps, w.warning('evt_1', 'created', 100, true));
    expect(await w.payments.listRefunds()).toEqual([]);
    expect((await w.order()).fraudWarning?.outcome).toBe('after-refund');
    expect([...w.dmsTo(ADMIN), ...w.dmsTo(BUILDER), ...w.dmsTo(BUYER)]).toEqual([]);
  });

  it('ends the same for any order of arrival and redelivery of the warning’s events: one full refund, the outcome first decided', async () => {
    const deliveries = ['created', 'updated', 'created-again'] as const;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...deliveries), { minLength: 1, maxLength: 5 }), fc.boolean(), async (sequence, autoRefund) => {
        const w = await world({}, { fraudAutoRefund: autoRefund });
        for (const delivery of sequence) {
          const event =
            delivery === 'updated'
              ? w.warning('evt_u', 'updated', 110, !autoRefund)
              : w.warning(delivery === 'created' ? 'evt_c' : 'evt_c2', 'created', 100, true);
          await handleStripeEvent(w.deps, event);
        }
        const refunds = (await w.payments.listRefunds()).map((r) => r.amount);
        const order = await w.order();
        // An `updated` alone says not actionable (refunded or disputed elsewhere) only in the review world; the outcome is still fixed at first sight.
        expect(refunds).toEqual(autoRefund ? [25_000] : []);
        expect(order.fraudWarning?.outcome).toBe(autoRefund ? 'refunded' : 'held-for-review');
        expect(w.dmsTo(BUILDER)).toHaveLength(1);
        expect(w.dmsTo(ADMIN)).toHaveLength(1);
        expect(w.dmsTo(BUYER)).toHaveLength(autoRefund ? 1 : 0);
      }),
      { numRuns: 12 },
    );
  });
});
