/**
 * What real Stripe refuses and writes, held of the local Stripe whoever asks it: the port
 * in-process, or stripe-node (the production adapter) over HTTP against the local Stripe's API
 * server. A refund of a charged-back charge, a reversal from an account that revoked the
 * platform and an amount outside Stripe's bounds are refused with Stripe's codes; a payout the
 * bank sends back is on the account's balance again; every write shares Stripe's limit; the
 * platform's payouts and Connect's fees are lines of its balance as Stripe writes them.
 */
import type { PaymentRefused } from '../../shared/errors';
import type { BalanceTransactionLine, CheckoutRequest, Payments, TransferRequest } from '../../shared/ports';
import type { LocalPayments } from '../../shared/local/stripe/payments';
import type { LocalPayout } from '../../shared/local/stripe/objects';

export const baseUrl = 'http://127.0.0.1:8080';
/** A Monday in November, so a month's bill and a two-day wait stay inside it. */
export const startsAt = new Date('2026-11-02T12:00:00Z');
const day = 24 * 60 * 60 * 1000;

export interface StrictStripeUnderTest {
  payments: Payments;
  /** The local Stripe behind it: the buyer's, the bank's and Stripe's own steps. */
  world: LocalPayments;
  /** The types of the events it sent, in order, with the account a Connect event names. */
  events: Array<{ type: string; account?: string }>;
  advance(ms: number): void;
  now(): Date;
  /**
   * Makes `write` past Stripe's limit and answers what came of it: in-process the port throws
   * Stripe's 429 and the caller tries again a second later; over HTTP the adapter waits the
   * 429 out itself. `limited` says a 429 was met on the way.
   */
  writePastLimit<T>(write: () => Promise<T>): Promise<{ limited: boolean; made: T }>;
  /** The platform's (or `account`'s) payouts as the one under test reads them: the world's list, or `GET /v1/payouts`. */
  payouts(account?: string): Promise<LocalPayout[]>;
  cleanup(): Promise<void>;
}

export type MakeStrictStripe = (options: { writesPerSecond?: number }) => Promise<StrictStripeUnderTest>;

let orders = 0;
const checkout = (over: Partial<CheckoutRequest> = {}): CheckoutRequest => {
  const orderId = `o${++orders}`;
  return {
    idempotencyKey: `checkout:${orderId}`,
    orderId,
    itemName: 'Tofu65 build',
    amountCents: 40_000,
    currency: 'usd',
    expiresAt: new Date(startsAt.getTime() + 60 * 60_000),
    metadata: { order_id: orderId },
    successUrl: `${baseUrl}/checkout/done`,
    cancelUrl: `${baseUrl}/checkout/cancelled`,
    ...over,
  };
};

async function paidCharge(under: StrictStripeUnderTest, over: Partial<CheckoutRequest> = {}): Promise<string> {
  const { sessionId } = await under.payments.createCheckoutSession(checkout(over));
  const paid = await under.world.paySession(sessionId);
  if (paid.result !== 'changed' || !paid.object.payment_intent) throw new Error('not paid');
  return (await under.payments.chargeOfPayment(paid.object.payment_intent)).chargeId;
}

async function onboarded(under: StrictStripeUnderTest, builderId: string): Promise<string> {
  const { accountId } = await under.payments.createConnectedAccount({
    builderId,
    country: 'US',
    serviceAgreement: 'full',
    idempotencyKey: `connect:${builderId}`,
  });
  await under.world.completeOnboarding(accountId);
  return accountId;
}

const transferOf = (chargeId: string, destination: string, amountCents: number, key: string): TransferRequest => ({
  idempotencyKey: key,
  amountCents,
  currency: 'usd',
  destination,
  sourceTransaction: chargeId,
  transferGroup: key,
  metadata: {},
});

/** What a promise was refused with, as the tests compare it. */
async function refusalOf(attempt: Promise<unknown>): Promise<{ name: string; stripeCode?: string; message: string }> {
  try {
    await attempt;
  } catch (error) {
    const { name, stripeCode, message } = error as PaymentRefused;
    return { name, message, ...(stripeCode ? { stripeCode } : {}) };
  }
  throw new Error('it was not refused');
}

/** The platform's ledger as the port reads it, from the start of the test to the clock's now. */
async function ledger(under: StrictStripeUnderTest): Promise<BalanceTransactionLine[]> {
  const read = under.payments.listBalanceTransactions?.bind(under.payments);
  if (!read) throw new Error('the port reads no ledger');
  return read({ from: new Date(startsAt.getTime() - day), to: new Date(under.now().getTime() + 1000) });
}

export function describeStrictStripeContract(name: string, make: MakeStrictStripe): void {
  describe(name, () => {
    let under: StrictStripeUnderTest;
    beforeEach(async () => {
      under = await make({});
    });
    afterEach(() => under.cleanup());

    describe('an idempotency key used again with other parameters', () => {
      it('is refused for a transfer, a reversal, a refund and a checkout, as Stripe refuses it (400 idempotency_error), and nothing is made twice', async () => {
        const chargeId = await paidCharge(under);
        const account = await onboarded(under, 'b-keys');
        const before = { order_id: 'o-keys', builder_pseudonym: 'ps_fedcba9876543210fedcba9876543210' };
        const after = { order_id: 'o-keys', builder_pseudonym: 'ps_0123456789abcdef0123456789abcdef' };
        const transfer = (metadata: Record<string, string>) =>
          under.payments.createTransfer({ ...transferOf(chargeId, account, 9_000, 'release:o-keys'), metadata });
        const { transferId } = await transfer(before);
        await expect(transfer(after)).rejects.toThrow(/parameters/);
        expect(await transfer(before)).toEqual({ transferId });
        const reverse = (metadata: Record<string, string>) =>
          under.payments.reverseTransfer({ idempotencyKey: 'reverse:o-keys', transferId, amountCents: 1_000, metadata });
        await reverse(before);
        await expect(reverse(after)).rejects.toThrow(/parameters/);
        const refund = (metadata: Record<string, string>) =>
          under.payments.refund({ idempotencyKey: 'refund:o-keys:1', chargeId, amountCents: 1_000, metadata });
        await refund({ order_id: 'o-keys', given_by_pseudonym: before.builder_pseudonym });
        await expect(refund({ order_id: 'o-keys', given_by_pseudonym: after.builder_pseudonym })).rejects.toThrow(/parameters/);
        const session = checkout({ idempotencyKey: 'checkout:o-keys', metadata: { order_id: 'o-keys', buyer_pseudonym: before.builder_pseudonym } });
        await under.payments.createCheckoutSession(session);
        await expect(
          under.payments.createCheckoutSession({ ...session, metadata: { order_id: 'o-keys', buyer_pseudonym: after.builder_pseudonym } }),
        ).rejects.toThrow(/parameters/);
        expect([(await under.world.listTransfers()).length, (await under.world.listReversals()).length, (await under.world.listRefunds()).length]).toEqual([
          1, 1, 1,
        ]);
        expect((await under.world.listSessions()).filter((s) => s.metadata.order_id === 'o-keys')).toHaveLength(1);
      });
    });

    describe('a refund of a charged-back charge', () => {
      it('is refused with Stripe’s charge_disputed while the chargeback is open and once it is lost, replayed under its key, and nothing is refunded', async () => {
        const chargeId = await paidCharge(under);
        const opened = await under.world.openDispute(chargeId, { reason: 'fraudulent' });
        if (opened.result !== 'changed') throw new Error('no dispute');
        const refund = (key: string) => under.payments.refund({ idempotencyKey: key, chargeId, amountCents: 1_000, metadata: {} });
        const refused = { name: 'PaymentRefused', stripeCode: 'charge_disputed', message: `Charge ${chargeId} has been charged back; cannot issue a refund.` };
        expect(await refusalOf(refund('refund:while-open'))).toEqual(refused);
        await under.world.closeDispute(opened.object.id, 'lost');
        expect(await refusalOf(refund('refund:once-lost'))).toEqual(refused);
        expect(await refusalOf(refund('refund:while-open'))).toEqual(refused);
        expect(await under.world.listRefunds()).toEqual([]);
        expect(await under.payments.refundedOfCharge(chargeId)).toBe(0);
      });

      it('is refused from Stripe’s dashboard as from the API, and goes through once the chargeback is won', async () => {
        const chargeId = await paidCharge(under);
        const opened = await under.world.openDispute(chargeId, { reason: 'product_not_received', amountCents: 30_000 });
        if (opened.result !== 'changed') throw new Error('no dispute');
        expect(await refusalOf(under.world.refundCharge(chargeId, 10_000))).toMatchObject({ stripeCode: 'charge_disputed' });
        await under.world.closeDispute(opened.object.id, 'won');
        expect(await under.payments.refund({ idempotencyKey: 'refund:won', chargeId, amountCents: 10_000, metadata: {} })).toMatchObject({
          chargeRefundedCents: 10_000,
        });
        expect(await under.world.refundCharge(chargeId, 5_000)).toMatchObject({ result: 'changed', object: { amount_refunded: 15_000 } });
      });

      it('goes through during an inquiry, which withdrew nothing and which a refund settles', async () => {
        const chargeId = await paidCharge(under);
        await under.world.openDispute(chargeId, { reason: 'fraudulent', inquiry: true });
        expect(await under.payments.refund({ idempotencyKey: 'refund:inquiry', chargeId, amountCents: 40_000, metadata: {} })).toMatchObject({
          chargeRefundedCents: 40_000,
        });
      });
    });

    describe('a payout the bank sends back', () => {
      it('puts its amount on the account’s balance again, so a later reversal from it goes through', async () => {
        const chargeId = await paidCharge(under);
        const accountId = await onboarded(under, 'b-payout');
        const { transferId } = await under.payments.createTransfer(transferOf(chargeId, accountId, 30_000, 'release:payout'));
        const paid = await under.world.payOut(accountId);
        const reversal = { transferId, amountCents: 30_000, metadata: {} };
        expect(await refusalOf(under.payments.reverseTransfer({ ...reversal, idempotencyKey: 'reverse:paid-out' }))).toMatchObject({
          message: expect.stringContaining('Insufficient funds'),
        });
        const failed = await under.world.failPayout(accountId, { failureCode: 'no_account' });
        expect(failed).toMatchObject({
          result: 'changed',
          object: { id: paid.result === 'changed' ? paid.object.id : '', status: 'failed', failure_code: 'no_account', amount: 30_000 },
        });
        expect(await under.world.accountBalance(accountId)).toBe(30_000);
        expect(await under.payments.reverseTransfer({ ...reversal, idempotencyKey: 'reverse:after-the-bank' })).toEqual({
          reversalId: expect.stringMatching(/^trr_/),
        });
        expect(under.events.filter((e) => e.type === 'payout.failed')).toEqual([{ type: 'payout.failed', account: accountId }]);
      });

      it('is written on the account’s own balance as Stripe writes it: payout out, payout_failure (payout_reversal) in, named by the payout', async () => {
        const chargeId = await paidCharge(under);
        const accountId = await onboarded(under, 'b-lines');
        await under.payments.createTransfer(transferOf(chargeId, accountId, 12_000, 'release:lines'));
        await under.world.payOut(accountId);
        await under.world.failPayout(accountId);
        const [payout] = await under.payouts(accountId);
        const lines = (await under.world.balanceTransactionPage({}, accountId)).data;
        expect(lines.map((l) => [l.type, l.reporting_category, l.amount, l.source])).toEqual([
          ['payout_failure', 'payout_reversal', 12_000, payout?.id],
          ['payout', 'payout', -12_000, payout?.id],
        ]);
        expect(payout).toMatchObject({ status: 'failed', balance_transaction: lines[1]?.id, failure_balance_transaction: lines[0]?.id });
        // The account's balance is not the platform's: its ledger gained no payout line.
        expect((await ledger(under)).filter((l) => l.type.startsWith('payout'))).toEqual([]);
      });
    });

    it('refuses a reversal from an account that revoked the platform with Stripe’s account_invalid, taking nothing', async () => {
      const chargeId = await paidCharge(under);
      const accountId = await onboarded(under, 'b-revoked');
      const { transferId } = await under.payments.createTransfer(transferOf(chargeId, accountId, 30_000, 'release:revoked'));
      await under.world.deauthorize(accountId);
      expect(
        await refusalOf(under.payments.reverseTransfer({ transferId, amountCents: 5_000, idempotencyKey: 'reverse:revoked', metadata: {} })),
      ).toMatchObject({
        name: 'PaymentRefused',
        stripeCode: 'account_invalid',
        message: expect.stringContaining('Application access may have been revoked'),
      });
      expect(await under.world.listReversals()).toEqual([]);
      expect(await under.world.accountBalance(accountId)).toBe(30_000);
    });

    describe('an amount outside Stripe’s bounds for its currency', () => {
      it('is refused on a Checkout Session with amount_too_small or amount_too_large, nothing kept under the key', async () => {
        const small = checkout({ amountCents: 49, idempotencyKey: 'checkout:small' });
        expect(await refusalOf(under.payments.createCheckoutSession(small))).toEqual({
          name: 'PaymentRefused',
          stripeCode: 'amount_too_small',
          message: "The Checkout Session's total amount due must add up to at least $0.50 usd",
        });
        const lots = [
          { name: 'Lot 1', amountCents: 60_000_000 },
          { name: 'Lot 2', amountCents: 40_000_000 },
        ];
        expect(await refusalOf(under.payments.createCheckoutSession(checkout({ amountCents: 100_000_000, lineItems: lots })))).toMatchObject({
          stripeCode: 'amount_too_large',
        });
        expect(await refusalOf(under.payments.createCheckoutSession(checkout({ amountCents: 29, currency: 'gbp' })))).toMatchObject({
          stripeCode: 'amount_too_small',
          message: expect.stringContaining('£0.30 gbp'),
        });
        expect(await under.world.listSessions()).toEqual([]);
        // A refused request was never run: its key takes the corrected one.
        expect(await under.payments.createCheckoutSession({ ...small, amountCents: 50 })).toMatchObject({ sessionId: expect.stringMatching(/^cs_/) });
        expect(await under.payments.createCheckoutSession(checkout({ amountCents: 50, currency: 'jpy' }))).toMatchObject({
          sessionId: expect.stringMatching(/^cs_/),
        });
      });

      it('is refused on a PaymentIntent charged off session, nothing made', async () => {
        const { customerId } = await under.payments.createCustomer({ idempotencyKey: 'customer:small', metadata: {} });
        const { sessionId } = await under.payments.createCardSetupSession({
          idempotencyKey: 'setup:small',
          customerId,
          currency: 'usd',
          consentText: 'Charged if the minimum is met.',
          metadata: {},
          successUrl: `${baseUrl}/ok`,
          cancelUrl: `${baseUrl}/no`,
          expiresAt: new Date(startsAt.getTime() + 60 * 60_000),
        });
        await under.world.paySession(sessionId, 'card', undefined, 'works');
        const { paymentMethodId } = await under.payments.readCardSetup(sessionId);
        const charge = { customerId, paymentMethodId: paymentMethodId ?? '', currency: 'usd', metadata: {} };
        expect(await refusalOf(under.payments.chargeOffSession({ ...charge, idempotencyKey: 'pi:small', amountCents: 49 }))).toEqual({
          name: 'PaymentRefused',
          stripeCode: 'amount_too_small',
          message: 'Amount must be at least $0.50 usd',
        });
        expect(await refusalOf(under.payments.chargeOffSession({ ...charge, idempotencyKey: 'pi:large', amountCents: 100_000_000 }))).toEqual({
          name: 'PaymentRefused',
          stripeCode: 'amount_too_large',
          message: 'Amount must be no more than $999,999.99 usd',
        });
        expect(await under.world.listPaymentIntents()).toEqual([]);
      });
    });

    it('counts every write against Stripe’s limit: one past it in a second is refused before anything is made, and goes through once, the next second', async () => {
      await under.cleanup();
      under = await make({ writesPerSecond: 2 });
      const chargeId = await paidCharge(under);
      under.advance(1_000);
      const accountId = await onboarded(under, 'b-limit');
      under.advance(1_000);
      // Two writes of two kinds fill the second; a third of a third kind is over it.
      await under.payments.refund({ idempotencyKey: 'refund:limit', chargeId, amountCents: 1_000, metadata: {} });
      await under.payments.createCustomer({ idempotencyKey: 'customer:limit', metadata: {} });
      const { limited, made } = await under.writePastLimit(() => under.payments.createTransfer(transferOf(chargeId, accountId, 20_000, 'release:limit')));
      expect(limited).toBe(true);
      expect(made).toEqual({ transferId: expect.stringMatching(/^tr_/) });
      expect((await under.world.listTransfers()).map((t) => t.id)).toEqual([made.transferId]);
    });

    describe('the platform’s own payouts', () => {
      it('pay out what the platform holds available, per currency, as a payout line of its balance, and send payout.created then payout.paid', async () => {
        await paidCharge(under);
        await paidCharge(under, { currency: 'eur', amountCents: 10_000 });
        expect(await under.world.payOutPlatform()).toMatchObject({ payouts: [], pending: { usd: 38_810, eur: 9_680 } });
        under.advance(2 * day);
        const { payouts } = await under.world.payOutPlatform();
        expect(payouts.map((p) => [p.currency, p.amount, p.status, p.automatic])).toEqual([
          ['eur', 9_680, 'paid', true],
          ['usd', 38_810, 'paid', true],
        ]);
        const lines = (await ledger(under)).filter((l) => l.type === 'payout');
        expect(lines.map((l) => [l.reportingCategory, l.currency, l.amountCents, l.feeCents, l.netCents, l.sourceId]).sort()).toEqual([
          ['payout', 'eur', -9_680, 0, -9_680, payouts[0]?.id],
          ['payout', 'usd', -38_810, 0, -38_810, payouts[1]?.id],
        ]);
        expect((await under.payouts()).map((p) => p.id).sort()).toEqual(payouts.map((p) => p.id).sort());
        expect(under.events.filter((e) => e.type.startsWith('payout.'))).toEqual([
          { type: 'payout.created' },
          { type: 'payout.paid' },
          { type: 'payout.created' },
          { type: 'payout.paid' },
        ]);
        // Nothing is left available: a second payout pays nothing.
        expect((await under.world.payOutPlatform()).payouts).toEqual([]);
      });

      it('that the bank sends back put the amount on the platform’s balance again with a payout_failure line (payout_reversal), and send payout.failed', async () => {
        await paidCharge(under);
        under.advance(2 * day);
        const [failed] = (await under.world.payOutPlatform({ failureCode: 'account_closed' })).payouts;
        expect(failed).toMatchObject({ status: 'failed', failure_code: 'account_closed', failure_message: 'The bank account has been closed.' });
        const lines = (await ledger(under)).filter((l) => l.sourceId === failed?.id);
        expect(lines.map((l) => [l.type, l.reportingCategory, l.amountCents]).sort()).toEqual([
          ['payout', 'payout', -38_810],
          ['payout_failure', 'payout_reversal', 38_810],
        ]);
        expect(under.events.filter((e) => e.type.startsWith('payout.')).map((e) => e.type)).toEqual(['payout.created', 'payout.failed']);
        // The money is there again, and the next payout sends it.
        expect((await under.world.payOutPlatform()).payouts.map((p) => p.amount)).toEqual([38_810]);
      });
    });

    describe('Connect’s monthly fees', () => {
      it('bill each account paid out in the month, its payouts and their volume, as stripe_fee lines of the platform’s balance (reporting category fee), once', async () => {
        const first = await onboarded(under, 'b-fees-1');
        const second = await onboarded(under, 'b-fees-2');
        const idle = await onboarded(under, 'b-fees-idle');
        for (const [account, amount, key] of [
          [first, 20_000, 'fees:1'],
          [second, 10_000, 'fees:2'],
          [idle, 5_000, 'fees:idle'],
        ] as const)
          await under.payments.createTransfer(transferOf(await paidCharge(under), account, amount, key));
        await under.world.payOut(first);
        await under.world.payOut(second);
        await under.payments.createTransfer(transferOf(await paidCharge(under), first, 30_000, 'fees:1b'));
        await under.world.payOut(first);
        // A payout its bank sent back reached no bank: it counts for nothing.
        await under.world.failPayout(second);
        under.advance(day);
        const billed = await under.world.billConnectFees('2026-11');
        expect(billed.lines.map((l) => [l.type, l.reporting_category, l.amount, l.source, l.description])).toEqual([
          ['stripe_fee', 'fee', -200, null, 'Connect (2026-11-01 - 2026-11-30): Active Account Billing'],
          ['stripe_fee', 'fee', -125, null, 'Connect (2026-11-01 - 2026-11-30): Account Volume Billing'],
          ['stripe_fee', 'fee', -50, null, 'Connect (2026-11-01 - 2026-11-30): Payouts Count Billing'],
        ]);
        const fees = (await ledger(under)).filter((l) => l.type === 'stripe_fee');
        expect(fees.map((l) => [l.reportingCategory, l.netCents, l.sourceId]).sort()).toEqual([
          ['fee', -125, undefined],
          ['fee', -200, undefined],
          ['fee', -50, undefined],
        ]);
        expect(await under.world.billConnectFees('2026-11')).toMatchObject({ billedNow: false, lines: billed.lines });
        expect((await ledger(under)).filter((l) => l.type === 'stripe_fee')).toHaveLength(3);
        expect((await under.world.billConnectFees('2026-10')).lines).toEqual([]);
        expect(await refusalOf(under.world.billConnectFees('November'))).toMatchObject({ message: expect.stringContaining('YYYY-MM') });
      });
    });
  });
}
