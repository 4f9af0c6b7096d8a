/**
 * @module stripe/simulator
 * The local stand-in for Stripe's hosted pages and dashboard (docs/architecture.md, section 7): a
 * checkout page with Pay and Cancel, the onboarding link, refunds, and JSON lists of what
 * was made. Every step goes through LocalPayments, which sends the same signed webhook
 * events Stripe would to the real `POST /webhooks/stripe` (see event-sender).
 */
import type express from 'express';
import { formatMoney, parseAmount, escapeHtml, page as layoutPage } from '../../common';
import type { LocalPayments } from './payments';
import type { LocalCharge, LocalCheckoutSession } from './objects';
import { PaymentRefused } from '../../errors';
import { EventNotDelivered, ShippingRefused, localPaymentMethods, type SimulatedChange } from './world';
import { parseBuyerShipping } from './shipping';
import { addressFields, missingWords, typedAddress, type AddressProblem, type TypedAddress } from './address-form';
import { parseBuyerCard } from './buyer-card';
import { authenticationAnswer, authenticationPageBody, refusedOnPageBody } from './authentication-page';
import { PageRefused } from './saved-card-world';
import { setupPageBody } from './setup-page';
import { mountIntentPages } from './intent-pages';
import { isWebhookHoldKind, webhookHoldKinds } from './webhook-hold';

export interface StripeSimulatorDeps {
  payments: LocalPayments;
}

export function mountStripeSimulator(app: express.Express, { payments }: StripeSimulatorDeps): void {
  app.get('/_local/stripe/sessions', async (_req, res) => {
    res.json({ sessions: await payments.listSessions() });
  });

  // A test's switch (`?seconds=`): webhook events held back for that long of the local clock (a backlog at Stripe), then sent as Stripe retries.
  // `&kind=groupbuy`: only a group buy's events (its pledges' and orders'), every other payment's sent at once.
  app.post('/_local/stripe/webhooks/hold', (req, res) => {
    const seconds = Number(req.query.seconds);
    if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 7 * 86_400)
      return void res.status(400).json({ error: 'seconds: a number of seconds, up to a week' });
    const kind = req.query.kind;
    if (kind !== undefined && !isWebhookHoldKind(kind))
      return void res.status(400).json({ error: `kind: ${webhookHoldKinds.join(', ')}, or none for every event` });
    const until = payments.holdWebhooks(seconds * 1000, kind ?? 'all');
    if (!until) return void res.status(409).json({ error: 'this local Stripe sends its events at once and cannot hold them' });
    res.json({ heldUntil: until });
  });

  // What Stripe's dashboard lists as events: each one's id finds its trace (`/_local/traces?stripeEvent=`).
  app.get('/_local/stripe/events', (_req, res) => void res.json({ events: payments.sentEvents() }));

  app.get('/_local/stripe/transfers', async (_req, res) => {
    res.json({ transfers: await payments.listTransfers() });
  });

  app.get('/_local/stripe/refunds', async (_req, res) => void res.json({ refunds: await payments.listRefunds() }));
  // Checkout's and those made off session, each with `off_session` beside Stripe's fields.
  // `?limit=<n>`: only the newest n (a watcher that only asks whether one was made keeps its reads small).
  app.get('/_local/stripe/payment-intents', async (req, res) => {
    const limit = Number.parseInt(String(req.query.limit ?? ''), 10);
    res.json({ payment_intents: await payments.listPaymentIntents(Number.isSafeInteger(limit) && limit > 0 ? limit : undefined) });
  });
  // Every customer with the cards saved on it now: a deleted one is `{ id, object, deleted: true }` with none.
  app.get('/_local/stripe/customers', async (_req, res) => void res.json({ customers: await payments.listCustomers() }));
  app.get('/_local/stripe/accounts', async (_req, res) => {
    res.json({ accounts: await payments.listAccounts() });
  });

  app.get('/_local/stripe/checkout/:id', async (req, res) => {
    const found = await payments.session(String(req.params.id));
    if (!found) return void res.status(404).type('html').send(page('Checkout not found', '<p>There is no checkout session with this id.</p>'));
    const { session, imageUrl } = found;
    res.type('html').send(session.mode === 'setup' ? page('Save a card', setupPageBody(session)) : checkoutPage(session, imageUrl));
  });

  app.post('/_local/stripe/sessions/:id/pay', (req, res) => payAsBuyer(req, res, payments));
  // A refused PaymentIntent confirmed again with its buyer there: Stripe.js's confirm, and Stripe's authentication page.
  mountIntentPages(app, payments);

  // The bank's answer to a bank debit: `?outcome=succeeded` or `?outcome=failed`.
  app.post('/_local/stripe/sessions/:id/settle', async (req, res) => {
    const outcome = req.query.outcome === 'succeeded' || req.query.outcome === 'failed' ? req.query.outcome : undefined;
    if (!outcome) return void res.status(400).json({ error: 'outcome is succeeded or failed' });
    await answerSessionStep(req, res, payments.settleDelayedPayment(String(req.params.id), outcome), (s) =>
      s.success_url.replaceAll('{CHECKOUT_SESSION_ID}', s.id),
    );
  });

  app.post('/_local/stripe/sessions/:id/expire', async (req, res) => {
    await answerSessionStep(req, res, payments.expireSession(String(req.params.id)), (s) => s.cancel_url);
  });

  app.post('/_local/stripe/charges/:id/refund', (req, res) => refundAsDashboard(req, res, payments, String(req.params.id)));

  app.post('/_local/stripe/sessions/:id/refund', async (req, res) =>
    refundAsDashboard(req, res, payments, await payments.chargeOfSession(String(req.params.id))),
  );

  // A buyer opens a guild's merch Payment Link (`metadata.guild_id`); pay it like any session.
  app.post('/_local/stripe/payment-links/:guildId', (req, res) => openPaymentLink(req, res, payments));

  mountExpressDashboard(app, payments);

  app.get('/_local/stripe/onboarding/:accountId', async (req, res) => {
    const change = await delivered(payments.completeOnboarding(String(req.params.accountId)));
    if ('undelivered' in change)
      return void res
        .status(502)
        .type('html')
        .send(page('Onboarding not delivered', `<p>${escapeHtml(change.undelivered.message)}</p>`));
    if (change.result === 'unknown')
      return void res.status(404).type('html').send(page('Unknown account', '<p>There is no connected account with this id.</p>'));
    res.type('html').send(page('Onboarding complete', '<p class="lede">You can take payments now. Go back to Discord: C500 will confirm there.</p>'));
  });
}

/** A refund of the whole charge, or of `?amount=<cents>` (Stripe allows several partial ones); refused as Stripe refuses it (400 charge_disputed). */
async function refundAsDashboard(req: express.Request, res: express.Response, payments: LocalPayments, chargeId: string | undefined): Promise<void> {
  const amount = req.query.amount === undefined ? undefined : Number(req.query.amount);
  if (amount !== undefined && (!Number.isSafeInteger(amount) || amount <= 0))
    return void res.status(400).json({ error: 'amount is whole cents, more than zero' });
  let change: Awaited<ReturnType<typeof delivered<LocalCharge>>>;
  try {
    change = chargeId ? await delivered(payments.refundCharge(chargeId, amount)) : { result: 'unknown' as const };
  } catch (error) {
    // Stripe's own refusal (a charged-back charge), in its words and with its code: nothing changed.
    if (error instanceof PaymentRefused) return void res.status(400).json({ error: error.message, code: error.stripeCode });
    throw error;
  }
  if ('undelivered' in change) return void res.status(502).json({ charge: change.undelivered.object, delivered: false, error: change.undelivered.message });
  if (change.result === 'unknown') return void res.status(404).json({ error: 'no charge with this id was made by the simulator' });
  if (change.result === 'unchanged')
    return void res
      .status(409)
      .json({ error: `Charge ${change.object.id} has already been refunded.`, code: 'charge_already_refunded', charge: change.object });
  res.json({ charge: change.object, delivered: true });
}

/** A buyer opens a guild's merch Payment Link: its amount and item from the query; a price Stripe will not charge is refused in its words. */
async function openPaymentLink(req: express.Request, res: express.Response, payments: LocalPayments): Promise<void> {
  const currency = String(req.query.currency ?? 'usd').toLowerCase();
  const amount = parseAmount(String(req.query.amount ?? ''), currency);
  if (!amount.ok) return void res.status(400).json({ error: `amount: ${amount.reason}` });
  if (!/^[a-z]{3}$/.test(currency)) return void res.status(400).json({ error: 'currency is a three-letter code' });
  const reference = typeof req.query.client_reference_id === 'string' ? { clientReferenceId: req.query.client_reference_id } : {};
  try {
    const session = await payments.openPaymentLink({
      guildId: String(req.params.guildId),
      amountCents: amount.cents,
      currency,
      itemName: String(req.query.item ?? 'Merch'),
      ...reference,
    });
    res.json({ session });
  } catch (error) {
    // A price Stripe will not charge (under its minimum, over its maximum): its words, and nothing made.
    if (error instanceof PaymentRefused) return void res.status(400).json({ error: error.message, code: error.stripeCode });
    throw error;
  }
}

/**
 * The bank's step for a card that needs authentication, on an open payment page: its page
 * before the buyer answers (in a browser), a refusal page when they fail it. Undefined when
 * the payment goes on (answered Complete, a JSON caller, any other card or page).
 */
async function authenticationAsked(
  req: express.Request,
  payments: LocalPayments,
  card: string,
  method: string,
): Promise<{ status: number; title: string; body: string } | undefined> {
  if (card !== 'authentication_required' || method !== 'card') return undefined;
  const found = await payments.session(String(req.params.id));
  if (!found || found.session.mode !== 'payment' || found.session.status !== 'open') return undefined;
  const id = found.session.id;
  const answer = authenticationAnswer(req.body, req.get('content-type') ?? '');
  if (answer === 'fail') return { status: 402, title: 'Authentication failed', body: refusedOnPageBody(id, 'Your bank could not confirm the payment.') };
  const browser = (req.get('accept') ?? '').includes('text/html');
  if (answer === undefined && browser) {
    const amount = formatMoney({ cents: found.session.amount_total ?? 0, currency: found.session.currency });
    return { status: 200, title: 'Confirm with your bank', body: authenticationPageBody(id, amount) };
  }
  return undefined;
}

/**
 * The buyer pays. `?method=bank-debit`: a delayed method; the session completes unpaid until
 * `.../settle`. A JSON body `{"shipping": {"name", "address": {…}}, "shipping_rate"?}` is what
 * the buyer typed on a shipped checkout's page (a default address without it); a country the
 * session does not ship to is refused with a 400, as Stripe's page would not take it. A
 * setup-mode session saves a card instead: `"card"` says which test card (test-cards), one that
 * works by default; on a payment-mode page a declined card is refused (402), nothing changed.
 */
async function payAsBuyer(req: express.Request, res: express.Response, payments: LocalPayments): Promise<void> {
  const method = localPaymentMethods.find((m) => m === (req.query.method ?? 'card'));
  if (!method) return void res.status(400).json({ error: `method is one of ${localPaymentMethods.join(', ')}` });
  const shipping = parseBuyerShipping(req.body, req.get('content-type') ?? '');
  if (!shipping.ok) {
    // A person's form gets the same page back, what they typed kept and the part to fix said beside it; a script its JSON error.
    if (!(req.get('accept') ?? '').includes('text/html') || !shipping.field) return void res.status(400).json({ error: shipping.error });
    return void (await checkoutAgain(req, res, payments, { field: shipping.field, words: missingWords[shipping.field] }));
  }
  const card = parseBuyerCard(req.body, req.get('content-type') ?? '');
  if (!card.ok) return void res.status(400).json({ error: card.error });
  const asked = await authenticationAsked(req, payments, card.card, method);
  if (asked) return void res.status(asked.status).type('html').send(page(asked.title, asked.body));
  const step = payments.paySession(String(req.params.id), method, shipping.shipping, card.card);
  try {
    await step;
  } catch (error) {
    // Any other failure is the step's to report (answerSessionStep reads the same promise).
    if (error instanceof ShippingRefused) {
      if (!(req.get('accept') ?? '').includes('text/html')) return void res.status(400).json({ error: error.message });
      return void (await checkoutAgain(req, res, payments, { field: 'country', words: `${error.message[0]?.toUpperCase() ?? ''}${error.message.slice(1)}.` }));
    }
    if (error instanceof PageRefused) {
      if (!(req.get('accept') ?? '').includes('text/html')) return void res.status(error.status).json({ error: error.message });
      return void res
        .status(error.status)
        .type('html')
        .send(page('Card declined', refusedOnPageBody(String(req.params.id), error.message)));
    }
  }
  // Stripe fills the placeholder in success_url so the page can look the order up. A bank
  // debit waits for the bank, which this page plays too: back to it, with the bank's buttons.
  await answerSessionStep(req, res, step, (s) =>
    method === 'bank-debit' ? `/_local/stripe/checkout/${encodeURIComponent(s.id)}` : s.success_url.replaceAll('{CHECKOUT_SESSION_ID}', s.id),
  );
}

/** The checkout page again after a refused address: 400, the address as typed, and what to fix beside its field. */
async function checkoutAgain(req: express.Request, res: express.Response, payments: LocalPayments, problem: AddressProblem): Promise<void> {
  const found = await payments.session(String(req.params.id));
  if (!found) return void res.status(404).type('html').send(page('Checkout not found', '<p>There is no checkout session with this id.</p>'));
  const body: unknown = req.body;
  const typed = Buffer.isBuffer(body) || typeof body === 'string' ? typedAddress(body.toString()) : {};
  res
    .status(400)
    .type('html')
    .send(checkoutPage(found.session, found.imageUrl, { typed, problem }));
}

type Step<T> = SimulatedChange<T> | { undelivered: EventNotDelivered };

/** A step whose state changed but whose event the webhook refused is reported, not thrown. */
export async function delivered<T>(step: Promise<SimulatedChange<T>>): Promise<Step<T>> {
  try {
    return await step;
  } catch (error) {
    if (error instanceof EventNotDelivered) return { undelivered: error };
    throw error;
  }
}

async function answerSessionStep(
  req: express.Request,
  res: express.Response,
  step: Promise<SimulatedChange<LocalCheckoutSession>>,
  redirectTo: (s: LocalCheckoutSession) => string,
): Promise<void> {
  const browser = (req.get('accept') ?? '').includes('text/html');
  const change = await delivered(step);
  if ('undelivered' in change) {
    const message = change.undelivered.message;
    if (browser)
      return void res
        .status(502)
        .type('html')
        .send(page('Event not delivered', `<p>${escapeHtml(message)}</p>`));
    return void res.status(502).json({ session: change.undelivered.object, delivered: false, error: message });
  }
  if (change.result === 'unknown') {
    if (browser) return void res.status(404).type('html').send(page('Checkout not found', '<p>There is no checkout session with this id.</p>'));
    return void res.status(404).json({ error: 'no such checkout session' });
  }
  if (change.result === 'unchanged') {
    const message = `this checkout session is ${change.object.status}, not open`;
    if (browser)
      return void res
        .status(409)
        .type('html')
        .send(page('Checkout closed', `<p>${escapeHtml(message)}.</p>`));
    return void res.status(409).json({ error: message, session: change.object });
  }
  if (browser) return void res.redirect(303, redirectTo(change.object));
  res.json({ session: change.object, delivered: true });
}

/** One line a session pays for, or (several lots of a show in one checkout) each line with its amount and then the total. */
function checkoutPage(session: LocalCheckoutSession, imageUrl: string | undefined, refused?: { typed: TypedAddress; problem: AddressProblem }): string {
  const lines = session.line_items.data;
  const item = lines.length > 1 ? `${lines.length} items` : (lines[0]?.description ?? 'Your order');
  const amount = formatMoney({ cents: session.amount_total ?? 0, currency: session.currency });
  const lineList =
    lines.length > 1
      ? `<ul class="lines">${lines
          .map((l) => `<li>${escapeHtml(l.description)}: ${escapeHtml(formatMoney({ cents: l.amount_total, currency: l.currency }))}</li>`)
          .join('')}</ul>`
      : '';
  const base = `/_local/stripe/sessions/${encodeURIComponent(session.id)}`;
  const shipTo = session.shipping_address_collection?.allowed_countries;
  const actions =
    session.status === 'open'
      ? `<div class="actions">
      <form method="post" action="${base}/pay">${shipTo ? addressFields(shipTo, refused?.typed, refused?.problem) : ''}<button class="button" type="submit">Pay ${escapeHtml(amount)}</button></form>
      <form method="post" action="${base}/pay"><input type="hidden" name="card" value="authentication_required"><button class="button secondary" type="submit">Pay with a card that asks for authentication (3-D Secure)</button></form>
      <form method="post" action="${base}/pay"><input type="hidden" name="card" value="declined"><button class="button secondary" type="submit">Pay with a card that is declined</button></form>
      <form method="post" action="${base}/pay?method=bank-debit"><button class="button secondary" type="submit">Pay by bank debit (settles later)</button></form>
      <form method="post" action="${base}/expire"><button class="button secondary" type="submit">Let it expire</button></form>
    </div>`
      : session.status === 'complete' && session.payment_status === 'unpaid'
        ? // A bank debit: Stripe waits days for the bank's answer; here the answer is a click.
          `<p>Paid by bank debit: the bank has not answered yet.</p>
    <div class="actions">
      <form method="post" action="${base}/settle?outcome=succeeded"><button class="button" type="submit">The bank pays</button></form>
      <form method="post" action="${base}/settle?outcome=failed"><button class="button secondary" type="submit">The bank refuses</button></form>
    </div>`
        : `<p>This checkout is <strong>${escapeHtml(session.status)}</strong>.</p>${session.payment_status === 'paid' ? afterPaymentButtons(base, session.id) : ''}`;
  return page(
    `Pay for ${item}`,
    `<div class="card">
    ${imageUrl ? `<img src="${escapeHtml(imageUrl)}" alt="" style="max-width:100%;border-radius:1rem">` : ''}
    <h2>${escapeHtml(item)}</h2>
    ${lineList}
    <p class="lede">${lines.length > 1 ? 'Total: ' : ''}${escapeHtml(amount)}</p>
    ${shippingNote(session)}
    ${actions}
  </div>
  <p><small>Local checkout simulator: no money moves. Paying sends a signed <code>checkout.session.completed</code> to this server’s Stripe webhook.</small></p>`,
  );
}

/** What the buyer's bank or Radar may do after the payment, one button each (the routes send a person back here). */
function afterPaymentButtons(base: string, sessionId: string): string {
  const back = `<input type="hidden" name="back" value="/_local/stripe/checkout/${escapeHtml(encodeURIComponent(sessionId))}">`;
  const button = (action: string, label: string, fields: Record<string, string> = {}) =>
    `<form method="post" action="${base}/${action}">${back}${Object.entries(fields)
      .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
      .join('')}<button class="button secondary" type="submit">${escapeHtml(label)}</button></form>`;
  return `<div class="actions">
      ${button('dispute', 'The bank opens an inquiry', { reason: 'fraudulent', inquiry: 'true' })}
      ${button('dispute', 'The bank opens a chargeback', { reason: 'fraudulent' })}
      ${button('early-fraud-warning', 'Radar warns of fraud')}
    </div>
    <p><a href="/_local/stripe/disputes">Disputes</a> · <a href="/_local/stripe/refunds">Refunds</a> · <a href="/_local/stripe/balance-transactions">The platform’s ledger</a></p>`;
}

/** A shipped checkout: its options, and that the Pay button sends the address typed above it (the other buttons a test address). */
function shippingNote(session: LocalCheckoutSession): string {
  const countries = session.shipping_address_collection?.allowed_countries;
  if (!countries) return '';
  const options = session.shipping_options.map((o) => formatMoney({ cents: o.shipping_amount, currency: session.currency })).join(' or ');
  const where = countries.length > 10 ? `${countries.length} countries` : countries.join(', ');
  return `<p>Plus shipping (${escapeHtml(options)}) to an address in ${escapeHtml(where)}. Pay sends the address you type; the other buttons use a test address in the builder’s country.</p>`;
}

/** A page of the simulator's, in the site's style. */
export function simulatorPage(title: string, body: string): string {
  return page(title, body);
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

/** Where a login link lands: the Express dashboard of one account, as far as the stand-in knows it, with its balance and a payout button. */
function mountExpressDashboard(app: express.Express, payments: LocalPayments): void {
  app.get('/_local/stripe/express/:accountId', async (req, res) => {
    const accountId = String(req.params.accountId);
    const account = (await payments.listAccounts()).find((a) => a.id === accountId);
    if (!account) return void res.status(404).type('html').send(page('Unknown account', '<p>There is no connected account with this id.</p>'));
    const transfers = (await payments.listTransfers()).filter((t) => t.destination === accountId);
    const rows = transfers
      .map((t) => `<li><code>${escapeHtml(t.id)}</code>: ${escapeHtml(formatMoney({ cents: t.amount, currency: t.currency }))}</li>`)
      .join('');
    const balance = (await payments.accountBalance(accountId)) ?? 0;
    const currency = transfers[0]?.currency ?? 'usd';
    // Stripe pays an account's balance out on its schedule: the button does it now, so a later reversal finds nothing to take.
    const payout = `<form method="post" action="/_local/stripe/accounts/${escapeHtml(encodeURIComponent(accountId))}/payout">
      <input type="hidden" name="back" value="/_local/stripe/express/${escapeHtml(encodeURIComponent(accountId))}">
      <button class="button secondary" type="submit"${balance > 0 ? '' : ' disabled'}>Pay the balance out to the bank</button></form>`;
    res.type('html').send(
      page(
        'Express dashboard',
        `<p class="lede">Account <code>${escapeHtml(accountId)}</code>: ${transfers.length} transfers in.</p><ul>${rows}</ul>
          <p>Balance on Stripe: <strong>${escapeHtml(formatMoney({ cents: balance, currency }))}</strong></p>${payout}`,
      ),
    );
  });
}
