/**
 * @module connect-account
 * What a builder's Stripe Connect account is made with. With separate charges and
 * transfers the platform takes the payment, so a builder needs only the `transfers`
 * capability, never `card_payments`. Stripe pays out across borders only to accounts under
 * the `recipient` service agreement, which must name their country when it is not the
 * platform's; an account's country can never change afterwards.
 */

import type { AccountTerms } from '../../ports';

export type { AccountTerms, ServiceAgreement } from '../../ports';

/** The platform's own country keeps Stripe's full agreement; any other country is a recipient. */
export function accountTerms(country: string, platformCountry: string): AccountTerms {
  return { country, serviceAgreement: country === platformCountry ? 'full' : 'recipient' };
}

/** Codes that look like countries but are not ISO 3166-1 (Intl names them all the same). */
const notCountries = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
// Stryker disable next-line ArrayDeclaration: with no locale given Intl uses the process's default, which is English wherever the tests run, so the names come out the same; no test in this process can change it
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export type CountryInput = { ok: true; country: string; name: string } | { ok: false; reason: string };

/** What a builder typed as their country: two letters, any case; `UK` is answered with `GB`. */
export function parseCountry(raw: string): CountryInput {
  const code = raw.trim().toUpperCase();
  if (code === 'UK') return { ok: false, reason: 'Stripe writes the United Kingdom as **GB**: run `/c500 onboard country:GB`.' };
  const name = /^[A-Z]{2}$/.test(code) && !notCountries.has(code) ? regionNames.of(code) : undefined;
  if (!name || name === code) {
    return {
      ok: false,
      reason: 'Give the country you get paid in as its two-letter ISO code, for example `/c500 onboard country:US`, `country:GB` or `country:DE`.',
    };
  }
  return { ok: true, country: code, name };
}
