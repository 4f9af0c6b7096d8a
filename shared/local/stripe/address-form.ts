/**
 * @module stripe/address-form
 * The shipping address a buyer types on the local Stripe's checkout page, as on Stripe's hosted
 * page: name, street, city, state, ZIP and a country the session ships to, posted with the Pay
 * button as a form. The pay route reads it into the same shape as its JSON body.
 */
import { escapeHtml } from '../../common';

/** Fields a person fills before Pay, one labelled input each; the country is one of those the session ships to. */
export function addressFields(allowedCountries: readonly string[]): string {
  const country = allowedCountries.includes('US') ? 'US' : (allowedCountries[0] ?? 'US');
  const field = (name: string, label: string, autocomplete: string, required = true) =>
    `<label>${escapeHtml(label)} <input name="${name}" autocomplete="shipping ${autocomplete}"${required ? ' required' : ''} maxlength="200"></label>`;
  const options = allowedCountries.map((c) => `<option value="${escapeHtml(c)}"${c === country ? ' selected' : ''}>${escapeHtml(c)}</option>`).join('');
  return `<fieldset class="shipping-address"><legend>Shipping address</legend>
        ${field('name', 'Full name', 'name')}
        ${field('line1', 'Address line 1', 'address-line1')}
        ${field('line2', 'Address line 2 (optional)', 'address-line2', false)}
        ${field('city', 'City', 'address-level2')}
        ${field('state', 'State or region', 'address-level1', false)}
        ${field('postal_code', 'ZIP or postal code', 'postal-code')}
        <label>Country <select name="country" autocomplete="shipping country">${options}</select></label>
      </fieldset>`;
}

/**
 * The address a form post gives, in the pay route's JSON shape (`{shipping: {name, address}}`);
 * undefined when the form had no address fields (the page's other buttons: a test address).
 */
export function addressFromForm(text: string): unknown {
  const form = new URLSearchParams(text);
  if (!form.has('line1')) return undefined;
  const value = (name: string) => {
    const given = form.get(name)?.trim();
    return given ? given : undefined;
  };
  return {
    shipping: {
      name: value('name'),
      address: {
        line1: value('line1'),
        line2: value('line2'),
        city: value('city'),
        state: value('state'),
        postal_code: value('postal_code'),
        country: value('country'),
      },
    },
  };
}
