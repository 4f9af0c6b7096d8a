import { parseRaceSettings } from '../rules/race-settings-form';
import { defaultRaceSettings, type RaceSettings } from '../rules/race';

const usd = defaultRaceSettings('usd');
const unlocked = false;
const locked = true;

type Options = Parameters<typeof parseRaceSettings>[0];

/** The changes of a form that should pass, or a failure naming its problems. */
function changesOf(options: Options, current: RaceSettings = usd, currencyLocked = unlocked): Partial<RaceSettings> {
  const form = parseRaceSettings(options, current, currencyLocked);
  if (!form.ok) throw new Error(`expected the form to pass, got: ${form.problems.join(' | ')}`);
  return form.changes;
}

/** The problems of a form that should be refused. */
function problemsOf(options: Options, current: RaceSettings = usd, currencyLocked = unlocked): string[] {
  const form = parseRaceSettings(options, current, currencyLocked);
  if (form.ok) throw new Error(`expected the form to be refused, got changes ${JSON.stringify(form.changes)}`);
  return form.problems;
}

const rateProblem = '`rate` is a percentage of each sale from 0.01 to 100, to two decimals: `rate:20` or `rate:12.5`.';
const currencyProblem = '`currency` is a three-letter code such as `usd` or `eur`.';
const kofiProblem = '`kofi-types` is a comma-separated list of `Shop Order`, `Commission`, `Donation`, `Subscription`: `kofi-types:Shop Order, Commission`.';

describe('/race settings with nothing typed', () => {
  it('changes nothing and refuses nothing', () => {
    expect(parseRaceSettings({}, usd, unlocked)).toStrictEqual({ ok: true, changes: {} });
  });
});

describe('the commission rate', () => {
  it.each([
    [20, 2_000],
    [12.5, 1_250],
    ['12.5', 1_250],
    ['7.25%', 725],
    [0.01, 1],
    [100, 10_000],
  ])('reads rate:%p as %p basis points', (rate, bps) => {
    expect(changesOf({ rate })).toStrictEqual({ commissionBps: bps });
  });

  it.each([
    ['zero', 0],
    ['more than everything', 100.01],
    ['a thousand percent', 1_000],
    ['three decimals', 12.345],
    ['a negative rate', -5],
    ['a blank', ''],
    ['a word', 'twenty'],
  ])('refuses %s, saying what a rate is and how to type one', (_, rate) => {
    expect(problemsOf({ rate })).toStrictEqual([rateProblem]);
  });
});

describe('the payout threshold', () => {
  it('reads it in the race currency, to the cent', () => {
    expect(changesOf({ threshold: 25.5 })).toStrictEqual({ payoutThresholdCents: 2_550 });
    expect(changesOf({ threshold: '$1,200' })).toStrictEqual({ payoutThresholdCents: 120_000 });
  });

  it('reads it in the guild’s own currency when that has no decimals', () => {
    expect(changesOf({ threshold: 2_400 }, defaultRaceSettings('jpy'))).toStrictEqual({ payoutThresholdCents: 2_400 });
  });

  it('reads it in a new currency typed with it, however that code is cased and spaced', () => {
    expect(changesOf({ threshold: 2_400, currency: ' JPY ' })).toStrictEqual({ payoutThresholdCents: 2_400, currency: 'jpy' });
    expect(changesOf({ threshold: '2.5', currency: 'kwd' })).toStrictEqual({ payoutThresholdCents: 2_500, currency: 'kwd' });
  });

  it('refuses decimals a new currency does not have, naming that currency', () => {
    expect(problemsOf({ threshold: 25.5, currency: 'jpy' })).toStrictEqual(['`threshold`: `25.5` has decimals, and JPY has none. Type an amount like `2400`.']);
  });

  it('reads it in the current currency when the new code is not a currency code', () => {
    expect(problemsOf({ threshold: 25.5, currency: 'jp' })).toStrictEqual([currencyProblem]);
    expect(problemsOf({ threshold: 25.5, currency: 'us' }, defaultRaceSettings('jpy'))).toStrictEqual([
      '`threshold`: `25.5` has decimals, and JPY has none. Type an amount like `2400`.',
      currencyProblem,
    ]);
  });

  it('reads it in the current currency when the currency is refused as locked', () => {
    expect(problemsOf({ threshold: 25.5, currency: 'jpy' }, usd, locked)).toContain(
      '`threshold`: `25.5` has decimals, and JPY has none. Type an amount like `2400`.',
    );
  });

  it.each([
    ['zero', 0, 'An amount must be more than zero. Type an amount like `25` or `25.50`.'],
    ['a negative amount', -20, 'An amount can’t be negative. Type an amount like `25` or `25.50`.'],
    ['fractions of a cent', 20.005, '`20.005` has more than two decimals: money goes to the cent. Type an amount like `25` or `25.50`.'],
    ['a blank', '  ', '` ` isn’t an amount. Type an amount like `25` or `25.50`.'],
    ['an absurd amount', 10_000_000, 'That’s more than $999,999.99, the most a card payment can be. Type an amount like `25` or `25.50`.'],
  ])('refuses %s, quoting the reason under the field’s name', (_, threshold, reason) => {
    expect(problemsOf({ threshold })).toStrictEqual([`\`threshold\`: ${reason}`]);
  });
});

describe.each([
  ['max-racers', 'maxRacers', 2, 25],
  ['max-minutes', 'maxWindowMinutes', 5, 1_440],
] as const)('the whole number %s', (option, field, min, max) => {
  const problem = `\`${option}\` is a whole number from ${min} to ${max}.`;

  it('takes its least and its greatest value', () => {
    expect(changesOf({ [option]: min })).toStrictEqual({ [field]: min });
    expect(changesOf({ [option]: max })).toStrictEqual({ [field]: max });
  });

  it('takes a value typed as digits', () => {
    expect(changesOf({ [option]: String(min + 1) })).toStrictEqual({ [field]: min + 1 });
  });

  it.each([
    ['one under the least', min - 1],
    ['one over the greatest', max + 1],
    ['zero', 0],
    ['a negative number', -min],
    ['a fraction', min + 0.5],
    ['a blank', ''],
    ['a word', 'ten'],
    ['an absurd number', 1e21],
  ])('refuses %s, giving the range', (_, value) => {
    expect(problemsOf({ [option]: value })).toStrictEqual([problem]);
  });
});

describe('the host role', () => {
  it('keeps the role Discord sends', () => {
    expect(changesOf({ 'host-role': '930000000000000777' })).toStrictEqual({ hostRoleId: '930000000000000777' });
  });

  it('ignores a value that is not a role id as Discord sends one', () => {
    expect(changesOf({ 'host-role': 930 })).toStrictEqual({});
  });
});

describe('the currency', () => {
  it('stores the code in lower case, without spaces', () => {
    expect(changesOf({ currency: ' EUR ' })).toStrictEqual({ currency: 'eur' });
  });

  it.each([
    ['two letters', 'eu'],
    ['four letters', 'euro'],
    ['a letter too many before', 'xeur'],
    ['a letter too many after', 'eurx'],
    ['a digit', 'e1r'],
    ['a symbol', '€'],
    ['a blank', ''],
  ])('refuses %s, saying what a code looks like', (_, currency) => {
    expect(problemsOf({ currency })).toStrictEqual([currencyProblem]);
  });

  it('refuses another currency once the guild has raced, naming the one it keeps', () => {
    expect(problemsOf({ currency: 'eur' }, usd, locked)).toStrictEqual([
      'Races here already pay in USD, and wallets keep one currency: the currency can’t change now.',
    ]);
  });

  it('takes the same currency again once the guild has raced, however it is cased', () => {
    expect(changesOf({ currency: 'USD' }, usd, locked)).toStrictEqual({ currency: 'usd' });
  });

  it('lets a guild that has not raced change its currency', () => {
    expect(changesOf({ currency: 'gbp' }, usd, unlocked)).toStrictEqual({ currency: 'gbp' });
  });
});

describe('the Ko-fi payment types that count', () => {
  it('reads the types whatever their case and spacing, in the order typed', () => {
    expect(changesOf({ 'kofi-types': ' commission,SHOP ORDER ' })).toStrictEqual({ kofiTypes: ['Commission', 'Shop Order'] });
  });

  it('keeps a type named twice once, and skips empty places in the list', () => {
    expect(changesOf({ 'kofi-types': 'Donation, , donation,' })).toStrictEqual({ kofiTypes: ['Donation'] });
  });

  it('takes every type Ko-fi sends', () => {
    expect(changesOf({ 'kofi-types': 'Shop Order, Commission, Donation, Subscription' })).toStrictEqual({
      kofiTypes: ['Shop Order', 'Commission', 'Donation', 'Subscription'],
    });
  });

  it.each([
    ['an unknown type', 'Tips'],
    ['one unknown type among known ones', 'Shop Order, Tips'],
    ['a list of nothing', ' , ,'],
    ['a blank', ''],
    ['the types run together', 'Shop Order Commission'],
  ])('refuses %s, listing the types there are', (_, kofiTypes) => {
    expect(problemsOf({ 'kofi-types': kofiTypes })).toStrictEqual([kofiProblem]);
  });
});

describe('a form with several mistakes', () => {
  it('lists every problem at once, in the order of the fields, and saves nothing', () => {
    expect(
      parseRaceSettings(
        { rate: 0, threshold: 0, 'max-racers': 1, 'max-minutes': 2_000, 'host-role': '930000000000000777', currency: 'eu', 'kofi-types': 'Tips' },
        usd,
        unlocked,
      ),
    ).toStrictEqual({
      ok: false,
      problems: [
        rateProblem,
        '`threshold`: An amount must be more than zero. Type an amount like `25` or `25.50`.',
        '`max-racers` is a whole number from 2 to 25.',
        '`max-minutes` is a whole number from 5 to 1440.',
        currencyProblem,
        kofiProblem,
      ],
    });
  });

  it('refuses a form with one bad field even when the others are good', () => {
    expect(parseRaceSettings({ rate: 15, 'max-racers': 30 }, usd, unlocked)).toStrictEqual({
      ok: false,
      problems: ['`max-racers` is a whole number from 2 to 25.'],
    });
  });

  it('takes every field together when all are good', () => {
    expect(
      changesOf({
        rate: 15,
        threshold: 50,
        'max-racers': 12,
        'max-minutes': 90,
        'host-role': '930000000000000777',
        currency: 'usd',
        'kofi-types': 'Shop Order',
      }),
    ).toStrictEqual({
      commissionBps: 1_500,
      payoutThresholdCents: 5_000,
      maxRacers: 12,
      maxWindowMinutes: 90,
      hostRoleId: '930000000000000777',
      currency: 'usd',
      kofiTypes: ['Shop Order'],
    });
  });
});
