/**
 * wallet.ts: how each kind of racer's move moves their three balances, and how a wallet's
 * shards add up to the copy of them the journal's fold is held to. Expected values are worked by hand.
 */
import { balancesOf, sumWallet, walletDelta, type Wallet } from '../rules/wallet';

const shard = (fields: Partial<Wallet> = {}): Wallet => ({
  guildId: 'g1',
  racerId: 'r1',
  currency: 'usd',
  pendingCents: 0,
  paidCents: 0,
  earnedCents: 0,
  ...fields,
});

describe('how an entry moves the balances', () => {
  it('counts a credit as earned and pending, never as paid', () => {
    expect(walletDelta('credit', 500)).toEqual({ pendingCents: 500, paidCents: 0, earnedCents: 500 });
  });

  it('takes a reversal back from earned and pending, never from paid', () => {
    expect(walletDelta('reversal', -200)).toEqual({ pendingCents: -200, paidCents: 0, earnedCents: -200 });
  });

  it('moves a payout from pending to paid, leaving earned alone', () => {
    expect(walletDelta('payout', -300)).toEqual({ pendingCents: -300, paidCents: 300, earnedCents: 0 });
  });

  it('moves a reversed payout from paid back to pending', () => {
    expect(walletDelta('payout-reversal', 300)).toEqual({ pendingCents: 300, paidCents: -300, earnedCents: 0 });
  });

  it('adds a ledger up to what was earned, paid and is still pending', () => {
    const ledger = [
      { kind: 'credit', amountCents: 1_000 },
      { kind: 'credit', amountCents: 500 },
      { kind: 'reversal', amountCents: -200 },
      { kind: 'payout', amountCents: -800 },
      { kind: 'payout', amountCents: -100 },
      { kind: 'payout-reversal', amountCents: 100 },
    ] as const;
    // Earned 1,500 less 200 reversed; paid 800 (the 100 came back); pending 1,300 less 800.
    expect(balancesOf(ledger)).toEqual({ pendingCents: 500, paidCents: 800, earnedCents: 1_300 });
  });
});

describe('a wallet read from its shards', () => {
  it('is nothing until a shard exists', () => {
    expect(sumWallet([])).toBeUndefined();
    expect(sumWallet([undefined, undefined])).toBeUndefined();
  });

  it('adds up the balances of every shard', () => {
    const wallet = sumWallet([
      shard({ pendingCents: 100, paidCents: 10, earnedCents: 110 }),
      undefined,
      shard({ pendingCents: 50, paidCents: 5, earnedCents: 55 }),
    ]);
    expect(wallet).toEqual({ guildId: 'g1', racerId: 'r1', currency: 'usd', pendingCents: 150, paidCents: 15, earnedCents: 165 });
  });

  it('keeps the racer’s name from whichever shard has it', () => {
    expect(sumWallet([shard({ racerName: 'Ayla' }), shard()])?.racerName).toBe('Ayla');
    expect(sumWallet([shard(), shard({ racerName: 'Ayla' })])?.racerName).toBe('Ayla');
    expect(sumWallet([shard(), shard()])).not.toHaveProperty('racerName');
  });

  it('takes no per-race figure from a shard: what each race earned is the journal’s fold (race-earnings)', () => {
    // A shard written before issue 75 may still hold a copy; the sum leaves it out.
    const stale = { lobby1: { title: 'Friday race', startedAt: '2026-11-22T20:00:00Z', earnedCents: 300 } };
    expect(sumWallet([shard({ races: stale }), shard()])).not.toHaveProperty('races');
  });
});
