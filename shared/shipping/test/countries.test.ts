import { destinationsText, parseDestinations, scopesOf, stripeShippingCountries } from '../rules/countries';

const reasonOf = (raw: string) => {
  const parsed = parseDestinations(raw);
  return parsed.ok ? '' : parsed.reason;
};

describe('reading where a builder ships', () => {
  it('reads worldwide with spaces around it', () => {
    expect(parseDestinations('  worldwide ')).toEqual({ ok: true, to: 'worldwide' });
  });

  it('ignores a trailing or leading comma', () => {
    expect(parseDestinations('US,')).toEqual({ ok: true, to: ['US'] });
    expect(parseDestinations(', CA,,GB')).toEqual({ ok: true, to: ['CA', 'GB'] });
  });

  it('tells a builder who typed UK that Stripe writes it GB', () => {
    expect(reasonOf('UK')).toContain('Stripe writes the United Kingdom as **GB**');
  });

  it('names at most five unknown codes, separated by commas', () => {
    expect(reasonOf('XE XD XC XB XA AB')).toMatch(/^`AB, XA, XB, XC, XD` isn’t a two-letter country code/);
  });

  it('cuts a long unknown code to 60 characters in the refusal', () => {
    const long = 'Q'.repeat(100);
    expect(reasonOf(long).startsWith(`\`${'Q'.repeat(60)}\` isn’t`)).toBe(true);
  });
});

describe('the scopes and the text of destinations', () => {
  it('ships both at home and abroad when worldwide', () => {
    expect(scopesOf('worldwide', 'US')).toEqual({ domestic: true, international: true });
  });

  it('reads worldwide as worldwide', () => {
    expect(destinationsText('worldwide')).toBe('worldwide');
  });

  it('lists up to 20 countries in full', () => {
    const twenty = stripeShippingCountries.slice(0, 20);
    expect(destinationsText(twenty)).toBe(twenty.join(', '));
  });

  it('cuts a longer list after 20 countries, saying how many more', () => {
    const twentyThree = stripeShippingCountries.slice(0, 23);
    expect(destinationsText(twentyThree)).toBe(`${twentyThree.slice(0, 20).join(', ')} and 3 more`);
  });
});
