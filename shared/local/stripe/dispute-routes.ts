/**
 * @module stripe/dispute-routes
 * The local Stripe's disputes, as a buyer's bank would make them: open one on a paid charge
 * (or a session's), a chargeback or an inquiry (`"inquiry": true`); escalate an inquiry into a
 * chargeback; close it (won or lost, `warning_closed` for an inquiry); and list them with their
 * evidence and whether it was submitted. Each step sends the really signed `charge.dispute.*`
 * events Stripe would. Bodies are JSON (or a checkout page button's form) and checked:
 * anything else is a 400.
 */
import type express from 'express';
import type { LocalPayments } from './payments';
import type { LocalDispute } from './objects';
import { disputeNetCents, disputeReasons } from './disputes';
import type { SimulatedChange } from './world';
import { answerStep, refuseRequest, requestFields } from './step-answers';
import { mountAfterPaymentRoutes } from './after-payment-routes';

type OpenRequest = { reason: string; amountCents?: number; dueInHours?: number; inquiry?: boolean };

const closings = ['won', 'lost', 'warning_closed'] as const;

export function mountDisputeRoutes(app: express.Express, payments: LocalPayments): void {
  // What else a bank, Radar or a builder does after a payment, mounted beside the disputes.
  mountAfterPaymentRoutes(app, payments);
  app.get('/_local/stripe/disputes', async (_req, res) => {
    const disputes = await payments.listDisputes();
    res.json({
      disputes: disputes.map((d) => ({ ...d, evidence_submitted: d.evidence_details.submission_count > 0, platform_net_cents: disputeNetCents(d) })),
    });
  });

  const open = async (req: express.Request, res: express.Response, chargeId: string | undefined) => {
    const body = openRequest(requestFields(req));
    if (typeof body === 'string') return refuseRequest(req, res, body);
    if (!chargeId) return refuseWithStatus(res, 404, 'no paid charge with this id (or behind this session) was made by the simulator');
    await answer(req, res, payments.openDispute(chargeId, body), 'this charge already has a dispute open or decided');
  };
  app.post('/_local/stripe/charges/:id/dispute', (req, res) => open(req, res, String(req.params.id)));
  app.post('/_local/stripe/sessions/:id/dispute', async (req, res) => open(req, res, await payments.chargeOfSession(String(req.params.id))));

  app.post('/_local/stripe/disputes/:id/close', async (req, res) => {
    const status = (requestFields(req) as { status?: unknown } | undefined)?.status;
    const closing = closings.find((c) => c === status);
    if (!closing)
      return refuseRequest(req, res, 'body is {"status": "won"} or {"status": "lost"} for a chargeback, {"status": "warning_closed"} for an inquiry');
    await answer(req, res, payments.closeDispute(String(req.params.id), closing), 'this dispute is already closed');
  });

  app.post('/_local/stripe/disputes/:id/escalate', async (req, res) => {
    const fields = requestFields(req);
    const dueInHours = (fields as { due_in_hours?: unknown } | undefined)?.due_in_hours;
    if (fields === undefined || (dueInHours !== undefined && !hours(dueInHours))) return refuseRequest(req, res, 'body is {} or {"due_in_hours": <1 to 720>}');
    await answer(req, res, payments.escalateDispute(String(req.params.id), hours(dueInHours) ? { dueInHours } : {}), 'only an open inquiry escalates');
  });
}

function answer(req: express.Request, res: express.Response, step: Promise<SimulatedChange<LocalDispute>>, unchanged: string): Promise<void> {
  return answerStep(req, res, step, { key: 'dispute', unknown: 'no such charge or dispute', unchanged });
}

function refuseWithStatus(res: express.Response, status: number, error: string): void {
  res.status(status).json({ error });
}

const hours = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 1 && value <= 720;

/** `{"reason": "product_not_received", "amount": 1200, "due_in_hours": 12, "inquiry": true}`: a reason Stripe knows; the rest optional. */
function openRequest(body: unknown): OpenRequest | string {
  const usage =
    'body is {"reason": "<Stripe reason code>", "amount": <whole cents, optional>, "due_in_hours": <1 to 720, optional>, "inquiry": <true for an inquiry, optional>}';
  if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) return usage;
  const { reason, amount, due_in_hours: dueInHours, inquiry, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `unknown field ${Object.keys(rest)[0]}: ${usage}`;
  if (typeof reason !== 'string' || !(disputeReasons as readonly string[]).includes(reason)) return `reason is one of ${disputeReasons.join(', ')}`;
  if (amount !== undefined && (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0)) return 'amount is whole cents, more than zero';
  if (dueInHours !== undefined && !hours(dueInHours)) return 'due_in_hours is a number of hours from 1 to 720';
  if (inquiry !== undefined && typeof inquiry !== 'boolean') return 'inquiry is true or false';
  return { reason, ...(amount !== undefined ? { amountCents: amount } : {}), ...(hours(dueInHours) ? { dueInHours } : {}), ...(inquiry ? { inquiry } : {}) };
}
