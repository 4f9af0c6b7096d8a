/**
 * @module stripe/step-answers
 * How the simulator's routes read a step's request and answer its outcome, the same for a
 * script (JSON in, JSON out) and for a person clicking a button on the checkout page (a form
 * in, and back to the page, or a page saying why not).
 */
import type express from 'express';
import { PaymentRefused } from '../../errors';
import { escapeHtml } from '../../common';
import { delivered, simulatorPage } from './simulator';
import type { SimulatedChange } from './world';

/**
 * The request's fields: its JSON body ({} when empty, undefined when it is not JSON), or a
 * form's, whose numbers and booleans are read as such (a button's hidden fields).
 */
export function requestFields(req: express.Request): unknown {
  const raw: unknown = req.body ?? (req as express.Request & { rawBody?: Buffer }).rawBody;
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  if ((req.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return formFields(text);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The request's fields when they are an object (a JSON object or a form), else undefined. */
export function objectFields(req: express.Request): Record<string, unknown> | undefined {
  const fields = requestFields(req);
  return fields !== null && typeof fields === 'object' && !Array.isArray(fields) ? (fields as Record<string, unknown>) : undefined;
}

/** The value if it is one of `allowed`, undefined when not given, null when it is something else. */
export function pick(value: unknown, allowed: readonly string[]): string | undefined | null {
  if (value === undefined) return undefined;
  return typeof value === 'string' && allowed.includes(value) ? value : null;
}

function formFields(text: string): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (name === 'back') continue;
    fields[name] = value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;
  }
  return fields;
}

/** Where a button sends the person back to: only a checkout page or an Express dashboard of this simulator. */
function backTo(req: express.Request): string | undefined {
  if (!(req.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) return undefined;
  const raw: unknown = req.body;
  const back = new URLSearchParams(Buffer.isBuffer(raw) ? raw.toString('utf8') : '').get('back');
  return back && /^\/_local\/stripe\/(checkout|express)\/[\w-]+$/.test(back) ? back : undefined;
}

/** A bad request: a 400 with the usage, as JSON or as a page. */
export function refuseRequest(req: express.Request, res: express.Response, error: string): void {
  answerError(req, res, 400, error);
}

function answerError(req: express.Request, res: express.Response, status: number, error: string, extra: Record<string, unknown> = {}): void {
  const back = backTo(req);
  if (!back) return void res.status(status).json({ error, ...extra });
  res
    .status(status)
    .type('html')
    .send(
      simulatorPage(
        'Not done',
        `<p>${escapeHtml(error)}</p><p><a href="${escapeHtml(back)}">Back to the ${back.includes('/express/') ? 'dashboard' : 'checkout'}</a></p>`,
      ),
    );
}

/**
 * A step's outcome: 200 with the object under `key` once its events were taken, 502 when the
 * webhook refused one (the state changed all the same), 404 unknown, 409 unchanged or refused.
 */
export async function answerStep<T>(
  req: express.Request,
  res: express.Response,
  step: Promise<SimulatedChange<T>>,
  words: { key: string; unknown: string; unchanged: string },
): Promise<void> {
  let change;
  try {
    change = await delivered(step);
  } catch (error) {
    if (error instanceof PaymentRefused) return answerError(req, res, 409, error.message);
    throw error;
  }
  if ('undelivered' in change) return answerError(req, res, 502, change.undelivered.message, { [words.key]: change.undelivered.object, delivered: false });
  if (change.result === 'unknown') return answerError(req, res, 404, words.unknown);
  if (change.result === 'unchanged') return answerError(req, res, 409, words.unchanged, { [words.key]: change.object });
  const back = backTo(req);
  if (back) return void res.redirect(303, back);
  res.json({ [words.key]: change.object, delivered: true });
}
