/**
 * @module stripe/intent-pages
 * The buyer's side of a PaymentIntent confirmed on session, as the local stand-in for Stripe.js
 * and Stripe's hosted authentication page:
 *
 * - `POST /_local/stripe/payment-intents/<id>/confirm` with `{"client_secret", "card"?}` (JSON or
 *   a form): what Stripe.js sends from the buyer's browser with the publishable key. The secret is
 *   required, as the publishable key cannot confirm without it; `card` is a test card typed in
 *   (test-cards), the intent's saved card when absent. Refused as Stripe refuses it: an unknown
 *   intent 404, a wrong secret or an intent that succeeded or was cancelled 400, a decline 402.
 * - `GET /_local/stripe/payment-intents/<id>/authenticate`: the bank's step a server-side confirm
 *   sent the buyer to (`next_action.redirect_to_url`), with Complete and Fail as Stripe's test page
 *   has; `POST` with `?outcome=complete|fail` takes it and sends a browser back to `return_url`.
 */
import type express from 'express';
import { escapeHtml, formatMoney, page as layoutPage } from '../../common';
import type { LocalPayments } from './payments';
import { isTestCardKind, testCardKinds, type TestCardKind } from './test-cards';

export function mountIntentPages(app: express.Express, payments: LocalPayments): void {
  app.post('/_local/stripe/payment-intents/:id/confirm', async (req, res) => {
    const fields = bodyFields(req.body, req.get('content-type') ?? '');
    const clientSecret = fields.get('client_secret');
    if (!clientSecret)
      return void res
        .status(400)
        .json({ error: { type: 'invalid_request_error', message: 'A client_secret is required to confirm with a publishable key.', param: 'client_secret' } });
    const card = fields.get('card');
    if (card !== undefined && !isTestCardKind(card)) return void res.status(400).json({ error: { message: `card is one of ${testCardKinds.join(', ')}` } });
    const answer = await payments.confirmIntent(String(req.params.id), { clientSecret, ...(card ? { card: card as TestCardKind } : {}) });
    if (answer.result === 'refused')
      return void res
        .status(answer.status)
        .json({ error: { type: 'invalid_request_error', code: answer.code, message: answer.message, ...(answer.param ? { param: answer.param } : {}) } });
    const error = answer.intent.status === 'requires_payment_method' ? answer.intent.last_payment_error : null;
    if (error) return void res.status(402).json({ error: { ...error, payment_intent: answer.intent } });
    res.json({ payment_intent: answer.intent });
  });

  app.get('/_local/stripe/payment-intents/:id/authenticate', async (req, res) => {
    const intent = await payments.paymentIntent(String(req.params.id));
    if (intent?.status !== 'requires_action')
      return void res.status(404).type('html').send(page('Nothing to authenticate', '<p>This payment is not waiting for its buyer to authenticate.</p>'));
    const base = `/_local/stripe/payment-intents/${encodeURIComponent(intent.id)}/authenticate`;
    const amount = formatMoney({ cents: intent.amount, currency: intent.currency });
    res.type('html').send(
      page(
        `Authenticate ${amount}`,
        `<p class="lede">Your bank asks you to confirm this payment of ${escapeHtml(amount)}.</p>
    <div class="actions">
      <form method="post" action="${base}?outcome=complete"><button class="button" type="submit">Complete authentication</button></form>
      <form method="post" action="${base}?outcome=fail"><button class="button secondary" type="submit">Fail authentication</button></form>
    </div>
    <p><small>Local stand-in for Stripe’s 3-D Secure page: no money moves.</small></p>`,
      ),
    );
  });

  app.post('/_local/stripe/payment-intents/:id/authenticate', async (req, res) => {
    const outcome = req.query.outcome === 'complete' || req.query.outcome === 'fail' ? req.query.outcome : undefined;
    if (!outcome) return void res.status(400).json({ error: 'outcome is complete or fail' });
    const done = await payments.authenticate(String(req.params.id), outcome);
    if (!done) return void res.status(409).json({ error: 'this payment is not waiting for its buyer to authenticate' });
    if ((req.get('accept') ?? '').includes('text/html')) return void res.redirect(303, done.returnUrl);
    res.json({ payment_intent: done.intent, return_url: done.returnUrl });
  });
}

/** A JSON object's or a form's fields, as text. */
function bodyFields(body: unknown, contentType: string): Map<string, string> {
  const text = Buffer.isBuffer(body) ? body.toString('utf8') : typeof body === 'string' ? body : '';
  if (contentType.startsWith('application/x-www-form-urlencoded')) return new Map(new URLSearchParams(text));
  try {
    const json: unknown = text.trim() === '' ? {} : JSON.parse(text);
    const entries = json !== null && typeof json === 'object' ? Object.entries(json) : [];
    return new Map(entries.filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return new Map();
  }
}

function page(title: string, body: string): string {
  return layoutPage(
    { title, site: 'C500 Collective (local)', head: '<style>form { margin: 0; }</style>', standIn: 'Stripe' },
    `  <main id="main" class="section">
    <div class="wrap prose">
      <p class="eyebrow">Stripe, simulated locally</p>
      <h1>${escapeHtml(title)}</h1>
      ${body}
    </div>
  </main>`,
  );
}
