/**
 * @module stripe/after-payment-world
 * What Stripe sends long after a payment, as the simulator's routes drive it: a refund the
 * card's bank sends back (`charge.refund.updated`, status `failed`), Radar's early fraud
 * warning (`radar.early_fraud_warning.created`), a builder who revokes the platform
 * (`account.application.deauthorized`) and a payout their bank sends back (`payout.failed`),
 * the last two Connect events naming the account. And the platform's ledger (ledger.ts).
 */
import { randomBytes } from 'node:crypto';
import { PaymentRefused } from '../../errors';
import type { BalanceTransactionLine } from '../../ports';
import {
  collections,
  docIn,
  newId,
  type EarlyFraudType,
  type LocalApplication,
  type LocalBalanceTransaction,
  type LocalEarlyFraudWarning,
  type LocalPayout,
  type LocalRefund,
  type RefundFailureReason,
} from './objects';
import {
  balanceTransaction,
  keepBalanceTransactions,
  ledgerLineOf,
  listBalanceTransactions,
  type BalanceTransactionFilter,
  type BalanceTransactionList,
  type LineSource,
} from './ledger';
import { nextSequence } from './money-moves';
import { StripeDisputeWorld } from './dispute-world';
import type { SimulatedChange } from './world';

/** The platform as a builder's account sees it. */
const platformApplication: LocalApplication = { id: 'ca_local_c500collective', object: 'application', name: 'C500 Collective' };

/** Stripe's words for why a payout failed (Payout `failure_message`), for the codes the simulator uses. */
export const payoutFailures = {
  account_closed: 'The bank account has been closed.',
  account_frozen: 'The bank account has been frozen.',
  could_not_process: 'The bank could not process this payout.',
  insufficient_funds: 'Your Stripe account has insufficient funds to cover the payout.',
  invalid_account_number: 'The bank account number is invalid.',
  no_account: 'The bank account details on file are probably incorrect. No bank account could be located with those details.',
} as const;
export type PayoutFailureCode = keyof typeof payoutFailures;

export class StripeAfterPaymentWorld extends StripeDisputeWorld {
  /**
   * The card's bank sends back a refund that had succeeded: the refund becomes `failed` with
   * its reason, the charge's refunded total goes back down, the platform's balance gets the
   * money back (`refund_failure`), and `charge.refund.updated` is sent with the refund.
   */
  async failRefund(refundId: string, reason: RefundFailureReason = 'expired_or_canceled_card'): Promise<SimulatedChange<LocalRefund>> {
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalRefund>> => {
      const path = docIn(collections.refunds, refundId);
      const stored = await tx.get(path);
      if (!stored) return { result: 'unknown' };
      const refund = stored.stripe;
      if (refund.status !== 'succeeded') return { result: 'unchanged', object: refund };
      const chargePath = docIn(collections.charges, refund.charge);
      const charge = await tx.get(chargePath);
      const sequence = await nextSequence(tx);
      const returned = balanceTransaction({
        type: 'refund_failure',
        category: 'refund_failure',
        amount: refund.amount,
        currency: refund.currency,
        source: refund.id,
        description: `REFUND FOR FAILED REFUND ${refund.id}`,
        now,
      });
      const failed: LocalRefund = { ...refund, status: 'failed', failure_reason: reason, failure_balance_transaction: returned.id };
      tx.set(path, { ...stored, stripe: failed });
      keepBalanceTransactions(tx, sequence, returned);
      if (charge) {
        const refunded = Math.max(0, charge.stripe.amount_refunded - refund.amount);
        tx.update(chargePath, { 'stripe.amount_refunded': refunded, 'stripe.refunded': false });
      }
      return { result: 'changed', object: failed };
    });
    if (change.result === 'changed') await this.send('charge.refund.updated', this.asSent(change.object));
    return change;
  }

  /**
   * The card's bank reports the charge as likely fraud, before any dispute: an EarlyFraudWarning,
   * actionable while the charge can still be refunded (not refunded in full, not disputed),
   * and `radar.early_fraud_warning.created`.
   */
  async warnOfFraud(chargeId: string, fraudType: EarlyFraudType = 'unauthorized_use_of_card'): Promise<SimulatedChange<LocalEarlyFraudWarning>> {
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalEarlyFraudWarning>> => {
      const charge = await tx.get(docIn(collections.charges, chargeId));
      if (!charge) return { result: 'unknown' };
      const sequence = await nextSequence(tx);
      const warning: LocalEarlyFraudWarning = {
        id: newId('issfr'),
        object: 'radar.early_fraud_warning',
        actionable: !charge.stripe.refunded && charge.stripe.disputed !== true,
        charge: chargeId,
        created: now,
        fraud_type: fraudType,
        livemode: false,
        payment_intent: charge.stripe.payment_intent,
      };
      tx.set(docIn(collections.earlyFraudWarnings, warning.id), { stripe: warning, sequence });
      return { result: 'changed', object: warning };
    });
    if (change.result === 'changed') await this.send('radar.early_fraud_warning.created', change.object);
    return change;
  }

  /**
   * The builder disconnects C500 from their Stripe account: from now on Stripe refuses the
   * platform's calls for it (`account_invalid`), and `account.application.deauthorized` is sent
   * through the Connect endpoint, naming the account, about the platform's Application.
   */
  async deauthorize(accountId: string): Promise<SimulatedChange<LocalApplication>> {
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalApplication>> => {
      const path = docIn(collections.accounts, accountId);
      const stored = await tx.get(path);
      if (!stored) return { result: 'unknown' };
      if (stored.deauthorized) return { result: 'unchanged', object: platformApplication };
      tx.set(path, { ...stored, deauthorized: true });
      return { result: 'changed', object: platformApplication };
    });
    if (change.result === 'changed') await this.send('account.application.deauthorized', change.object, accountId);
    return change;
  }

  /**
   * An automatic payout: everything on the connected account's balance leaves for its bank
   * (Stripe pays a connected account's available balance out on its schedule). Afterwards a
   * transfer reversal larger than what is left is refused, as Stripe refuses a reversal of a
   * `transfer_group` transfer the destination's balance cannot cover. The payout is on the
   * account's own balance, not the platform's, so the platform's ledger gains no line; the
   * platform subscribes to no payout event of its accounts, so none is sent.
   */
  async payOut(accountId: string): Promise<SimulatedChange<LocalPayout>> {
    const now = this.nowSeconds();
    const currency = (await this.transferCurrency(accountId)) ?? 'usd';
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalPayout> | { result: 'empty' }> => {
      const path = docIn(collections.accounts, accountId);
      const account = await tx.get(path);
      if (!account) return { result: 'unknown' };
      const amount = account.balance ?? 0;
      if (amount <= 0) return { result: 'empty' };
      const sequence = await nextSequence(tx);
      const payout = payoutObject({ amount, currency, now });
      tx.update(path, { balance: 0 });
      tx.set(docIn(collections.payouts, payout.id), { stripe: payout, sequence });
      return { result: 'changed', object: payout };
    });
    if (change.result === 'empty') throw new NothingToPayOut(accountId);
    return change;
  }

  /**
   * A payout of what the builder's account holds (or `amountCents`) is sent back by their bank:
   * the money stays on the account, and `payout.failed` is sent through the Connect endpoint.
   * Unchanged when the account holds nothing to pay out.
   */
  async failPayout(accountId: string, request: { failureCode?: PayoutFailureCode; amountCents?: number } = {}): Promise<SimulatedChange<LocalPayout>> {
    const now = this.nowSeconds();
    const code = request.failureCode ?? 'account_closed';
    const currency = (await this.transferCurrency(accountId)) ?? 'usd';
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalPayout> | { result: 'empty' }> => {
      const account = await tx.get(docIn(collections.accounts, accountId));
      if (!account) return { result: 'unknown' };
      const amount = request.amountCents ?? account.balance ?? 0;
      if (amount <= 0) return { result: 'empty' };
      const sequence = await nextSequence(tx);
      const payout = payoutObject({ amount, currency, now, failure: code });
      tx.set(docIn(collections.payouts, payout.id), { stripe: payout, sequence });
      return { result: 'changed', object: payout };
    });
    if (change.result === 'empty') throw new NothingToPayOut(accountId);
    if (change.result === 'changed') await this.send('payout.failed', change.object, accountId);
    return change;
  }

  /** The platform's balance transactions, newest first, as `GET /v1/balance_transactions` lists them. */
  balanceTransactionPage(filter: BalanceTransactionFilter = {}): Promise<BalanceTransactionList> {
    return listBalanceTransactions(this.options.store, filter, this.nowSeconds());
  }

  /**
   * The port's read of the platform's ledger: every line created in `[from, to)`, oldest first,
   * with the ids its expanded source names (a refund's charge, a reversal's transfer), as the
   * stripe-node adapter gives them.
   */
  async listBalanceTransactions(range: { from: Date; to: Date }): Promise<BalanceTransactionLine[]> {
    const created = { gte: Math.floor(range.from.getTime() / 1000), lt: Math.ceil(range.to.getTime() / 1000) };
    const lines: BalanceTransactionLine[] = [];
    let page = await this.balanceTransactionPage({ created, limit: 100 });
    for (;;) {
      for (const t of page.data) lines.push(await this.ledgerLine(t));
      const last = page.data.at(-1);
      if (!page.has_more || !last) break;
      page = await this.balanceTransactionPage({ created, limit: 100, startingAfter: last.id });
    }
    return lines.reverse();
  }

  private async ledgerLine(t: LocalBalanceTransaction): Promise<BalanceTransactionLine> {
    return ledgerLineOf(t, (await this.balanceSource(t.source)) as LineSource | undefined);
  }

  /** One of the platform's balance transactions, as the ledger keeps it (its status as it was kept). */
  async balanceTransaction(id: string): Promise<LocalBalanceTransaction | undefined> {
    return (await this.options.store.get(docIn(collections.balanceTransactions, id)))?.stripe;
  }

  /**
   * The object a balance transaction's `source` names, as `expand[]=data.source` gives it:
   * a refund names its charge and a reversal its transfer there, which is how a ledger line
   * the product never recorded (a refund made in Stripe's dashboard) finds its order.
   */
  async balanceSource(id: string): Promise<object | undefined> {
    const { store } = this.options;
    const prefix = id.slice(0, id.indexOf('_'));
    if (prefix === 'ch') return (await store.get(docIn(collections.charges, id)))?.stripe;
    if (prefix === 're') return (await store.get(docIn(collections.refunds, id)))?.stripe;
    if (prefix === 'tr') return (await store.get(docIn(collections.transfers, id)))?.stripe;
    if (prefix === 'trr') return (await store.get(docIn(collections.reversals, id)))?.stripe;
    if (prefix === 'dp' || prefix === 'du') return (await store.get(docIn(collections.disputes, id)))?.stripe;
    if (prefix === 'po') return (await store.get(docIn(collections.payouts, id)))?.stripe;
    return undefined;
  }

  /** What the connected account holds on Stripe (its transfers in, less reversals and payouts), in its minor units. */
  async accountBalance(accountId: string): Promise<number | undefined> {
    const stored = await this.options.store.get(docIn(collections.accounts, accountId));
    return stored ? (stored.balance ?? 0) : undefined;
  }

  /** Whether the account revoked the platform. */
  async isDeauthorized(accountId: string): Promise<boolean> {
    return (await this.options.store.get(docIn(collections.accounts, accountId)))?.deauthorized === true;
  }

  /** The refund as Stripe sends it: without what the simulator keeps beside it. */
  private asSent(refund: LocalRefund): Record<string, unknown> {
    const { charge_refunded_after: _kept, ...sent } = refund;
    return sent;
  }

  /** The currency of the newest transfer to the account: its payouts are in it. */
  private async transferCurrency(accountId: string): Promise<string | undefined> {
    return (await this.listTransfers()).find((t) => t.destination === accountId)?.currency;
  }
}

/** A payout needs money on the account: the simulator refuses the step. */
export class NothingToPayOut extends PaymentRefused {
  constructor(readonly accountId: string) {
    super(`account ${accountId} holds nothing to pay out: release a share to it first, or give an amount`);
    this.name = 'NothingToPayOut';
  }
}

/** A payout of a connected account as Stripe's Payout object has it: paid, or failed with Stripe's code and words. */
function payoutObject(p: { amount: number; currency: string; now: number; failure?: PayoutFailureCode }): LocalPayout {
  return {
    id: newId('po'),
    object: 'payout',
    amount: p.amount,
    application_fee: null,
    application_fee_amount: null,
    arrival_date: p.now + 2 * 24 * 60 * 60,
    automatic: true,
    // The account's own balance transactions (its ledger, not the platform's).
    balance_transaction: newId('txn'),
    created: p.now,
    currency: p.currency,
    description: null,
    destination: `ba_local_${randomBytes(12).toString('hex')}`,
    failure_balance_transaction: p.failure ? newId('txn') : null,
    failure_code: p.failure ?? null,
    failure_message: p.failure ? payoutFailures[p.failure] : null,
    livemode: false,
    metadata: {},
    method: 'standard',
    original_payout: null,
    payout_method: null,
    reconciliation_status: 'not_applicable',
    reversed_by: null,
    source_type: 'card',
    statement_descriptor: null,
    status: p.failure ? 'failed' : 'paid',
    trace_id: null,
    type: 'bank_account',
  };
}
