/**
 * @module stripe/payments
 * The payments port without Stripe: what our use cases ask Stripe (connected accounts,
 * Checkout Sessions opened and expired, charge lookups, transfers and reversals, and cards
 * saved for later and charged off session: saved-card-world, off-session-world), answered
 * by the local simulator's world (world.ts), which keeps Stripe-shaped objects in the
 * document store and honours idempotency keys as Stripe does. It refuses what Stripe refuses,
 * with Stripe's codes (a refund of a charged-back charge, a reversal from a revoked account, an
 * amount outside Stripe's bounds) and, given `writesPerSecond`, counts each call that writes
 * against Stripe's rate limit. A LocalPayments is that world too: the simulator's routes and
 * the tests pay, expire, refund and onboard through it.
 *
 * In the local runtime it is what the served API (api-server) answers with and what the
 * simulator drives, never a function's port: every function reaches Stripe with the
 * production adapter, stripe-node over HTTP (production-adapter). As the payments port
 * itself, called in-process, it is only the fake of the modules' unit tests (their `test/` folders).
 */
import { stripeRefusesExpiry } from '../../payments';
import { PaymentRefused } from '../../errors';
import { personPseudonym } from '../../log';
import type {
  CheckoutRequest,
  CheckoutSession,
  ConnectedAccountRequest,
  ConnectedAccountStatus,
  DisputeUpdateRequest,
  Idempotent,
  Payments,
  RefundMade,
  RefundRequest,
  ReversalRequest,
  Transaction,
  TransferRequest,
} from '../../ports';
import {
  assertCents,
  type LocalCharge,
  collections,
  docIn,
  isLiveCustomer,
  newId,
  type AccountFeesPayer,
  type LocalAccount,
  type LocalBalanceTransaction,
  type LocalCheckoutSession,
  type LocalRefund,
  type LocalDispute,
  type LocalTransfer,
  type LocalTransferReversal,
} from './objects';
import { StripeCardRemovalWorld } from './card-removal-world';
import { accountRevoked, refundOf, refundTransaction, transferTransaction } from './money-moves';
import { keepBalanceTransactions } from './ledger';
import { chargedBackRefusal, withEvidence } from './disputes';
import { shippingRequestProblem } from './shipping';
import { assertChargeable } from './charge-limits';

export class LocalPayments extends StripeCardRemovalWorld implements Payments {
  /** `feesPayer`: the API's `controller[fees][payer]`; the port's accounts are the platform's to pay for, as the adapter creates them. */
  /**
   * `metadata`: what the API's caller sent, kept as sent (the served API); called in-process as
   * the port, what the Stripe adapter sends: the builder's keyed pseudonym.
   */
  async createConnectedAccount(
    request: ConnectedAccountRequest,
    feesPayer: AccountFeesPayer = 'application',
    metadata: Record<string, string> = { builder_pseudonym: personPseudonym(request.builderId) },
  ): Promise<{ accountId: string }> {
    this.takeWrite();
    const { email, country, serviceAgreement, idempotencyKey } = request;
    const account = await this.createOnce<LocalAccount>(
      collections.accounts,
      idempotencyKey,
      ['accounts.create', { ...request, metadata }],
      async (_tx, sequence) => {
        // Refused as Stripe refuses them (validation: nothing is kept under the key).
        if (!/^[A-Z]{2}$/.test(country))
          throw new PaymentRefused(`Country '${country}' is unknown. Try using a 2-character alphanumeric country code instead, such as 'US', 'EG', or 'GB'.`);
        const platformCountry = this.options.platformCountry ?? 'US';
        if (country !== platformCountry && serviceAgreement !== 'recipient') {
          throw new PaymentRefused(
            `Connected accounts in ${country} need the recipient service agreement to be paid by a platform in ${platformCountry} (tos_acceptance[service_agreement]=recipient).`,
          );
        }
        return {
          sequence,
          stripe: {
            id: newId('acct'),
            object: 'account',
            type: 'express',
            country,
            tos_acceptance: { service_agreement: serviceAgreement },
            email: email ?? null,
            // Stripe enables payouts only once onboarding is done (see completeOnboarding).
            charges_enabled: false,
            payouts_enabled: false,
            details_submitted: false,
            capabilities: { transfers: 'inactive' },
            controller: { fees: { payer: feesPayer } },
            metadata,
            created: this.nowSeconds(),
          },
        };
      },
    );
    return { accountId: account.id };
  }

  async createOnboardingLink({ accountId }: Idempotent & { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }> {
    this.takeWrite();
    await this.account(accountId);
    return { url: `${this.options.baseUrl}/_local/stripe/onboarding/${encodeURIComponent(accountId)}` };
  }

  async createLoginLink({ accountId }: { accountId: string }): Promise<{ url: string }> {
    this.takeWrite();
    const account = await this.account(accountId);
    // Stripe makes login links only for accounts whose dashboard is Express, and only once onboarding is done.
    if (!account.details_submitted) throw new PaymentRefused(`Cannot create a login link for an account that has not completed onboarding (${accountId}).`);
    return { url: `${this.options.baseUrl}/_local/stripe/express/${encodeURIComponent(accountId)}` };
  }

  async accountStatus(accountId: string): Promise<ConnectedAccountStatus> {
    const account = await this.account(accountId);
    return {
      accountId,
      chargesEnabled: account.charges_enabled,
      payoutsEnabled: account.payouts_enabled,
      detailsSubmitted: account.details_submitted,
      transfersActive: account.capabilities.transfers === 'active',
    };
  }

  async createCheckoutSession(request: CheckoutRequest): Promise<CheckoutSession> {
    assertCents(request.amountCents);
    this.takeWrite();
    const lines = request.lineItems ?? [{ name: request.itemName, amountCents: request.amountCents }];
    lines.forEach((line) => assertCents(line.amountCents));
    // Refused as Stripe refuses them: a country outside its list, a negative or fractional rate.
    const shippingRefused = request.shipping && shippingRequestProblem(request.shipping);
    if (shippingRefused) throw new PaymentRefused(shippingRefused);
    // Stripe charges what the lines add up to; a request whose total says otherwise is ours to get right.
    if (lines.reduce((sum, line) => sum + line.amountCents, 0) !== request.amountCents)
      throw new RangeError(`the line items add up to something other than the ${request.amountCents} charged`);
    assertChargeable(request.amountCents, request.currency, 'checkout');
    const session = await this.createOnce<LocalCheckoutSession>(
      collections.sessions,
      request.idempotencyKey,
      ['checkout.sessions.create', request],
      async (tx, sequence) => {
        // Stripe's rule on the deadline, checked against the clock when the request arrives.
        const refused = stripeRefusesExpiry(Math.floor(request.expiresAt.getTime() / 1000), this.nowSeconds());
        if (refused) throw new PaymentRefused(refused);
        if (request.customerId && !isLiveCustomer(await tx.get(docIn(collections.customers, request.customerId))))
          throw new PaymentRefused(`No such customer: '${request.customerId}'`, { stripeCode: 'resource_missing' });
        return {
          sequence,
          ...(request.imageUrl ? { imageUrl: request.imageUrl } : {}),
          paymentIntentData: { transfer_group: request.orderId, metadata: request.metadata },
          ...this.newSession({
            lines,
            currency: request.currency,
            clientReferenceId: request.orderId,
            metadata: request.metadata,
            expiresAt: Math.floor(request.expiresAt.getTime() / 1000),
            successUrl: request.successUrl,
            cancelUrl: request.cancelUrl,
            ...(request.shipping ? { shipping: request.shipping } : {}),
            ...(request.customerId ? { customerId: request.customerId } : {}),
          }),
        };
      },
    );
    // Built from the id: Stripe replays a key's first answer, url included, even once the session has closed.
    return { sessionId: session.id, url: this.checkoutUrl(session.id), expiresAt: new Date(session.expires_at * 1000).toISOString() };
  }

  async expireCheckoutSession(sessionId: string): Promise<void> {
    this.takeWrite();
    if ((await this.expireSession(sessionId)).result === 'unknown') throw new Error(`No such checkout.session: '${sessionId}'`);
  }

  async chargeOfPayment(paymentIntentId: string): Promise<{ chargeId: string }> {
    const intent = await this.options.store.get(docIn(collections.paymentIntents, paymentIntentId));
    if (!intent) throw new PaymentRefused(`No such payment_intent: '${paymentIntentId}'`, { stripeCode: 'resource_missing' });
    // As the production adapter says it: a delayed method's payment has no charge until it settles.
    if (!intent.stripe.latest_charge) throw new Error(`payment ${paymentIntentId} has no charge yet (status ${intent.stripe.status})`);
    return { chargeId: intent.stripe.latest_charge };
  }

  async refundedOfCharge(chargeId: string): Promise<number> {
    const charge = await this.options.store.get(docIn(collections.charges, chargeId));
    if (!charge) throw new PaymentRefused(`No such charge: '${chargeId}'`, { stripeCode: 'resource_missing' });
    return charge.stripe.amount_refunded;
  }

  async createTransfer(request: TransferRequest): Promise<{ transferId: string }> {
    assertCents(request.amountCents);
    this.takeWrite();
    const transfer = await this.createOnce<LocalTransfer>(
      collections.transfers,
      request.idempotencyKey,
      ['transfers.create', request],
      async (tx, sequence) => {
        // Refused as Stripe refuses them, so a wrong split or destination shows up locally too.
        const destinationPath = docIn(collections.accounts, request.destination);
        const destination = await tx.get(destinationPath);
        if (!destination) throw new PaymentRefused(`No such destination: '${request.destination}'`);
        // Refused before Stripe runs the request (a 403): nothing is kept under the key.
        if (destination.deauthorized) throw accountRevoked(request.destination);
        // Past validation, Stripe keeps a refusal under its key and replays it for 24 hours, even once the cause is gone.
        if (destination.stripe.capabilities.transfers !== 'active') {
          return {
            refused: 'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
          };
        }
        // Without a source charge Stripe draws on the platform's balance, which the simulator does not keep.
        const short = request.sourceTransaction ? await chargeShortfall(tx, request.sourceTransaction, request) : undefined;
        if (short) return { refused: short };
        // Paid out of the source charge's funds, a transfer leaves the platform's balance when they become available, not before.
        const fundedOn = request.sourceTransaction ? await availableOnOfCharge(tx, request.sourceTransaction) : undefined;
        tx.update(destinationPath, { balance: (destination.balance ?? 0) + request.amountCents });
        const transferId = newId('tr');
        const transaction = fundedFrom(
          transferTransaction({ id: transferId, amount: request.amountCents, currency: request.currency, created: this.nowSeconds() }, 'transfer'),
          fundedOn,
        );
        keepBalanceTransactions(tx, sequence, transaction);
        return {
          sequence,
          stripe: {
            id: transferId,
            object: 'transfer',
            amount: request.amountCents,
            currency: request.currency,
            destination: request.destination,
            source_transaction: request.sourceTransaction ?? null,
            transfer_group: request.transferGroup,
            metadata: request.metadata,
            created: this.nowSeconds(),
            amount_reversed: 0,
            reversed: false,
            balance_transaction: transaction.id,
          },
        };
      },
    );
    return { transferId: transfer.id };
  }

  async reverseTransfer(request: ReversalRequest): Promise<{ reversalId: string }> {
    assertCents(request.amountCents);
    this.takeWrite();
    const reversal = await this.createOnce<LocalTransferReversal>(
      collections.reversals,
      request.idempotencyKey,
      ['transfers.createReversal', request],
      async (tx, sequence) => {
        const transferPath = docIn(collections.transfers, request.transferId);
        const transfer = await tx.get(transferPath);
        if (!transfer) throw new PaymentRefused(`No such transfer: '${request.transferId}'`);
        const accountPath = docIn(collections.accounts, transfer.stripe.destination);
        const account = await tx.get(accountPath);
        // A reversal takes money back from the account, which the platform may no longer touch once it was revoked: a 403, nothing kept under the key.
        if (account?.deauthorized) throw accountRevoked(transfer.stripe.destination);
        const left = transfer.stripe.amount - transfer.stripe.amount_reversed;
        if (request.amountCents > left)
          throw new PaymentRefused(`Amount (${request.amountCents}) is greater than the unreversed amount left on the transfer (${left}).`);
        // A transfer_group transfer is reversed only from what the connected account still holds.
        if ((account?.balance ?? 0) < request.amountCents) return { refused: 'Insufficient funds in the destination account to reverse this transfer.' };
        tx.update(accountPath, { balance: (account?.balance ?? 0) - request.amountCents });
        const reversed = transfer.stripe.amount_reversed + request.amountCents;
        tx.update(transferPath, { 'stripe.amount_reversed': reversed, 'stripe.reversed': reversed === transfer.stripe.amount });
        const reversalId = newId('trr');
        const transaction = transferTransaction(
          { id: reversalId, amount: request.amountCents, currency: transfer.stripe.currency, created: this.nowSeconds() },
          'reversal',
        );
        keepBalanceTransactions(tx, sequence, transaction);
        return {
          sequence,
          stripe: {
            id: reversalId,
            object: 'transfer_reversal',
            amount: request.amountCents,
            currency: transfer.stripe.currency,
            transfer: request.transferId,
            metadata: request.metadata,
            created: this.nowSeconds(),
            balance_transaction: transaction.id,
          },
        };
      },
    );
    return { reversalId: reversal.id };
  }

  /**
   * A refund of part of a charge, as Stripe makes it: the charge's refunded total grows in
   * the same transaction, and `charge.refunded` is sent once, by the call that made it (a
   * replayed key answers the first refund and sends nothing).
   */
  async refund(request: RefundRequest): Promise<RefundMade> {
    assertCents(request.amountCents);
    this.takeWrite();
    let made: { refundId: string; charge: LocalCharge } | undefined;
    const refund = await this.createOnce<LocalRefund>(collections.refunds, request.idempotencyKey, ['refunds.create', request], async (tx, sequence) => {
      const chargePath = docIn(collections.charges, request.chargeId);
      const stored = await tx.get(chargePath);
      if (!stored) throw new PaymentRefused(`No such charge: '${request.chargeId}'`);
      const charge = stored.stripe;
      // Past validation, as Stripe keeps a refusal: a charged-back charge is refused under the key.
      const chargedBack = await chargedBackRefusal(tx, request.chargeId);
      if (chargedBack) return { refused: chargedBack.message, code: chargedBack.code };
      const left = charge.amount - charge.amount_refunded;
      if (request.amountCents > left) throw new PaymentRefused(`Refund amount (${request.amountCents}) is greater than unrefunded amount on charge (${left})`);
      const refunded = charge.amount_refunded + request.amountCents;
      const after: LocalCharge = { ...charge, amount_refunded: refunded, refunded: refunded === charge.amount };
      tx.set(chargePath, { ...stored, stripe: after });
      const refund = refundOf(charge, request.amountCents, request.metadata, this.nowSeconds(), refunded);
      const transaction = refundTransaction(refund);
      keepBalanceTransactions(tx, sequence, transaction);
      made = { refundId: refund.id, charge: after };
      // Kept beside the refund (`charge_refunded_after`), as the expanded charge Stripe replays under the key.
      return { sequence, stripe: { ...refund, balance_transaction: transaction.id } };
    });
    // Only the attempt that made it sends the event; a transaction retried after another call made it did not.
    if (made && made.refundId === refund.id) await this.send('charge.refunded', made.charge);
    return { refundId: refund.id, chargeRefundedCents: refund.charge_refunded_after, created: refund.created };
  }

  /**
   * Stripe's dispute update: evidence staged or submitted, then `charge.dispute.updated`. A
   * key replayed with the same request answers as the first call did; a closed or
   * already submitted dispute is refused.
   */
  async updateDispute(request: DisputeUpdateRequest): Promise<{ submitted: boolean }> {
    this.takeWrite();
    const keyPath = docIn(collections.idempotency, encodeURIComponent(request.idempotencyKey));
    const fingerprint = JSON.stringify(['disputes.update', request]);
    const outcome = await this.options.store.runTransaction(async (tx): Promise<{ dispute: LocalDispute; replay: boolean }> => {
      const path = docIn(collections.disputes, request.disputeId);
      const [seen, stored] = [await tx.get(keyPath), await tx.get(path)];
      if (!stored) throw new PaymentRefused(`No such dispute: '${request.disputeId}'`);
      if (seen) {
        if (seen.request !== fingerprint)
          throw new Error(`Keys for idempotent requests can only be used with the same parameters they were first used with (key ${request.idempotencyKey})`);
        return { dispute: stored.stripe, replay: true };
      }
      if (stored.stripe.status !== 'needs_response' && stored.stripe.status !== 'warning_needs_response')
        throw new PaymentRefused(`This dispute is ${stored.stripe.status}: its evidence can no longer be changed (${request.disputeId}).`);
      const dispute = withEvidence(stored.stripe, request.evidence, request.submit);
      tx.set(keyPath, { request: fingerprint, path });
      tx.set(path, { ...stored, stripe: dispute });
      return { dispute, replay: false };
    });
    if (!outcome.replay) await this.send('charge.dispute.updated', outcome.dispute);
    return { submitted: outcome.dispute.evidence_details.submission_count > 0 };
  }
}

/** Why a transfer from this charge is refused, if it is: another currency, or more than is left of it once refunds are taken out. */
async function chargeShortfall(tx: Transaction, sourceTransaction: string, request: TransferRequest): Promise<string | undefined> {
  const charge = await tx.get(docIn(collections.charges, sourceTransaction));
  if (!charge) throw new PaymentRefused(`No such charge: '${sourceTransaction}'`);
  if (charge.stripe.currency !== request.currency) return `transfer currency ${request.currency} differs from charge currency ${charge.stripe.currency}`;
  const earlier = await tx.query(collections.transfers, { where: [['stripe.source_transaction', '==', sourceTransaction]] });
  const transferred = earlier.reduce((sum, t) => sum + t.data.stripe.amount - t.data.stripe.amount_reversed, 0);
  const left = charge.stripe.amount - charge.stripe.amount_refunded;
  if (transferred + request.amountCents > left)
    return `Insufficient funds: transfers from ${sourceTransaction} would reach ${transferred + request.amountCents} cents, more than the ${left} left of its ${charge.stripe.amount}`;
  return undefined;
}

/** When a charge's funds become available: its balance transaction's `available_on`. */
async function availableOnOfCharge(tx: Transaction, chargeId: string): Promise<number | undefined> {
  const lineId = (await tx.get(docIn(collections.charges, chargeId)))?.stripe.balance_transaction;
  return lineId ? (await tx.get(docIn(collections.balanceTransactions, lineId)))?.stripe.available_on : undefined;
}

/** A transfer's line, pending with its source charge's funds until they are available. */
function fundedFrom(line: LocalBalanceTransaction, availableOn: number | undefined): LocalBalanceTransaction {
  return availableOn !== undefined && availableOn > line.created ? { ...line, available_on: availableOn, status: 'pending' } : line;
}
