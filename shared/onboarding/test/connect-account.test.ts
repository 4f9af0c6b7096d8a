import { accountTerms, parseCountry } from '../rules/connect-account';

describe('a builder’s Connect account terms', () => {
  it('keeps Stripe’s full agreement in the platform’s own country', () => {
    expect(accountTerms('US', 'US')).toEqual({ country: 'US', serviceAgreement: 'full' });
  });

  it('makes an account in any other country a recipient, under its own country', () => {
    expect(accountTerms('DE', 'US')).toEqual({ country: 'DE', serviceAgreement: 'recipient' });
    expect(accountTerms('US', 'GB')).toEqual({ country: 'US', serviceAgreement: 'recipient' });
  });
});

describe('the country a builder typed', () => {
  const refused = 'Give the country you get paid in as its two-letter ISO code, for example `/c500 onboard country:US`, `country:GB` or `country:DE`.';

  it('takes two letters in any case and with spaces around, and names the country', () => {
    expect(parseCountry('de')).toEqual({ ok: true, country: 'DE', name: 'Germany' });
    expect(parseCountry('  Us ')).toEqual({ ok: true, country: 'US', name: 'United States' });
    expect(parseCountry('GB')).toEqual({ ok: true, country: 'GB', name: 'United Kingdom' });
  });

  it('answers UK, in any case, with GB', () => {
    const answer = { ok: false, reason: 'Stripe writes the United Kingdom as **GB**: run `/c500 onboard country:GB`.' };
    expect(parseCountry('UK')).toEqual(answer);
    expect(parseCountry(' uk ')).toEqual(answer);
  });

  it('refuses what is not two letters', () => {
    for (const raw of ['', 'U', 'USA', 'DEU', '1A', 'U1', 'U S', 'xDE', 'DEx', 'D-E']) expect(parseCountry(raw)).toEqual({ ok: false, reason: refused });
  });

  it('refuses codes that name a union, a zone or a test region rather than a country', () => {
    for (const raw of ['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']) expect(parseCountry(raw)).toEqual({ ok: false, reason: refused });
  });

  it('refuses two letters no country has', () => {
    for (const raw of ['AA', 'XX', 'QM']) expect(parseCountry(raw)).toEqual({ ok: false, reason: refused });
  });
});
