import fc from 'fast-check';
import { isVisiblyEmpty, personName, visibleText, withoutBidiControls } from '../rules/visible-text';
import { readDropForm } from '../../marketplace/rules/drop-form';
import { parseAuctionStart } from '../../auctions';

const invisibles = [
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u00AD',
  '\u3164',
  '\u2800',
  '\u202E',
  '\u2066',
  '\u200E',
  ' ',
  '\t',
  '\u0301',
  '\uFE0F',
];

describe('text others will see', () => {
  it('finds any mix of zero-width, filler, bidi and combining characters visibly empty', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...invisibles), { minLength: 1, maxLength: 40 }), (chars) => {
        expect(isVisiblyEmpty(chars.join(''))).toBe(true);
        expect(visibleText(chars.join(''))).toBeUndefined();
      }),
    );
  });

  it('keeps text with anything visible in it, emoji and accents included', () => {
    for (const text of ['Tofu65', 'é', '🔥', '\u200Bx', 'キーボード', 'لوحة']) expect(visibleText(text)).toBeDefined();
  });

  it('removes the controls that reorder text, so an override cannot turn a name or a price around', () => {
    expect(withoutBidiControls('deal \u202Egpj.exe\u202C')).toBe('deal gpj.exe');
    expect(withoutBidiControls('\u2067$100\u2069')).toBe('$100');
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(withoutBidiControls(text)).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
      }),
    );
  });

  it('names a person by their username when their display name shows nothing', () => {
    expect(personName({ username: 'dee_bids', global_name: '\u200B\u200B' })).toBe('dee_bids');
    expect(personName({ username: 'dee_bids', global_name: '\u202EDee' })).toBe('Dee');
    expect(personName({ username: 'x', global_name: 'a'.repeat(50) })).toHaveLength(32);
  });

  it('refuses a drop titled or described only with invisible characters', () => {
    const result = readDropForm({ title: '\u200B\u200B\u200B', description: '\u3164', price: '240', kind: 'commission' }, 'usd');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/Title.*people can see[\s\S]*Description/);
  });

  it('refuses an auction item that shows nothing, and strips an override from one that does', () => {
    expect(parseAuctionStart({ item: '\u2800\u200D', price: 25, duration: '2m' }, 'usd')).toMatchObject({ ok: false });
    expect(parseAuctionStart({ item: 'Tofu65 \u202Eetihw', price: 25, duration: '2m' }, 'usd')).toMatchObject({ ok: true, form: { item: 'Tofu65 etihw' } });
  });
});
