/**
 * A refund after a netted release (issue 60): the release sent the share less the builder's
 * old debt, so its transfer holds less than the share. The refund reverses what the transfer
 * still holds and records only the rest as debt, rather than asking Stripe for more than the
 * transfer holds (which Stripe refuses whole) and making all of it a debt.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { proveOrder } from '../../live/use-cases/prove-order';
import type { Builder, TwitchLink } from '../../onboarding';
import { orderPath, type Order, type StripeEvent } from '../../payments';
import { recordRefund } from '../../payments/use-cases/record-refund';
import { paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder } from '../../../test/support/orders';
import { recordDebtMove } from '../use-cases/debt-account';
import { debtAccountOf } from '../use-cases/read-debts';

const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const GUILD = 'g';

async function nettedRelease(debtCents: number) {
  const store = new LocalDocumentStore();
  // The webhook's handler, once its deps exist (they need the payments made here).
  const wired: { deps?: ReturnType<typeof paymentDepsFor> } = {};
  let events = 0;
  const payments = new LocalPayments({
    store,
    baseUrl: 'http://local',
    clock,
    sendEvent: async (type, object) => {
      if (type !== 'charge.refunded' || !wired.deps) return;
      const event: StripeEvent = {
        id: `evt_${++events}`,
        type,
        created: Math.floor(clock.now().getTime() / 1000),
        data: { object: object as StripeEvent['data']['object'] },
      };
      await recordRefund(wired.deps, event);
    },
  });
  const { accountId } = await payments.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await payments.completeOnboarding(accountId);
  const { sessionId } = await payments.createCheckoutSession({
    idempotencyKey: 'checkout-o1',
    orderId: 'o1',
    itemName: 'Tofu65',
    amountCents: 25_000,
    currency: 'usd',
    expiresAt: new Date('2026-11-22T13:00:00Z'),
    metadata: {},
    successUrl: 's',
    cancelUrl: 'c',
  });
  const paid = await payments.paySession(sessionId);
  const paymentIntentId = paid.result === 'changed' ? String(paid.object.payment_intent) : '';
  const { chargeId } = await payments.chargeOfPayment(paymentIntentId);
  const order: Order = anOrder({
    orderId: 'o1',
    sourceId: 'd1',
    dropKind: 'commission',
    guildId: GUILD,
    builderId: 'b',
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    status: 'paid',
    paymentIntentId,
    chargeId,
  });
  await store.set(orderPath('o1'), order);
  await recordDebtMove(store, {
    guildId: GUILD,
    userId: 'b',
    entryId: 'refused:reverse:o0:25000',
    kind: 'refused-reversal',
    orderId: 'o0',
    amountCents: debtCents,
    currency: 'usd',
    reason: 'order o0 was refunded and Stripe could not reverse your transfer',
    at: clock.now().toISOString(),
  });
  const builder: Builder & { twitch: TwitchLink } = {
    discordUserId: 'b',
    displayName: 'B',
    stripeAccountId: accountId,
    twitch: { userId: 't', login: 'bkeebs', displayName: 'B', linkedAt: clock.now().toISOString() },
  };
  const deps = paymentDepsFor({ store, discord: new DiscordOutbox(), payments, clock });
  wired.deps = deps;
  expect(await proveOrder(deps, builder, 'o1', {})).toMatchObject({ ok: true });
  const owed = async () => (await debtAccountOf(store, GUILD, 'b'))?.debt.owedCents;
  const held = async () => (await payments.listTransfers()).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
  return { payments, chargeId, owed, held };
}

describe('a refund after a release that netted a debt', () => {
  it('reverses the cent the transfer holds and owes only the rest again', async () => {
    const w = await nettedRelease(30_000);
    expect({ sent: await w.held(), owed: await w.owed() }).toEqual({ sent: 1, owed: 30_000 - 22_499 });
    await w.payments.refundCharge(w.chargeId, 25_000);
    expect(await w.held()).toBe(0);
    expect(await w.owed()).toBe(30_000);
  });

  it('reverses what the transfer holds when the refund is partial and the transfer holds enough', async () => {
    const w = await nettedRelease(5_000);
    expect(await w.held()).toBe(17_500);
    await w.payments.refundCharge(w.chargeId, 10_000);
    expect(await w.held()).toBe(17_500 - 9_000);
    expect(await w.owed()).toBe(0);
  });
});
