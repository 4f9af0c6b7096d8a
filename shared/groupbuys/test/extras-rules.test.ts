/**
 * A group buy's extras as rules: the form read strictly (the group buy's id, a whole number of
 * units from 1 to 999, a price only if given), the price in the group buy's currency or its
 * own, never below what Stripe can charge, the drop they make, and the ingress answering a
 * mistyped form at once, only to the one who typed it.
 */
import { routeInteraction } from '../../router/route-interaction';
import { command } from '../../../test/support/interactions';
import { extrasDraft, extrasDropId, extrasPrice, readExtrasForm } from '../rules/extras';

const id = 'abcd1234';
const usdGroupBuy = { priceCents: 12_000, currency: 'usd' };

describe('the extras’ form', () => {
  it('reads the group buy’s id, whatever its case, and the units, keeping a price as typed for the group buy’s currency', () => {
    expect(readExtrasForm({ id: ' ABCD1234 ', units: 5 })).toEqual({ ok: true, form: { groupBuyId: id, units: 5 } });
    expect(readExtrasForm({ id, units: 999, price: 99.5 })).toEqual({ ok: true, form: { groupBuyId: id, units: 999, price: 99.5 } });
    expect(readExtrasForm({ id, units: 1, price: '99.50' })).toEqual({ ok: true, form: { groupBuyId: id, units: 1, price: '99.50' } });
  });

  it('refuses units that are not a whole number from 1 to 999 (a drop’s most stock), saying what to type', () => {
    for (const units of [0, -2, 1_000, 2.5, '5', true]) {
      const read = readExtrasForm({ id, units });
      expect(read).toEqual({ ok: false, problem: expect.stringContaining('a whole number from 1 to 999, like `units:5`') });
    }
    expect(readExtrasForm({ id }).ok).toBe(false);
  });

  it('refuses an id that is not a group buy’s 8 characters', () => {
    for (const wrong of ['', 'abcd123', 'abcd12345', 'abcd-123'])
      expect(readExtrasForm({ id: wrong, units: 5 })).toEqual({ ok: false, problem: expect.stringContaining('the 8 characters at the foot of its post') });
  });
});

describe('the extras’ price', () => {
  it('is the group buy’s unless one is given, read in the group buy’s currency', () => {
    expect(extrasPrice({}, usdGroupBuy)).toEqual({ ok: true, form: 12_000 });
    expect(extrasPrice({ price: 99.5 }, usdGroupBuy)).toEqual({ ok: true, form: 9_950 });
    expect(extrasPrice({ price: '15000' }, { priceCents: 18_000, currency: 'jpy' })).toEqual({ ok: true, form: 15_000 });
    expect(extrasPrice({ price: '150.5' }, { priceCents: 18_000, currency: 'jpy' }).ok).toBe(false);
  });

  it('refuses a price that is not an amount, or one below what Stripe can charge, saying the lowest', () => {
    expect(extrasPrice({ price: 'cheap' }, usdGroupBuy)).toEqual({ ok: false, problem: expect.stringContaining('`price` (a unit’s, in USD)') });
    expect(extrasPrice({ price: 0.2 }, usdGroupBuy)).toEqual({ ok: false, problem: expect.stringContaining('`price:0.50`') });
    expect(extrasPrice({}, { priceCents: 10, currency: 'usd' }).ok).toBe(false);
  });
});

describe('the extras’ drop', () => {
  it('is one a group buy, named by it alone', () => {
    expect(extrasDropId(id)).toBe(extrasDropId(id));
    expect(extrasDropId(id)).not.toBe(extrasDropId('abcd1235'));
    expect(extrasDropId(id)).toMatch(/^[0-9a-z]{8}$/);
  });

  it('is ready to ship, titled from the group buy, with its description and picture, or where they come from when it has none', () => {
    const groupBuy = { title: 'GMK Olivia', description: 'Cherry profile, ABS', imageUrl: 'https://x.example/olivia.png' };
    expect(extrasDraft(groupBuy, { units: 4, priceCents: 12_000 })).toEqual({
      title: 'GMK Olivia (extra)',
      description: 'Cherry profile, ABS',
      priceCents: 12_000,
      kind: 'ready-to-ship',
      stock: 4,
      imageUrl: 'https://x.example/olivia.png',
    });
    const bare = extrasDraft({ title: 'Tofu65' }, { units: 1, priceCents: 5_000 });
    expect(bare.description).toBe('Extra units of the Tofu65 group buy, made beyond what was pledged and ready to ship.');
    expect(bare).not.toHaveProperty('imageUrl');
  });
});

describe('the extras at the ingress', () => {
  const extras = (options: Record<string, string | number>) => routeInteraction(command({ name: 'groupbuy', path: ['extras'], options }), { currency: 'usd' });

  it('defers a good one to its job, and answers mistyped units at once, ephemerally, with what to type', () => {
    expect(extras({ id, units: 5 })).toMatchObject({ kind: 'defer', topic: 'discord-commands', job: 'sell-extras' });
    const refused = extras({ id, units: 0 });
    expect(refused).toMatchObject({ kind: 'reply', response: { data: { flags: 64 } } });
    const content = refused.kind === 'reply' ? String((refused.response.data as { content?: string }).content) : '';
    expect(content).toContain('`units`');
    expect(content).toContain('Try: `/groupbuy extras id:<group buy id> units:5`');
  });
});
