/**
 * @module stripe/dispute-routes
 * The local Stripe's disputes, as a buyer's bank would make them: open one on a paid charge
 * (or a session's), close it won or lost, and list them with their evidence and whether it
 * was submitted. Each step sends the really signed `charge.dispute.*` events Stripe would.
 * Bodies are JSON and checked: anything else is a 400.
 */
import type express from 'express';
import { PaymentRefused } from '../../errors';
import type { LocalPayments } from './payments';
import type { LocalDispute } from './objects';
import { disputeNetCents, disputeReasons } from './disputes';
import { delivered } from './simulator';
import type { SimulatedChange } from './world';

type OpenRequest = { reason: string; amountCents?: number; dueInHours?: number };

export function mountDisputeRoutes(app: express.Express, payments: LocalPayments): void {
  app.get('/_local/stripe/disputes', async (_req, res) => {
    const disputes = await payments.listDisputes();
    res.json({
      disputes: disputes.map((d) => ({ ...d, evidence_submitted: d.evidence_details.submission_count > 0, platform_net_cents: disputeNetCents(d) })),
    });
  });

  const open = async (req: express.Request, res: express.Response, chargeId: string | undefined) => {
    const body = openRequest(jsonBody(req));
    if (typeof body === 'string') return void res.status(400).json({ error: body });
    if (!chargeId) return void res.status(404).json({ error: 'no paid charge with this id (or behind this session) was made by the simulator' });
    await answer(res, payments.openDispute(chargeId, body), 'this charge is already disputed');
  };
  app.post('/_local/stripe/charges/:id/dispute', (req, res) => open(req, res, String(req.params.id)));
  app.post('/_local/stripe/sessions/:id/dispute', async (req, res) => open(req, res, await payments.chargeOfSession(String(req.params.id))));

  app.post('/_local/stripe/disputes/:id/close', async (req, res) => {
    const status = (jsonBody(req) as { status?: unknown } | undefined)?.status;
    if (status !== 'won' && status !== 'lost') return void res.status(400).json({ error: 'body is {"status": "won"} or {"status": "lost"}' });
    await answer(res, payments.closeDispute(String(req.params.id), status), 'this dispute is already closed');
  });
}

async function answer(res: express.Response, step: Promise<SimulatedChange<LocalDispute>>, unchanged: string): Promise<void> {
  let change;
  try {
    change = await delivered(step);
  } catch (error) {
    if (error instanceof PaymentRefused) return void res.status(409).json({ error: error.message });
    throw error;
  }
  if ('undelivered' in change) return void res.status(502).json({ dispute: change.undelivered.object, delivered: false, error: change.undelivered.message });
  if (change.result === 'unknown') return void res.status(404).json({ error: 'no such charge or dispute' });
  if (change.result === 'unchanged') return void res.status(409).json({ error: unchanged, dispute: change.object });
  res.json({ dispute: change.object, delivered: true });
}

/** `{"reason": "product_not_received", "amount": 1200, "due_in_hours": 12}`: a reason Stripe knows; amount and due time optional. */
function openRequest(body: unknown): OpenRequest | string {
  const usage = 'body is {"reason": "<Stripe reason code>", "amount": <whole cents, optional>, "due_in_hours": <1 to 720, optional>}';
  if (body === undefined || typeof body !== 'object' || body === null || Array.isArray(body)) return usage;
  const { reason, amount, due_in_hours: dueInHours, ...rest } = body as Record<string, unknown>;
  if (Object.keys(rest).length > 0) return `unknown field ${Object.keys(rest)[0]}: ${usage}`;
  if (typeof reason !== 'string' || !(disputeReasons as readonly string[]).includes(reason)) return `reason is one of ${disputeReasons.join(', ')}`;
  if (amount !== undefined && (typeof amount !== 'number' || !Number.isSafeInteger(amount) || amount <= 0)) return 'amount is whole cents, more than zero';
  if (dueInHours !== undefined && (typeof dueInHours !== 'number' || !Number.isFinite(dueInHours) || dueInHours < 1 || dueInHours > 720))
    return 'due_in_hours is a number of hours from 1 to 720';
  return { reason, ...(amount !== undefined ? { amountCents: amount } : {}), ...(dueInHours !== undefined ? { dueInHours } : {}) };
}

/** The request's JSON body: {} when empty, undefined when it is not JSON. */
function jsonBody(req: express.Request): unknown {
  const raw: unknown = req.body ?? (req as express.Request & { rawBody?: Buffer }).rawBody;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
