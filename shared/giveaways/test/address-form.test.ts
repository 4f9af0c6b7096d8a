/**
 * A giveaway's buttons and the winner's address modal: ids read back strictly, the modal's
 * five inputs, its values found however Discord nests them, and an address read with a
 * clear word for what is missing.
 */
import { modalValues } from '../../discord';
import { addressModal, addressModalId, addressOf, claimButtonId, claimOf, enterButtonId, giveawayOfEnter, readAddress } from '../rules/address-form';

describe('a giveaway’s button ids', () => {
  it('names the Enter button, each round’s Confirm button and the address modal by giveaway and round', () => {
    expect(enterButtonId('abcd2345')).toBe('genter:abcd2345');
    expect(claimButtonId('abcd2345', 3)).toBe('gclaim:abcd2345:3');
    expect(addressModalId('abcd2345', 12)).toBe('gaddr:abcd2345:12');
    expect(claimOf(claimButtonId('abcd2345', 12))).toEqual({ giveawayId: 'abcd2345', round: 12 });
    expect(addressOf(addressModalId('abcd2345', 12))).toEqual({ giveawayId: 'abcd2345', round: 12 });
  });

  it('refuses an Enter id with anything before or after the giveaway’s id', () => {
    expect(giveawayOfEnter('genter:abcd23456')).toBeUndefined();
    expect(giveawayOfEnter('genter:-abcd2345')).toBeUndefined();
    expect(giveawayOfEnter('gclaim:abcd2345')).toBeUndefined();
  });

  it('refuses a round id with anything before or after it, or a round that is not a number', () => {
    expect(claimOf('gclaim:abcd2345:1x')).toBeUndefined();
    expect(claimOf('gclaim:-abcd2345:1')).toBeUndefined();
    expect(claimOf('gclaim:abcd2345:1a')).toBeUndefined();
    expect(claimOf('gaddr:abcd2345:1')).toBeUndefined();
  });
});

describe('the winner’s address modal', () => {
  it('asks for a name, a street, a city, an optional state and the postal code with the country', () => {
    const text = (custom_id: string, label: string, extra: Record<string, unknown>) => ({
      type: 1,
      components: [{ type: 4, custom_id, label, style: 1, required: true, ...extra }],
    });
    expect(addressModal('abcd2345', 2)).toEqual({
      custom_id: 'gaddr:abcd2345:2',
      title: 'Where should the prize go?',
      components: [
        text('name', 'Name', { max_length: 100, placeholder: 'Who receives it' }),
        text('line1', 'Street and number', { max_length: 200, placeholder: '12 Switch Lane, Apt 3' }),
        text('city', 'City', { max_length: 100 }),
        text('state', 'State or region (optional)', { required: false, max_length: 100 }),
        text('postal', 'Postal code and country code', { max_length: 30, placeholder: '94103 US' }),
      ],
    });
  });

  it('finds each input’s value in action rows and in labels, and nothing else', () => {
    const submitted = [
      { type: 1, components: [{ type: 4, custom_id: 'name', value: 'Ann Key' }] },
      { type: 18, component: { type: 4, custom_id: 'city', value: 'Portland' } },
      { type: 1, components: [{ type: 4, custom_id: 'odd', value: 3 }, null, 'text'] },
      { type: 1, components: [{ type: 4, value: 'no id' }] },
    ];
    expect(modalValues(submitted)).toStrictEqual({ name: 'Ann Key', city: 'Portland' });
  });
});

describe('reading the winner’s address', () => {
  const full = { name: '  Ann Key ', line1: ' 1 Switch Lane ', city: ' Portland ', postal: '  97201,  us  ' };

  it('trims each field and splits the postal code from the country', () => {
    expect(readAddress(full)).toStrictEqual({
      ok: true,
      address: { name: 'Ann Key', line1: '1 Switch Lane', city: 'Portland', postalCode: '97201', country: 'US' },
    });
  });

  it('asks for the name, the street and the city, each on its own', () => {
    const problem = { ok: false, problem: 'Fill in a name, a street and a city.' };
    expect(readAddress({ ...full, name: ' ' })).toEqual(problem);
    expect(readAddress({ line1: full.line1, city: full.city, postal: full.postal })).toEqual(problem);
    expect(readAddress({ ...full, line1: '' })).toEqual(problem);
    expect(readAddress({ ...full, city: '\u200b' })).toEqual(problem);
  });

  it('takes a field at its longest and refuses one longer', () => {
    expect(readAddress({ ...full, name: 'A'.repeat(100) })).toMatchObject({ ok: true, address: { name: 'A'.repeat(100) } });
    expect(readAddress({ ...full, name: 'A'.repeat(101) })).toMatchObject({ ok: false });
    expect(readAddress({ ...full, line1: 'L'.repeat(201) })).toMatchObject({ ok: false });
  });

  it('wants the two-letter country code last, and cuts a long postal code to 20 characters', () => {
    const problem = { ok: false, problem: 'Give the postal code, then the two-letter country code: `94103 US`.' };
    expect(readAddress({ ...full, postal: '94103 USA' })).toEqual(problem);
    expect(readAddress({ name: 'Ann', line1: '1 Lane', city: 'X' })).toEqual(problem);
    expect(readAddress({ ...full, postal: `${'1'.repeat(25)} gb` })).toMatchObject({ ok: true, address: { postalCode: '1'.repeat(20), country: 'GB' } });
  });
});
