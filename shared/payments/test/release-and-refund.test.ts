/**
 * Releasing a paid order to its builder, and taking the builder's part back after a
 * refund, against the local simulator: it refuses transfers as Stripe does (no transfers
 * capability, more than the charge has left), replays a refusal under its key, and
 * refuses a reversal the account's balance cannot cover.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import type { LocalCharge } from '../../local/stripe/objects';
import { proveOrder } from '../../live/use-cases/prove-order';
import { recordRefund } from '../use-cases/record-refund';
import type { Builder, TwitchLink } from '../../onboarding';
import { ordersVerified } from '../../live/rules/live-messages';
import { type Order } from '../../orders';
import { orderPath } from '../../orders';
import type { Payments } from '../../ports';
import { paidCharge, paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder, journalDebtsOf, journalMoneyOf } from '../../../test/support/orders';

const clock = { now: () => new Date('2026-11-22T12:00:00Z') };

async function world() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const charges: LocalCharge[] = [];
  const payments = new LocalPayments({
    store,
    baseUrl: 'http://local',
    clock,
    sendEvent: async (type, object) => void (type === 'charge.refunded' && charges.push(object as LocalCharge)),
  });
  const { accountId } = await payments.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'o1');
  const order: Order = anOrder({
    sourceId: 'd1',
    dropKind: 'commission',
    guildId: 'g',
    builderId: 'b',
    builderName: 'B',
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    status: 'paid',
    createdAt: clock.now().toISOString(),
    paymentIntentId,
    chargeId,
  });
  await store.set(orderPath('o1'), order);
  const builder: Builder & { twitch: TwitchLink } = {
    discordUserId: 'b',
    displayName: 'B',
    stripeAccountId: accountId,
    twitch: { userId: 't', login: 'bkeebs', displayName: 'B', linkedAt: clock.now().toISOString() },
  };
  const deps = paymentDepsFor({ store, discord, payments, clock });
  const refund = async (cents: number, id: string) => {
    await payments.refundCharge(chargeId, cents);
    const charge = charges.at(-1) as LocalCharge;
    await recordRefund(deps, { id, type: 'charge.refunded', created: 1, data: { object: charge as unknown as LocalCharge & { [field: string]: unknown } } });
  };
  return { store, discord, payments, accountId, chargeId, builder, deps, refund, order: () => store.get(orderPath('o1')) };
}

describe('releasing an order’s money to its builder', () => {
  it('refuses to prove a giveaway’s prize, which holds no money, and sends the sponsor to /c500 ship instead', async () => {
    const w = await world();
    await w.store.update(orderPath('o1'), { source: 'giveaway', amountCents: 0, platformFeeCents: 0, builderShareCents: 0 });

    expect(await proveOrder(w.deps, w.builder, 'o1', {})).toMatchObject({ ok: false, refusal: 'prize' });
    expect((await w.order())?.status).toBe('paid');
    expect((await w.order())?.payouts.builder.transferId).toBeUndefined();
  });

  it('keeps the order releasable and tells the builder what to do when Stripe refuses the transfer, and releases it once when they run it again', async () => {
    const w = await world();
    const refused = await proveOrder(w.deps, w.builder, 'o1', {});
    expect(refused).toMatchObject({ ok: false, refusal: 'release-refused', detail: expect.stringContaining('transfers') });
    expect(await w.order()).toMatchObject({ status: 'paid', releaseAttempts: 1, proofUrl: null });
    expect(w.discord.entries.filter((e) => e.kind === 'dm')).toHaveLength(0);
    expect(ordersVerified([refused], 'https://twitch.tv/bkeebs').content).toContain('/c500 onboard');

    // The builder finishes Stripe's requirements: the old key would replay the refusal, the next attempt's goes through.
    await w.payments.completeOnboarding(w.accountId);
    expect(await proveOrder(w.deps, w.builder, 'o1', {})).toMatchObject({ ok: true, releasedLabel: '$225.00' });
    expect(await proveOrder(w.deps, w.builder, 'o1', {})).toMatchObject({ ok: false, refusal: 'already-verified' });
    expect(await w.payments.listTransfers()).toEqual([expect.objectContaining({ amount: 22_500 })]);
    expect(await w.order()).toMatchObject({ status: 'building', payouts: { builder: { transferId: expect.stringMatching(/^tr_local_/) } } });
  });

  it('releases only the builder’s part of what a partial refund left, which Stripe would not exceed', async () => {
    const w = await world();
    await w.payments.completeOnboarding(w.accountId);
    await w.refund(5_000, 'evt_r1');
    expect(await proveOrder(w.deps, w.builder, 'o1', {})).toMatchObject({ ok: true, releasedLabel: '$180.00' });
  });
});

describe('a refund after the release', () => {
  it('reverses the builder’s part in proportion, once per refunded total, however often or late Stripe delivers it', async () => {
    const w = await world();
    await w.payments.completeOnboarding(w.accountId);
    await proveOrder(w.deps, w.builder, 'o1', {});
    await w.refund(10_000, 'evt_r1');
    await w.refund(15_000, 'evt_r2');
    expect((await w.payments.listReversals()).map((r) => r.amount).reverse()).toEqual([9_000, 13_500]);
    expect(await w.order()).toMatchObject({ status: 'refunded', payouts: { builder: { refundCoveredCents: 25_000 } } });
    expect((await journalMoneyOf(w.store, 'o1')).builder.reversedCents).toBe(22_500);
    // A redelivery of the first, older total changes nothing.
    const first = {
      id: 'acct-free',
      object: 'charge',
      payment_intent: (await w.order())?.paymentIntentId,
      amount: 25_000,
      amount_refunded: 10_000,
      refunded: false,
    };
    await recordRefund(w.deps, { id: 'evt_r1', type: 'charge.refunded', created: 1, data: { object: first } });
    expect(await w.payments.listReversals()).toHaveLength(2);
  });

  it('records what Stripe will not reverse as the builder’s debt when their balance is already paid out', async () => {
    const w = await world();
    await w.payments.completeOnboarding(w.accountId);
    await proveOrder(w.deps, w.builder, 'o1', {});
    await w.payments.payOutBalance(w.accountId);
    await w.refund(25_000, 'evt_r1');
    expect(await w.payments.listReversals()).toHaveLength(0);
    expect(await w.order()).toMatchObject({ status: 'refunded', payouts: { builder: { refundCoveredCents: 25_000 } } });
    expect((await journalDebtsOf(w.store, 'o1')).builderDebt).toBe(22_500);
  });
});

/** Stripe's stand-in, whose `method` calls go through `wrap` (handed the call itself). */
function around(payments: LocalPayments, method: string, wrap: (call: () => Promise<unknown>) => Promise<unknown>): LocalPayments {
  return new Proxy(payments, {
    get(target, name, receiver) {
      const value = Reflect.get(target, name, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (name !== method) return value.bind(target);
      return (...args: unknown[]) => wrap(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}

/** Stripe's stand-in, whose next `method` call does its work and then loses the answer (a timeout), and runs `meanwhile` first. */
function losingNextAnswer(
  payments: LocalPayments,
  method: 'createTransfer' | 'reverseTransfer',
  meanwhile: () => Promise<void> = async () => undefined,
): Payments {
  let lose = true;
  return around(payments, method, async (call) => {
    const answer = await call();
    if (!lose) return answer;
    lose = false;
    await meanwhile();
    throw Object.assign(new Error('Request timed out'), { type: 'StripeConnectionError' });
  });
}

describe('a Stripe answer lost on the way back', () => {
  it('releases the same amount under the same key when a refund lands before the retry, and takes the refund’s part back after', async () => {
    const w = await world();
    await w.payments.completeOnboarding(w.accountId);
    const flaky = { ...w.deps, payments: losingNextAnswer(w.payments, 'createTransfer', () => w.refund(5_000, 'evt_meanwhile')) };
    await expect(proveOrder(flaky, w.builder, 'o1', {})).rejects.toThrow('timed out');
    // The command comes back: Stripe replays the transfer it made, the refund's part is reversed.
    expect(await proveOrder(flaky, w.builder, 'o1', {})).toMatchObject({ ok: true, releasedLabel: '$225.00' });
    expect((await w.payments.listTransfers()).map((t) => [t.amount, t.amount_reversed])).toEqual([[22_500, 4_500]]);
    expect(await w.order()).toMatchObject({
      payouts: { builder: { transferId: expect.any(String), refundCoveredCents: 5_000, releasing: null } },
    });
  });

  it('finishes a refund’s reversal whose answer was lost right after the release when the proof comes again, so the journal holds what Stripe took', async () => {
    const w = await world();
    await w.payments.completeOnboarding(w.accountId);
    // A refund lands while the transfer is asked for; the reversal the release then fixes is made, its answer lost.
    let refunded = false;
    const refundDuringTransfer = around(w.payments, 'createTransfer', async (call) => {
      const answer = await call();
      if (!refunded) {
        refunded = true;
        await w.refund(5_000, 'evt_meanwhile');
      }
      return answer;
    });
    const flaky = { ...w.deps, payments: losingNextAnswer(refundDuringTransfer, 'reverseTransfer') };
    await expect(proveOrder(flaky, w.builder, 'o1', {}, 'live-1')).rejects.toThrow('timed out');
    // The same `/c500 live`, delivered again: the release is done, and the reversal it left unanswered is finished.
    expect(await proveOrder(flaky, w.builder, 'o1', {}, 'live-1')).toMatchObject({ ok: true });
    expect((await w.payments.listTransfers()).map((t) => [t.amount, t.amount_reversed])).toEqual([[22_500, 4_500]]);
    expect((await w.order())?.pendingReversals ?? []).toEqual([]);
    expect((await journalMoneyOf(w.store, 'o1')).builder).toMatchObject({ sentCents: 22_500, reversedCents: 4_500 });
  });

  it('reverses a refund’s part once when the reversal’s answer is lost and the refund comes back', async () => {
    const w = await world();
    await w.payments.completeOnboarding(w.accountId);
    await proveOrder(w.deps, w.builder, 'o1', {});
    await w.payments.refundCharge(w.chargeId, 10_000);
    const flaky = { ...w.deps, payments: losingNextAnswer(w.payments, 'reverseTransfer') };
    const charge = {
      id: w.chargeId,
      object: 'charge',
      payment_intent: (await w.order())?.paymentIntentId,
      amount: 25_000,
      amount_refunded: 10_000,
      refunded: false,
    };
    const event = { id: 'evt_r1', type: 'charge.refunded', created: 1, data: { object: charge } };
    await expect(recordRefund(flaky, event)).rejects.toThrow('timed out');
    await recordRefund(flaky, event);
    expect((await w.payments.listReversals()).map((r) => r.amount)).toEqual([9_000]);
    expect(await w.order()).toMatchObject({ payouts: { builder: { refundCoveredCents: 10_000 } }, pendingReversals: [] });
    expect((await journalMoneyOf(w.store, 'o1')).builder.reversedCents).toBe(9_000);
  });

  it('takes each of two refunds handled at once back once, never the same part twice', async () => {
    const w = await world();
    await w.payments.completeOnboarding(w.accountId);
    await proveOrder(w.deps, w.builder, 'o1', {});
    const pi = (await w.order())?.paymentIntentId;
    const refunded = (cents: number) => ({ id: w.chargeId, object: 'charge', payment_intent: pi, amount: 25_000, amount_refunded: cents, refunded: false });
    await w.payments.refundCharge(w.chargeId, 10_000);
    await w.payments.refundCharge(w.chargeId, 5_000);
    await Promise.all([
      recordRefund(w.deps, { id: 'evt_a', type: 'charge.refunded', created: 1, data: { object: refunded(10_000) } }),
      recordRefund(w.deps, { id: 'evt_b', type: 'charge.refunded', created: 2, data: { object: refunded(15_000) } }),
    ]);
    const reversed = (await w.payments.listReversals()).reduce((sum, r) => sum + r.amount, 0);
    // 22,500 of 25,000 was released; 15,000 refunded takes back 13,500, whichever event is handled first.
    expect(reversed).toBe(13_500);
    expect(await w.order()).toMatchObject({ payouts: { builder: { refundCoveredCents: 15_000 } } });
    expect((await journalMoneyOf(w.store, 'o1')).builder.reversedCents).toBe(13_500);
  });
});
