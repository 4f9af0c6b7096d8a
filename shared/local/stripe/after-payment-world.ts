/**
 * @module stripe/after-payment-world
 * What Stripe does after a payment, as the simulator's routes drive it: a refund from its
 * dashboard (refused, as the API's, once the charge was charged back), a refund the
 * card's bank sends back (`charge.refund.updated`, status `failed`), Radar's early fraud
 * warning (`radar.early_fraud_warning.created`), a builder who revokes the platform
 * (`account.application.deauthorized`, a Connect event naming the account). And the
 * platform's ledger (ledger.ts); payouts are payout-world's.
 */
import type { BalanceTransactionLine } from '../../ports';
import {
  collections,
  docIn,
  newId,
  type EarlyFraudType,
  type LocalApplication,
  assertCents,
  type LocalBalanceTransaction,
  type LocalCharge,
  type LocalEarlyFraudWarning,
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
import { keepRefund, nextSequence, refundOf } from './money-moves';
import { chargedBackRefusal } from './disputes';
import { PaymentRefused } from '../../errors';
import { StripeDisputeWorld } from './dispute-world';
import type { SimulatedChange } from './world';

/** The platform as a builder's account sees it. */
const platformApplication: LocalApplication = { id: 'ca_local_c500collective', object: 'application', name: 'C500 Collective' };

export class StripeAfterPaymentWorld extends StripeDisputeWorld {
  /**
   * A dashboard refund of `amountCents` or all that is left, with its balance transaction;
   * `charge.refunded` carries the running total. Refused as Stripe refuses it (PaymentRefused,
   * `charge_disputed`) once the charge was charged back and the dispute is not won.
   */
  async refundCharge(chargeId: string, amountCents?: number): Promise<SimulatedChange<LocalCharge>> {
    if (amountCents !== undefined) assertCents(amountCents);
    const now = this.nowSeconds();
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalCharge>> => {
      const path = docIn(collections.charges, chargeId);
      const stored = await tx.get(path);
      if (!stored) return { result: 'unknown' };
      if (stored.stripe.refunded) return { result: 'unchanged', object: stored.stripe };
      // The dashboard's Refund is the API's: a charge charged back and not won is refused, nothing changed.
      const chargedBack = await chargedBackRefusal(tx, chargeId);
      if (chargedBack) throw new PaymentRefused(chargedBack.message, { stripeCode: chargedBack.code });
      const sequence = await nextSequence(tx);
      const charge = stored.stripe;
      const amount = Math.min(charge.amount - charge.amount_refunded, amountCents ?? charge.amount);
      const refunded = charge.amount_refunded + amount;
      const after: LocalCharge = { ...charge, amount_refunded: refunded, refunded: refunded === charge.amount };
      tx.set(path, { ...stored, stripe: after });
      keepRefund(tx, refundOf(charge, amount, {}, now, refunded), sequence);
      return { result: 'changed', object: after };
    });
    if (change.result === 'changed') await this.send('charge.refunded', change.object);
    return change;
  }

  /** The charge behind a paid session, for refunding it from the simulator. */
  async chargeOfSession(sessionId: string): Promise<string | undefined> {
    const intentId = (await this.session(sessionId))?.session.payment_intent;
    // A bank debit still processing (or failed) has no charge to refund.
    return intentId ? ((await this.options.store.get(docIn(collections.paymentIntents, intentId)))?.stripe.latest_charge ?? undefined) : undefined;
  }

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

  /** The platform's balance transactions (or, `account`, a connected account's own), newest first, as `GET /v1/balance_transactions` lists them. */
  balanceTransactionPage(filter: BalanceTransactionFilter = {}, account?: string): Promise<BalanceTransactionList> {
    return listBalanceTransactions(this.options.store, filter, this.nowSeconds(), account);
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
    return ledgerLineOf(t, t.source === null ? undefined : ((await this.balanceSource(t.source)) as LineSource | undefined));
  }

  /** One of the platform's balance transactions (or `account`'s own), as the ledger keeps it (its status as it was kept). */
  async balanceTransaction(id: string, account?: string): Promise<LocalBalanceTransaction | undefined> {
    if (account === undefined) return (await this.options.store.get(docIn(collections.balanceTransactions, id)))?.stripe;
    const stored = await this.options.store.get(docIn(collections.accountBalanceTransactions, id));
    return stored?.account === account ? stored.stripe : undefined;
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
}
