import { interactionProblem } from '../rules/interaction-shape';

type Json = Record<string, unknown>;

const ID = '800000000000000002';

/** An interaction of `type` carrying `data`, run by a member in a server. */
function withData(data: unknown, type = 2): Json {
  return {
    id: '1300000000000000001',
    type,
    token: 'token-abc',
    application_id: '1100000000000000001',
    guild_id: '900000000000000001',
    channel_id: '910000000000000001',
    member: { user: { id: ID, username: 'keebfan' }, permissions: '3072' },
    data,
  };
}

/** `/bid` with these options. */
const bid = (options: unknown, type = 2): Json => withData({ name: 'bid', options }, type);

describe('the data of an interaction', () => {
  it.each<[string, unknown, string]>([
    ['data that is text', 'bid', 'data is not an object'],
    ['an empty command name', { name: '' }, 'data.name is malformed'],
    ['a command name longer than 32 characters', { name: 'c'.repeat(33) }, 'data.name is malformed'],
    ['a command name that is a list', { name: ['c'] }, 'data.name is malformed'],
    ['an empty custom id', { custom_id: '' }, 'data.custom_id is malformed'],
    ['a custom id longer than 100 characters', { custom_id: 'b'.repeat(101) }, 'data.custom_id is malformed'],
    ['a custom id that is a list', { custom_id: ['b'] }, 'data.custom_id is malformed'],
    ['a component type given as text', { custom_id: 'buy:k2', component_type: '2' }, 'data.component_type is not a number'],
    ['selected values that are text', { custom_id: 'pick', values: 'a' }, 'data.values is malformed'],
    ['more than 25 selected values', { custom_id: 'pick', values: Array.from({ length: 26 }, (_, i) => `v${i}`) }, 'data.values is malformed'],
    ['a selected value that is a number', { custom_id: 'pick', values: ['a', 5] }, 'data.values is malformed'],
    ['a selected value longer than 100 characters', { custom_id: 'pick', values: ['a', 'v'.repeat(101)] }, 'data.values is malformed'],
  ])('refuses %s', (_label, data, problem) => {
    expect(interactionProblem(withData(data))).toBe(problem);
  });

  it('accepts command names of 1 to 32 characters and custom ids of 1 to 100', () => {
    expect(interactionProblem(withData({ name: 'c' }))).toBeUndefined();
    expect(interactionProblem(withData({ name: 'c'.repeat(32) }))).toBeUndefined();
    expect(interactionProblem(withData({ custom_id: 'b', component_type: 2 }))).toBeUndefined();
    expect(interactionProblem(withData({ custom_id: 'b'.repeat(100) }))).toBeUndefined();
  });

  it('accepts a select menu’s choice of up to 25 values of up to 100 characters', () => {
    expect(interactionProblem(withData({ custom_id: 'pick', component_type: 3, values: ['a', 'v'.repeat(100)] }))).toBeUndefined();
    expect(interactionProblem(withData({ custom_id: 'pick', values: Array.from({ length: 25 }, (_, i) => `v${i}`) }))).toBeUndefined();
  });

  it('still checks a modal’s components when its options are fine', () => {
    expect(interactionProblem(withData({ name: 'bid', options: [{ name: 'amount', type: 10, value: 5 }], components: 'x' }))).toBe('components is not a list');
  });
});

describe('the options of a command', () => {
  const amount = (i: number) => ({ name: `amount${i}`, type: 10, value: i });

  it.each<[string, unknown, string]>([
    ['options that are not a list', 'amount', 'data.options is not a list of options'],
    ['more than 25 options', Array.from({ length: 26 }, (_, i) => amount(i)), 'data.options is not a list of options'],
    ['an option that is text', ['amount'], 'an option has no name'],
    ['an option named by a number', [{ name: 5, type: 3, value: 'x' }], 'an option has no name'],
    ['an option with an empty name', [{ name: '', type: 3, value: 'x' }], 'an option has no name'],
    ['an option named with more than 32 characters', [{ name: 'n'.repeat(33), type: 3, value: 'x' }], 'an option has no name'],
    ['a subcommand carrying a value', [{ name: 'start', type: 1, value: 'now' }], 'start is a subcommand with a value'],
    ['a subcommand group carrying a value', [{ name: 'auction', type: 2, value: 1 }], 'auction is a subcommand with a value'],
    ['a subcommand whose options are not a list', [{ name: 'start', type: 1, options: 'x' }], 'data.options is not a list of options'],
    ['a good option followed by a bad one', [amount(1), { name: 'amount', type: 10, value: 'lots' }], 'option amount does not hold a value of its type'],
    [
      'a subcommand followed by a bad option',
      [
        { name: 'start', type: 1, options: [amount(1)] },
        { name: 'x', type: 4, value: 1.5 },
      ],
      'option x does not hold a value of its type',
    ],
  ])('refuses %s', (_label, options, problem) => {
    expect(interactionProblem(bid(options))).toBe(problem);
  });

  it('accepts 25 options, and an option name of 32 characters', () => {
    expect(interactionProblem(bid(Array.from({ length: 25 }, (_, i) => amount(i))))).toBeUndefined();
    expect(interactionProblem(bid([{ name: 'n'.repeat(32), type: 3, value: 'x' }]))).toBeUndefined();
  });

  it('accepts a subcommand group and a subcommand with no options, but nothing nested deeper', () => {
    const sub = (name: string, options?: unknown[]) => ({ name, type: 1, ...(options ? { options } : {}) });
    const group = (name: string, options: unknown[]) => ({ name, type: 2, options });
    expect(interactionProblem(bid([sub('help')]))).toBeUndefined();
    expect(interactionProblem(bid([group('auction', [sub('start', [amount(1)])])]))).toBeUndefined();
    expect(interactionProblem(bid([group('auction', [group('start', [sub('now', [])])])]))).toBe('options nest deeper than a subcommand group');
    expect(interactionProblem(bid([group('auction', [group('start', [sub('now', [amount(1)])])])]))).toBe('options nest deeper than a subcommand group');
  });
});

describe('the value of an option', () => {
  const option = (type: number, value: unknown, extra: Json = {}) => [{ name: 'amount', type, value, ...extra }];
  const refused = 'option amount does not hold a value of its type';

  it.each<[string, number, unknown]>([
    ['text longer than 6,000 characters', 3, 't'.repeat(6_001)],
    ['an integer that is a fraction', 4, 2.5],
    ['a number that is text', 10, '25'],
    ['a number that is infinite', 10, Infinity],
    ['a number that is not a number', 10, NaN],
    ['a boolean that is text', 5, 'true'],
    ['a user that is a name', 6, 'keebfan'],
    ['an attachment that is a number', 11, 7],
    ['a value of a type Discord has no option for', 99, 'x'],
  ])('refuses %s', (_label, type, value) => {
    expect(interactionProblem(bid(option(type, value)))).toBe(refused);
  });

  it.each<[string, number, unknown]>([
    ['text', 3, 'Tofu65'],
    ['an integer', 4, 3],
    ['a number', 10, 25.5],
    ['a boolean', 5, false],
    ['a user', 6, ID],
    ['a channel', 7, '910000000000000001'],
    ['a role', 8, '920000000000000001'],
    ['a mentionable', 9, ID],
    ['an attachment', 11, '930000000000000001'],
  ])('accepts %s', (_label, type, value) => {
    expect(interactionProblem(bid(option(type, value)))).toBeUndefined();
  });

  it('accepts partial text only in the option being typed in an autocomplete', () => {
    expect(interactionProblem(bid(option(10, '25.', { focused: true }), 4))).toBeUndefined();
    expect(interactionProblem(bid(option(10, '25.', { focused: false }), 4))).toBe(refused);
    expect(interactionProblem(bid(option(10, '25.'), 4))).toBe(refused);
    expect(interactionProblem(bid(option(10, '25.', { focused: true }), 2))).toBe(refused);
    expect(interactionProblem(bid(option(10, '25.'), 2))).toBe(refused);
  });
});
