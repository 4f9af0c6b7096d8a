/**
 * The address a buyer types on the local Stripe's checkout page: posted as a form with Pay,
 * read into the same details as the pay route's JSON body; a form with no address fields (the
 * page's other buttons) gives none, so the test address stands; a part left out is refused.
 */
import { addressFields } from '../../../../shared/local/stripe/address-form';
import { parseBuyerShipping } from '../../../../shared/local/stripe/shipping';

const form = 'application/x-www-form-urlencoded';
const typed = (fields: Record<string, string>) => Buffer.from(new URLSearchParams(fields).toString());

describe('the address typed on the local checkout page', () => {
  it('reads the typed name, street, city, state, ZIP and country as Stripe would keep them', () => {
    const body = typed({
      name: 'Bo Buyer',
      line1: '7421 Wisteria Quarry Lane',
      line2: '',
      city: 'Pemberton Falls',
      state: 'VT',
      postal_code: '05099',
      country: 'US',
    });
    expect(parseBuyerShipping(body, form)).toEqual({
      ok: true,
      shipping: {
        details: {
          name: 'Bo Buyer',
          address: { line1: '7421 Wisteria Quarry Lane', line2: null, city: 'Pemberton Falls', state: 'VT', postal_code: '05099', country: 'US' },
        },
      },
    });
  });

  it('gives no address for a button with no address fields, so the test address stands', () => {
    expect(parseBuyerShipping(typed({ card: 'declined' }), form)).toEqual({ ok: true });
  });

  it('refuses an address with its city left empty, naming the city as the part to fix', () => {
    const read = parseBuyerShipping(typed({ name: 'Bo', line1: '1 Main St', city: '  ', postal_code: '05099', country: 'US' }), form);
    expect(read).toEqual({ ok: false, error: expect.stringContaining('address.city') as unknown, field: 'city' });
  });

  it('fills the fields again with what was typed and says the problem beside its field, tied to it for a screen reader', () => {
    const fields = addressFields(['US'], { name: 'Bo "B" Buyer', line1: '1 Main St' }, { field: 'city', words: 'Enter the city.' });
    expect(fields).toContain('value="Bo &quot;B&quot; Buyer"');
    expect(fields).toContain('value="1 Main St"');
    expect(fields).toMatch(/<input id="ship-city" name="city"[^>]* aria-invalid="true" aria-describedby="ship-city-error"/);
    expect(fields).toMatch(/<input id="ship-city"[^>]*><span class="field-error" id="ship-city-error">Enter the city\.<\/span>/);
    expect(fields.match(/aria-invalid/g)).toHaveLength(1);
  });

  it('offers only the countries the checkout ships to, the US chosen when it is one', () => {
    const fields = addressFields(['CA', 'US']);
    expect([...fields.matchAll(/<option value="(\w+)"/g)].map((m) => m[1])).toEqual(['CA', 'US']);
    expect(fields).toContain('<option value="US" selected>');
    for (const label of ['Full name', 'Address line 1', 'City', 'ZIP or postal code']) expect(fields).toContain(label);
  });
});
