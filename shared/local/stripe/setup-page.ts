/**
 * @module stripe/setup-page
 * The local Stripe's hosted page for a setup-mode session: what the buyer agrees to (the
 * session's `custom_text.submit.message`, beside the button as Stripe shows it), the address
 * it asks for, and one button per test card to save (test-cards), or letting it expire.
 */
import { escapeHtml } from '../../common';
import type { LocalCheckoutSession } from './objects';
import { testCards, type TestCardKind } from './test-cards';

const buttons: Array<{ card: TestCardKind; label: string; secondary: boolean }> = [
  { card: 'works', label: 'Save card', secondary: false },
  { card: 'authentication_required', label: 'Save a card that needs authentication when charged', secondary: true },
  { card: 'declined', label: 'Save a card that is declined when charged', secondary: true },
];

/** The page's body (the simulator wraps it in its page). */
export function setupPageBody(session: LocalCheckoutSession): string {
  const base = `/_local/stripe/sessions/${encodeURIComponent(session.id)}`;
  const consent = session.custom_text.submit?.message;
  const actions =
    session.status === 'open'
      ? `<div class="actions">
      ${buttons
        .map(
          (b) => `<form method="post" action="${base}/pay"><input type="hidden" name="card" value="${b.card}">
        <button class="button${b.secondary ? ' secondary' : ''}" type="submit" title="${testCards[b.card].number}">${escapeHtml(b.label)}</button></form>`,
        )
        .join('\n      ')}
      <form method="post" action="${base}/expire"><button class="button secondary" type="submit">Let it expire</button></form>
    </div>`
      : `<p>This checkout is <strong>${escapeHtml(session.status)}</strong>.</p>`;
  return `<div class="card">
    <h2>Save a card for later</h2>
    <p>Nothing is charged now.</p>
    ${consent ? `<p class="lede">${escapeHtml(consent)}</p>` : ''}
    ${addressNote(session)}
    ${actions}
  </div>
  <p><small>Local checkout simulator: no money moves. Saving sends a signed <code>setup_intent.succeeded</code> and <code>checkout.session.completed</code> to this server’s Stripe webhook.</small></p>`;
}

function addressNote(session: LocalCheckoutSession): string {
  const countries = session.shipping_address_collection?.allowed_countries;
  if (!countries) return '';
  const where = countries.length > 10 ? `${countries.length} countries` : countries.join(', ');
  return `<p>Asks for a shipping address in ${escapeHtml(where)}. Saving here uses a test address (a JSON body to the pay route gives another).</p>`;
}
