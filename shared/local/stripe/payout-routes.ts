/**
 * @module stripe/payout-routes
 * Payouts as Stripe makes them on its own schedule, one route each, and Connect's monthly
 * bill: a connected account's automatic payout and one its bank sends back
 * (`/_local/stripe/accounts/:id/payout`, `.../payout-failed`), the platform's automatic
 * payout of what it holds available (`POST /_local/stripe/payouts`, `{"fail": true}` or
 * `{"failure_code": …}` for one its bank sends back), a month's Connect fees billed to the
 * platform (`POST /_local/stripe/connect-fees` with `{"month": "YYYY-MM"}`, once per month),
 * and every payout made (`GET /_local/stripe/payouts`). Each sends the signed events Stripe
 * would; bodies are JSON (or an Express dashboard button's form).
 */
import type express from 'express';
import { PaymentRefused } from '../../errors';
import type { LocalPayments } from './payments';
import { EventNotDelivered } from './world';
import { isPayoutFailureCode, payoutFailures, type PayoutFailureCode } from './payouts';
import { answerStep, objectFields, pick, refuseRequest } from './step-answers';

const failureCodes = Object.keys(payoutFailures);

export function mountPayoutRoutes(app: express.Express, payments: LocalPayments): void {
  // An automatic payout: the account's whole balance goes to its bank, so a later reversal larger than what is left is refused.
  app.post('/_local/stripe/accounts/:id/payout', async (req, res) => {
    await answerStep(req, res, payments.payOut(String(req.params.id)), {
      key: 'payout',
      unknown: 'no connected account with this id',
      unchanged: 'unchanged',
    });
  });

  // The bank sends the account's newest payout back (or one of `amount`): the money is on its balance again.
  app.post('/_local/stripe/accounts/:id/payout-failed', async (req, res) => {
    const fields = objectFields(req);
    const code = fields && pick(fields.failure_code, failureCodes);
    const amount = fields?.amount;
    if (!fields || code === null || (amount !== undefined && !(typeof amount === 'number' && Number.isSafeInteger(amount) && amount > 0)))
      return refuseRequest(req, res, `body is {} or {"failure_code": one of ${failureCodes.join(', ')}, "amount": <whole cents, optional>}`);
    const request = { ...(code ? { failureCode: code as PayoutFailureCode } : {}), ...(typeof amount === 'number' ? { amountCents: amount } : {}) };
    // An account with nothing on it has no payout to fail: a 409 (NothingToPayOut is a refusal), like any step that cannot happen.
    await answerStep(req, res, payments.failPayout(String(req.params.id), request), {
      key: 'payout',
      unknown: 'no connected account with this id',
      unchanged: 'unchanged',
    });
  });

  app.get('/_local/stripe/payouts', async (_req, res) => void res.json({ payouts: await payments.listAllPayouts() }));

  app.post('/_local/stripe/payouts', async (req, res) => {
    const fields = objectFields(req);
    const failureCode = platformFailure(fields);
    if (failureCode === null)
      return refuseRequest(req, res, `body is {}, {"fail": true} or {"failure_code": one of ${failureCodes.join(', ')}}: the bank sends the payout back`);
    try {
      const made = await payments.payOutPlatform(failureCode ? { failureCode } : {});
      if (made.payouts.length === 0)
        return void res.status(409).json({
          error: 'the platform holds nothing available to pay out: a charge’s funds become available two days after it (move the clock on)',
          pending: made.pending,
        });
      res.json({ payouts: made.payouts, pending: made.pending, delivered: true });
    } catch (error) {
      // The payouts were made; the webhook did not take one of their events.
      if (error instanceof EventNotDelivered) return void res.status(502).json({ error: error.message, delivered: false });
      throw error;
    }
  });

  app.post('/_local/stripe/connect-fees', async (req, res) => {
    const month = objectFields(req)?.month;
    if (typeof month !== 'string') return refuseRequest(req, res, 'body is {"month": "YYYY-MM"}: the month whose Connect fees Stripe bills');
    try {
      const billed = await payments.billConnectFees(month);
      res.json({ month: billed.month, billed_now: billed.billedNow, balance_transactions: billed.lines });
    } catch (error) {
      if (error instanceof PaymentRefused) return refuseRequest(req, res, error.message);
      throw error;
    }
  });
}

/** The failure asked for the platform's payout: none, a code (`"fail": true` is the bank's usual `account_closed`), or null when the body is wrong. */
function platformFailure(fields: Record<string, unknown> | undefined): PayoutFailureCode | undefined | null {
  if (!fields) return null;
  const { fail, failure_code: code, ...rest } = fields;
  if (Object.keys(rest).length > 0 || (fail !== undefined && typeof fail !== 'boolean')) return null;
  if (code !== undefined) return isPayoutFailureCode(code) ? code : null;
  return fail === true ? 'account_closed' : undefined;
}
