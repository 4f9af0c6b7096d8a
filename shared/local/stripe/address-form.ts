/**
 * @module stripe/address-form
 * The shipping address a buyer types on the local Stripe's checkout page, as on Stripe's hosted
 * page: name, street, city, state, ZIP and a country the session ships to, posted with the Pay
 * button as a form. The pay route reads it into the same shape as its JSON body; a part it
 * refuses comes back on the same page, beside that field, with what was typed kept.
 */
import { escapeHtml } from '../../common';

/** The parts of the address a buyer types, by their form names. */
export const addressFieldNames = ['name', 'line1', 'line2', 'city', 'state', 'postal_code', 'country'] as const;
export type AddressFieldName = (typeof addressFieldNames)[number];

/** What a buyer typed, part by part: kept to fill the form again when one part is refused. */
export type TypedAddress = Partial<Record<AddressFieldName, string>>;

/** A refused part and what to do about it, in a buyer's words. */
export interface AddressProblem {
  field: AddressFieldName;
  words: string;
}

/** What each required part asks for when it is left empty, as Stripe's page says it beside the field. */
export const missingWords: Readonly<Record<AddressFieldName, string>> = {
  name: 'Enter the name the parcel is addressed to.',
  line1: 'Enter the street address.',
  line2: 'Enter the second line of the address, or leave it empty.',
  city: 'Enter the city.',
  state: 'Enter the state or region, or leave it empty.',
  postal_code: 'Enter the ZIP or postal code.',
  country: 'Choose a country this checkout ships to.',
};

/** Each part's label, its browser autofill name, whether Pay needs it, and the longest the pay route reads (parseBuyerShipping). */
const labels: Readonly<Record<AddressFieldName, { label: string; autocomplete: string; required: boolean; max: number }>> = {
  name: { label: 'Full name', autocomplete: 'name', required: true, max: 200 },
  line1: { label: 'Address line 1', autocomplete: 'address-line1', required: true, max: 200 },
  line2: { label: 'Address line 2 (optional)', autocomplete: 'address-line2', required: false, max: 200 },
  city: { label: 'City', autocomplete: 'address-level2', required: true, max: 200 },
  state: { label: 'State or region (optional)', autocomplete: 'address-level1', required: false, max: 100 },
  postal_code: { label: 'ZIP or postal code', autocomplete: 'postal-code', required: true, max: 40 },
  country: { label: 'Country', autocomplete: 'country', required: true, max: 2 },
};

/**
 * Fields a person fills before Pay, one labelled input on a line each; the country is one of
 * those the session ships to. `typed` fills them again, and `problem` says beside its field
 * what is wrong (tied to it for a screen reader, and the cursor put there).
 */
export function addressFields(allowedCountries: readonly string[], typed: TypedAddress = {}, problem?: AddressProblem): string {
  const chosen = typed.country && allowedCountries.includes(typed.country) ? typed.country : allowedCountries.includes('US') ? 'US' : allowedCountries[0];
  const field = (name: AddressFieldName) => {
    const { label, autocomplete, required, max } = labels[name];
    const id = `ship-${name}`;
    const wrong = problem?.field === name;
    const flags = `${required ? ' required' : ''}${wrong ? ` aria-invalid="true" aria-describedby="${id}-error" autofocus` : ''}`;
    const control =
      name === 'country'
        ? `<select id="${id}" name="country" autocomplete="shipping country"${flags}>${allowedCountries
            .map((c) => `<option value="${escapeHtml(c)}"${c === chosen ? ' selected' : ''}>${escapeHtml(c)}</option>`)
            .join('')}</select>`
        : `<input id="${id}" name="${name}" autocomplete="shipping ${autocomplete}"${flags} maxlength="${max}"${typed[name] ? ` value="${escapeHtml(typed[name])}"` : ''}>`;
    const error = wrong ? `<span class="field-error" id="${id}-error">${escapeHtml(problem.words)}</span>` : '';
    return `<p class="field${wrong ? ' wrong' : ''}"><label for="${id}">${escapeHtml(label)}</label>${control}${error}</p>`;
  };
  return `<fieldset class="form-fields shipping-address"><legend>Shipping address</legend>
        ${addressFieldNames.map(field).join('\n        ')}
      </fieldset>`;
}

/** What a form post typed, part by part (blank parts left out). */
export function typedAddress(text: string): TypedAddress {
  const form = new URLSearchParams(text);
  return Object.fromEntries(addressFieldNames.flatMap((name) => (form.get(name)?.trim() ? [[name, (form.get(name) as string).trim()]] : [])));
}

/**
 * The address a form post gives, in the pay route's JSON shape (`{shipping: {name, address}}`);
 * undefined when the form had no address fields (the page's other buttons: a test address).
 */
export function addressFromForm(text: string): unknown {
  if (!new URLSearchParams(text).has('line1')) return undefined;
  const typed = typedAddress(text);
  return {
    shipping: {
      name: typed.name,
      address: { line1: typed.line1, line2: typed.line2, city: typed.city, state: typed.state, postal_code: typed.postal_code, country: typed.country },
    },
  };
}
