import { maxPayoutNoteLength, payoutRacerOf, readPayoutForm } from '../rules/payout-form';
import { payoutRefusals } from '../rules/race-messages';

const ana = '100000000000000001';

describe('the racer a payout names', () => {
  it.each([
    ['17 digits', '10000000000000001'],
    ['18 digits', ana],
    ['20 digits', '10000000000000000001'],
  ])('takes a user id of %s', (_, id) => {
    expect(payoutRacerOf({ user: id })).toBe(id);
  });

  it.each([
    ['no user', {}],
    ['16 digits', { user: '1000000000000001' }],
    ['21 digits', { user: '100000000000000000001' }],
    ['a mention instead of an id', { user: `<@${ana}>` }],
    ['text before the id', { user: `x${ana}` }],
    ['text after the id', { user: `${ana}x` }],
    ['a number instead of an id', { user: 100000000000000000 }],
    ['a name', { user: 'ana' }],
  ])('names no racer with %s', (_, options) => {
    expect(payoutRacerOf(options)).toBeUndefined();
  });
});

describe('a /payout form', () => {
  it('reads the racer and the amount in the race currency, with no note', () => {
    expect(readPayoutForm({ user: ana, amount: 20 }, 'usd')).toStrictEqual({ ok: true, racerId: ana, amountCents: 2_000 });
    expect(readPayoutForm({ user: ana, amount: '12.50' }, 'usd')).toStrictEqual({ ok: true, racerId: ana, amountCents: 1_250 });
    expect(readPayoutForm({ user: ana, amount: 2_400 }, 'jpy')).toStrictEqual({ ok: true, racerId: ana, amountCents: 2_400 });
  });

  it('asks for the racer first, whatever else is wrong', () => {
    expect(readPayoutForm({ amount: -1 }, 'usd')).toStrictEqual({ ok: false, answer: payoutRefusals.needsUser });
    expect(readPayoutForm({ user: 'ana', amount: 20 }, 'usd')).toStrictEqual({ ok: false, answer: payoutRefusals.needsUser });
  });

  it('asks how much to pay when no amount is given', () => {
    const form = readPayoutForm({ user: ana }, 'usd');
    expect(form).toStrictEqual({ ok: false, answer: payoutRefusals.amount('Say how much to pay.') });
    expect(form.ok || form.answer.content).toBe('Say how much to pay. For example: `/payout user:@ana amount:20`.');
  });

  it.each([
    ['zero', 0, 'An amount must be more than zero. Type an amount like `25` or `25.50`.'],
    ['a negative amount', -5, 'An amount can’t be negative. Type an amount like `25` or `25.50`.'],
    ['fractions of a cent', '1.005', '`1.005` has more than two decimals: money goes to the cent. Type an amount like `25` or `25.50`.'],
    ['a blank', '', '` ` isn’t an amount. Type an amount like `25` or `25.50`.'],
    ['an absurd amount', '1000000000', 'That’s more than $999,999.99, the most a card payment can be. Type an amount like `25` or `25.50`.'],
  ])('refuses %s, with the reason and an example', (_, amount, reason) => {
    expect(readPayoutForm({ user: ana, amount }, 'usd')).toStrictEqual({ ok: false, answer: payoutRefusals.amount(reason) });
  });

  it('refuses decimals in a currency that has none', () => {
    expect(readPayoutForm({ user: ana, amount: 24.5 }, 'jpy')).toStrictEqual({
      ok: false,
      answer: payoutRefusals.amount('`24.5` has decimals, and JPY has none. Type an amount like `2400`.'),
    });
  });
});

describe('the note on a payout', () => {
  it('keeps a note, without the spaces around it', () => {
    expect(readPayoutForm({ user: ana, amount: 20, note: '  PayPal, 3 May  ' }, 'usd')).toStrictEqual({
      ok: true,
      racerId: ana,
      amountCents: 2_000,
      note: 'PayPal, 3 May',
    });
  });

  it('removes the controls that would turn the note around', () => {
    expect(readPayoutForm({ user: ana, amount: 20, note: 'paid \u202Egpj.exe' }, 'usd')).toMatchObject({ ok: true, note: 'paid gpj.exe' });
  });

  it('leaves out a note that shows nothing', () => {
    expect(readPayoutForm({ user: ana, amount: 20, note: ' \u200B ' }, 'usd')).toStrictEqual({ ok: true, racerId: ana, amountCents: 2_000 });
  });

  it('leaves out a note that is not text', () => {
    expect(readPayoutForm({ user: ana, amount: 20, note: 42 }, 'usd')).toStrictEqual({ ok: true, racerId: ana, amountCents: 2_000 });
  });

  it('takes a note of exactly the most characters', () => {
    const note = 'n'.repeat(maxPayoutNoteLength);
    expect(readPayoutForm({ user: ana, amount: 20, note }, 'usd')).toStrictEqual({ ok: true, racerId: ana, amountCents: 2_000, note });
  });

  it('refuses a note one character longer, saying the limit', () => {
    const note = 'n'.repeat(maxPayoutNoteLength + 1);
    expect(maxPayoutNoteLength).toBe(200);
    expect(readPayoutForm({ user: ana, amount: 20, note }, 'usd')).toStrictEqual({ ok: false, answer: payoutRefusals.note });
  });

  it('measures the note after the spaces around it are dropped', () => {
    const note = ` ${'n'.repeat(maxPayoutNoteLength)} `;
    expect(readPayoutForm({ user: ana, amount: 20, note }, 'usd')).toMatchObject({ ok: true, note: 'n'.repeat(maxPayoutNoteLength) });
  });
});
