/**
 * @module stripe/after-payment-routes
 * What Stripe does after a payment that nobody at C500 asks for, one route each, as the
 * card's bank, Radar or the builder would make it happen: a refund sent back, an early fraud
 * warning, an account that revokes C500, payouts (payout-routes). And the platform's ledger as
 * Stripe lists it (`GET /_local/stripe/balance-transactions`, the same list as
 * `GET /v1/balance_transactions`, with the whole list's net beside it). Each step sends the
 * really signed events Stripe would; bodies are JSON (or a checkout page button's form).
 */
import type express from 'express';
import type { LocalPayments } from './payments';
import { earlyFraudTypes, refundFailureReasons, type EarlyFraudType, type RefundFailureReason } from './objects';
import { mountPayoutRoutes } from './payout-routes';
import { readStripeForm, StripeParameterError } from './api-form';
import { balanceTransactionFilter } from './api-requests';
import { answerStep, objectFields, pick, refuseRequest } from './step-answers';

export function mountAfterPaymentRoutes(app: express.Express, payments: LocalPayments): void {
  app.post('/_local/stripe/refunds/:id/fail', async (req, res) => {
    const fields = objectFields(req);
    const reason = fields && pick(fields.failure_reason, refundFailureReasons);
    if (!fields || reason === null) return refuseRequest(req, res, `body is {} or {"failure_reason": one of ${refundFailureReasons.join(', ')}}`);
    await answerStep(req, res, payments.failRefund(String(req.params.id), reason as RefundFailureReason | undefined), {
      key: 'refund',
      unknown: 'no refund with this id was made by the local Stripe',
      unchanged: 'only a refund that succeeded can fail',
    });
  });

  const warn = async (req: express.Request, res: express.Response, chargeId: string | undefined) => {
    const fields = objectFields(req);
    const fraudType = fields && pick(fields.fraud_type, earlyFraudTypes);
    if (!fields || fraudType === null) return refuseRequest(req, res, `body is {} or {"fraud_type": one of ${earlyFraudTypes.join(', ')}}`);
    await answerStep(req, res, chargeId ? payments.warnOfFraud(chargeId, fraudType as EarlyFraudType | undefined) : Promise.resolve({ result: 'unknown' }), {
      key: 'early_fraud_warning',
      unknown: 'no paid charge with this id (or behind this session) was made by the simulator',
      unchanged: 'unchanged',
    });
  };
  app.post('/_local/stripe/charges/:id/early-fraud-warning', (req, res) => warn(req, res, String(req.params.id)));
  app.post('/_local/stripe/sessions/:id/early-fraud-warning', async (req, res) => warn(req, res, await payments.chargeOfSession(String(req.params.id))));

  app.post('/_local/stripe/accounts/:id/deauthorize', async (req, res) => {
    await answerStep(req, res, payments.deauthorize(String(req.params.id)), {
      key: 'application',
      unknown: 'no connected account with this id',
      unchanged: 'this account already revoked C500',
    });
  });

  mountPayoutRoutes(app, payments);

  // The platform's ledger, newest first: the query takes what `GET /v1/balance_transactions` takes.
  app.get('/_local/stripe/balance-transactions', async (req, res) => {
    const query = (req.url.split('?')[1] ?? '') as string;
    try {
      const filter = balanceTransactionFilter(readStripeForm(query));
      const list = await payments.balanceTransactionPage(filter);
      const whole = await payments.balanceTransactionPage({ ...filter, limit: 100, startingAfter: undefined, endingBefore: undefined });
      res.json({ ...list, platform_net_cents: await netOf(payments, filter, whole) });
    } catch (error) {
      if (error instanceof StripeParameterError) return void res.status(400).json({ error: error.message });
      throw error;
    }
  });
}

/** The net of every transaction the filter matches, page after page. */
async function netOf(
  payments: LocalPayments,
  filter: Parameters<LocalPayments['balanceTransactionPage']>[0],
  first: { data: Array<{ id: string; net: number }>; has_more: boolean },
): Promise<number> {
  let page = first;
  let net = page.data.reduce((sum, t) => sum + t.net, 0);
  while (page.has_more) {
    const last = page.data[page.data.length - 1];
    if (!last) break;
    page = await payments.balanceTransactionPage({ ...filter, limit: 100, startingAfter: last.id, endingBefore: undefined });
    net += page.data.reduce((sum, t) => sum + t.net, 0);
  }
  return net;
}
