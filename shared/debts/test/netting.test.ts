/**
 * A builder's debt on the server is paid from their next releases, against the local Stripe:
 * the transfer sends the share less what is owed, and the debt falls by exactly that, once,
 * whether the proof is delivered again, two releases go out at once, or Stripe refuses the
 * release (what it had kept is owed again, and the next attempt keeps it once more).
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { proveOrder } from '../../live/use-cases/prove-order';
import type { Builder, TwitchLink } from '../../onboarding';
import { type StripeEvent } from '../../payments';
import { orderPath, type Order } from '../../orders';
import { recordRefund } from '../../payments/use-cases/record-refund';
import { paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder, journalMoneyOf } from '../../../test/support/orders';
import { recordDebtMove } from '../use-cases/debt-account';
import { debtAccountOf } from '../use-cases/read-debts';

const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const GUILD = 'g';

async function world(debtCents: number) {
  const store = new LocalDocumentStore();
  // Stripe's charge.refunded reaches the webhook's handler at once, once its deps exist (they need these payments).
  const wired: { deps?: ReturnType<typeof paymentDepsFor> } = {};
  let events = 0;
  const sendEvent = async (type: string, object: unknown) => {
    if (type !== 'charge.refunded' || !wired.deps) return;
    const created = Math.floor(clock.now().getTime() / 1000);
    await recordRefund(wired.deps, { id: `evt_${++events}`, type, created, data: { object: object as StripeEvent['data']['object'] } });
  };
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent });
  const { accountId } = await payments.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  for (const orderId of ['o1', 'o2']) {
    const { sessionId } = await payments.createCheckoutSession({
      idempotencyKey: `checkout-${orderId}`,
      orderId,
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
      orderId,
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
    await store.set(orderPath(orderId), order);
  }
  if (debtCents > 0)
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
  const owed = async () => (await debtAccountOf(store, GUILD, 'b'))?.debt.owedCents;
  const sent = async () => (await payments.listTransfers()).map((t) => t.amount).sort((a, b) => a - b);
  /** What the builder's transfers still hold on Stripe, net of reversals. */
  const held = async () => (await payments.listTransfers()).reduce((sum, t) => sum + t.amount - t.amount_reversed, 0);
  const chargeOf = async (id: string) => (await store.get(orderPath(id)))?.chargeId as string;
  return { store, payments, accountId, builder, deps, owed, sent, held, chargeOf, order: async (id: string) => store.get(orderPath(id)) };
}

describe('a release to a builder who owes C500 on the server', () => {
  it('sends the share less the debt and lowers the debt by exactly that, once however often the proof is delivered', async () => {
    const w = await world(5_000);
    await w.payments.completeOnboarding(w.accountId);
    expect(await proveOrder(w.deps, w.builder, 'o1', {}, 'i1')).toMatchObject({ ok: true });
    await proveOrder(w.deps, w.builder, 'o1', {}, 'i1');
    expect(await w.sent()).toEqual([17_500]);
    expect(await w.owed()).toBe(0);
    expect((await journalMoneyOf(w.store, 'o1')).builder).toMatchObject({ sentCents: 17_500, nettedCents: 5_000 });
    const entries = (await debtAccountOf(w.store, GUILD, 'b'))?.entries ?? [];
    expect(entries.filter((e) => e.kind === 'netted')).toEqual([expect.objectContaining({ orderId: 'o1', amountCents: 5_000 })]);
  });

  it('nets a debt larger than the share over several releases, never below zero, leaving one cent to send', async () => {
    const w = await world(30_000);
    await w.payments.completeOnboarding(w.accountId);
    await proveOrder(w.deps, w.builder, 'o1', {});
    expect(await w.owed()).toBe(30_000 - 22_499);
    await proveOrder(w.deps, w.builder, 'o2', {});
    expect(await w.sent()).toEqual([1, 22_500 - (30_000 - 22_499)]);
    expect(await w.owed()).toBe(0);
  });

  it('nets the debt once in all when two releases go out at once', async () => {
    const w = await world(5_000);
    await w.payments.completeOnboarding(w.accountId);
    await Promise.all([proveOrder(w.deps, w.builder, 'o1', {}), proveOrder(w.deps, w.builder, 'o2', {})]);
    expect(await w.sent()).toEqual([17_500, 22_500]);
    expect(await w.owed()).toBe(0);
  });

  it('owes again what a refused release had kept, and the next attempt keeps it once more', async () => {
    const w = await world(5_000);
    expect(await proveOrder(w.deps, w.builder, 'o1', {})).toMatchObject({ ok: false, refusal: 'release-refused' });
    expect(await w.owed()).toBe(5_000);
    await w.payments.completeOnboarding(w.accountId);
    expect(await proveOrder(w.deps, w.builder, 'o1', {})).toMatchObject({ ok: true });
    expect(await w.sent()).toEqual([17_500]);
    expect(await w.owed()).toBe(0);
    const kinds = ((await debtAccountOf(w.store, GUILD, 'b'))?.entries ?? []).map((e) => e.kind).sort();
    expect(kinds).toEqual(['netted', 'netted', 'netting-undone', 'refused-reversal']);
  });

  it('sends the whole share to a builder who owes nothing', async () => {
    const w = await world(0);
    await w.payments.completeOnboarding(w.accountId);
    await proveOrder(w.deps, w.builder, 'o1', {});
    expect(await w.sent()).toEqual([22_500]);
    expect((await journalMoneyOf(w.store, 'o1')).builder.nettedCents).toBe(0);
  });
});

/**
 * A refund after a netted release (issue 60): the release sent the share less the builder's
 * old debt, so its transfer holds less than the share. The refund reverses what the transfer
 * still holds and records only the rest as debt, rather than asking Stripe for more than the
 * transfer holds (which Stripe refuses whole) and making all of it a debt.
 */
describe('a refund after a release that netted a debt', () => {
  it('reverses the cent the transfer holds and owes only the rest again', async () => {
    const w = await world(30_000);
    await w.payments.completeOnboarding(w.accountId);
    await proveOrder(w.deps, w.builder, 'o1', {});
    expect({ sent: await w.held(), owed: await w.owed() }).toEqual({ sent: 1, owed: 30_000 - 22_499 });
    await w.payments.refundCharge(await w.chargeOf('o1'), 25_000);
    expect(await w.held()).toBe(0);
    expect(await w.owed()).toBe(30_000);
  });

  it('reverses what the transfer holds when the refund is partial and the transfer holds enough', async () => {
    const w = await world(5_000);
    await w.payments.completeOnboarding(w.accountId);
    await proveOrder(w.deps, w.builder, 'o1', {});
    expect(await w.held()).toBe(17_500);
    await w.payments.refundCharge(await w.chargeOf('o1'), 10_000);
    expect(await w.held()).toBe(17_500 - 9_000);
    expect(await w.owed()).toBe(0);
  });
});
