/**
 * @module stripe/payout-world
 * Payouts as the local Stripe makes them, on a connected account's balance and on the
 * platform's, and what Connect bills the platform for its accounts' payouts:
 * - a connected account's automatic payout sends its whole balance to its bank; when the bank
 *   sends one back, Stripe credits the amount to the account's balance again (`payout_failure`),
 *   so a later transfer reversal can take it, and `payout.failed` goes to the Connect endpoint;
 * - the platform's automatic payout sends what its balance holds available, per currency
 *   (`payout.created`, then `payout.paid` or `payout.failed`, to the platform endpoint);
 * - a month's Connect fees are billed once (connect-fees.ts).
 * The payout's lines are written as Stripe writes them (payouts.ts).
 */
import { PaymentRefused } from '../../errors';
import { collections, docIn, type LocalBalanceTransaction, type LocalPayout } from './objects';
import { nextSequence } from './money-moves';
import { keepAccountBalanceTransactions, keepBalanceTransactions } from './ledger';
import { availableByCurrency, failedPayout, sentPayout, type PayoutFailureCode } from './payouts';
import { billingMonth, connectFeeLine, connectFeesOf, type BilledPayout } from './connect-fees';
import { StripeAfterPaymentWorld } from './after-payment-world';
import type { SimulatedChange } from './world';

/** What the platform's automatic payout did: one payout per currency it held available, and what stays pending. */
export type PlatformPayouts = { payouts: LocalPayout[]; pending: Record<string, number> };

/** A month's Connect fees: the lines on the platform's balance, and whether this call wrote them. */
export type ConnectFeesBilled = { month: string; billedNow: boolean; lines: LocalBalanceTransaction[] };

export class StripePayoutWorld extends StripeAfterPaymentWorld {
  /**
   * An automatic payout: everything on the connected account's balance leaves for its bank
   * (Stripe pays a connected account's available balance out on its schedule). Afterwards a
   * transfer reversal larger than what is left is refused, as Stripe refuses a reversal of a
   * `transfer_group` transfer the destination's balance cannot cover. The payout is on the
   * account's own balance, not the platform's, so the platform's ledger gains no line; the
   * platform subscribes to no payout event of its accounts but `payout.failed`, so none is sent.
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
      const { payout, line } = sentPayout({ amount, currency, now });
      tx.update(path, { balance: 0 });
      tx.set(docIn(collections.payouts, payout.id), { stripe: payout, sequence, account: accountId });
      keepAccountBalanceTransactions(tx, accountId, sequence, line);
      return { result: 'changed', object: payout };
    });
    if (change.result === 'empty') throw new NothingToPayOut(accountId);
    return change;
  }

  /**
   * The builder's bank sends a payout back: their newest payout that reached it (of
   * `amountCents`, when given) fails, or, when none did, a payout of what the account holds
   * (or `amountCents` of it) is sent and fails. Either way the amount is on the account's
   * balance again, with its `payout_failure` line, and `payout.failed` is sent through the
   * Connect endpoint.
   */
  async failPayout(accountId: string, request: { failureCode?: PayoutFailureCode; amountCents?: number } = {}): Promise<SimulatedChange<LocalPayout>> {
    const now = this.nowSeconds();
    const code = request.failureCode ?? 'account_closed';
    const currency = (await this.transferCurrency(accountId)) ?? 'usd';
    const change = await this.options.store.runTransaction(async (tx): Promise<SimulatedChange<LocalPayout> | { result: 'short'; balance: number }> => {
      const path = docIn(collections.accounts, accountId);
      const account = await tx.get(path);
      if (!account) return { result: 'unknown' };
      const paid = (await tx.query(collections.payouts, { where: [['account', '==', accountId]] }))
        .map((row) => row.data)
        .filter((p) => p.stripe.status === 'paid' && (request.amountCents === undefined || p.stripe.amount === request.amountCents))
        .sort((a, b) => b.sequence - a.sequence)[0];
      const balance = account.balance ?? 0;
      const amount = request.amountCents ?? balance;
      if (!paid && (amount <= 0 || amount > balance)) return { result: 'short', balance };
      const sequence = await nextSequence(tx);
      const sent = paid ? undefined : sentPayout({ amount, currency, now });
      const failed = failedPayout(paid?.stripe ?? (sent as NonNullable<typeof sent>).payout, code, now);
      tx.set(docIn(collections.payouts, failed.payout.id), { stripe: failed.payout, sequence: paid?.sequence ?? sequence, account: accountId });
      keepAccountBalanceTransactions(tx, accountId, sequence, ...(sent ? [sent.line] : []), failed.line);
      // A payout that had reached the bank comes back onto the balance; one sent and sent back at once leaves it as it was.
      if (paid) tx.update(path, { balance: balance + paid.stripe.amount });
      return { result: 'changed', object: failed.payout };
    });
    if (change.result === 'short') throw new NothingToPayOut(accountId, change.balance, request.amountCents);
    if (change.result === 'changed') await this.send('payout.failed', change.object, accountId);
    return change;
  }

  /**
   * The platform's automatic payout: in each currency, what its balance holds available now
   * (a charge's funds are pending for two days) leaves for its bank. With `failureCode` the
   * bank sends each back at once (`payout_failure`, the amount available again). Each payout
   * sends `payout.created`, then `payout.paid` or `payout.failed`, to the platform endpoint.
   */
  async payOutPlatform(request: { failureCode?: PayoutFailureCode } = {}): Promise<PlatformPayouts> {
    const now = this.nowSeconds();
    const made = await this.options.store.runTransaction(async (tx): Promise<PlatformPayouts> => {
      const lines = (await tx.query(collections.balanceTransactions, {})).map((row) => row.data.stripe);
      const available = [...availableByCurrency(lines, now)].filter(([, amount]) => amount > 0).sort(([a], [b]) => a.localeCompare(b));
      const pending = pendingByCurrency(lines, now);
      if (available.length === 0) return { payouts: [], pending };
      const sequence = await nextSequence(tx);
      const payouts = available.map(([currency, amount]) => {
        const sent = sentPayout({ amount, currency, now });
        const failed = request.failureCode ? failedPayout(sent.payout, request.failureCode, now) : undefined;
        keepBalanceTransactions(tx, sequence, sent.line, ...(failed ? [failed.line] : []));
        const payout = failed?.payout ?? sent.payout;
        tx.set(docIn(collections.payouts, payout.id), { stripe: payout, sequence });
        return payout;
      });
      return { payouts, pending };
    });
    for (const payout of made.payouts) {
      await this.send('payout.created', { ...payout, status: 'pending', failure_balance_transaction: null, failure_code: null, failure_message: null });
      await this.send(payout.status === 'failed' ? 'payout.failed' : 'payout.paid', payout);
    }
    return made;
  }

  /**
   * Connect's fees for `month` (`YYYY-MM`), billed to the platform's balance once: a second
   * call for the same month answers the lines the first wrote and writes none.
   */
  async billConnectFees(month: string): Promise<ConnectFeesBilled> {
    const period = billingMonth(month);
    if (!period) throw new PaymentRefused(`month is a calendar month written YYYY-MM, such as 2026-11, not ${JSON.stringify(month).slice(0, 40)}`);
    const now = this.nowSeconds();
    return this.options.store.runTransaction(async (tx): Promise<ConnectFeesBilled> => {
      const billPath = docIn(collections.connectFeeBills, month);
      const bill = await tx.get(billPath);
      if (bill) {
        const kept = await Promise.all(bill.lines.map((id) => tx.get(docIn(collections.balanceTransactions, id))));
        return { month, billedNow: false, lines: kept.flatMap((row) => (row ? [row.stripe] : [])) };
      }
      const billable = new Set(
        (await tx.query(collections.accounts, {})).filter((row) => row.data.stripe.controller.fees.payer !== 'account').map((row) => row.data.stripe.id),
      );
      const payouts = (await tx.query(collections.payouts, {})).flatMap(({ data }): BilledPayout[] =>
        data.account !== undefined && billable.has(data.account) ? [{ account: data.account, payout: data.stripe }] : [],
      );
      const sequence = await nextSequence(tx);
      const lines = connectFeesOf(payouts, period).map((fee) => connectFeeLine(fee, period, now));
      keepBalanceTransactions(tx, sequence, ...lines);
      tx.set(billPath, { month, billedAt: now, lines: lines.map((line) => line.id) });
      return { month, billedNow: true, lines };
    });
  }

  /** Payouts newest first: the platform's, or (`account`) a connected account's own. */
  async listPayouts(account?: string): Promise<LocalPayout[]> {
    const rows = await this.options.store.query(collections.payouts, { orderBy: [['sequence', 'desc']] });
    return rows.filter((row) => row.data.account === account).map((row) => row.data.stripe);
  }

  /** Every payout, newest first, each with the connected account it is of (null: the platform's). */
  async listAllPayouts(): Promise<Array<LocalPayout & { account: string | null }>> {
    const rows = await this.options.store.query(collections.payouts, { orderBy: [['sequence', 'desc']] });
    return rows.map((row) => ({ ...row.data.stripe, account: row.data.account ?? null }));
  }

  /** One payout, if it is on that balance (the platform's, or `account`'s). */
  async payout(id: string, account?: string): Promise<LocalPayout | undefined> {
    const stored = await this.options.store.get(docIn(collections.payouts, id));
    return stored && stored.account === account ? stored.stripe : undefined;
  }

  /** The currency of the newest transfer to the account: its payouts are in it. */
  private async transferCurrency(accountId: string): Promise<string | undefined> {
    return (await this.listTransfers()).find((t) => t.destination === accountId)?.currency;
  }
}

/** What the platform's balance holds that is not available yet, per currency. */
function pendingByCurrency(lines: readonly LocalBalanceTransaction[], now: number): Record<string, number> {
  const pending: Record<string, number> = {};
  for (const line of lines) if (line.available_on > now) pending[line.currency] = (pending[line.currency] ?? 0) + line.net;
  return pending;
}

/** A payout needs money on the account: the simulator refuses the step. */
export class NothingToPayOut extends PaymentRefused {
  constructor(
    readonly accountId: string,
    balance = 0,
    asked?: number,
  ) {
    super(
      asked !== undefined && asked > balance
        ? `account ${accountId} holds ${balance} and has no payout of ${asked} to fail: a payout of ${asked} cannot be sent from it`
        : `account ${accountId} holds nothing to pay out: release a share to it first, or give an amount`,
    );
    this.name = 'NothingToPayOut';
  }
}
