/**
 * wallet.ts: how each kind of ledger entry moves a racer's three balances, and how a
 * wallet's shards add up to the wallet a racer sees. Expected values are worked by hand.
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

  it('adds up each race’s earnings over the shards, keeping its title and start', () => {
    const race = { title: 'Friday race', startedAt: '2026-11-22T20:00:00Z' };
    const wallet = sumWallet([
      shard({ races: { lobby1: { ...race, earnedCents: 300 } } }),
      shard({ races: { lobby1: { ...race, earnedCents: 200 }, lobby2: { title: 'Saturday', startedAt: '2026-11-23T20:00:00Z', earnedCents: 40 } } }),
    ]);
    expect(wallet?.races).toEqual({
      lobby1: { ...race, earnedCents: 500 },
      lobby2: { title: 'Saturday', startedAt: '2026-11-23T20:00:00Z', earnedCents: 40 },
    });
  });

  it('has no races when no shard has any', () => {
    expect(sumWallet([shard()])).not.toHaveProperty('races');
  });

  it('takes a race’s title and start from another shard when one shard lacks them, and empty text when none has them', () => {
    // A shard is read back as Firestore holds it: a race written only by increments lacks the rest.
    const partial = (earnedCents: number) => ({ earnedCents }) as unknown as NonNullable<Wallet['races']>[string];
    const race = { title: 'Friday race', startedAt: '2026-11-22T20:00:00Z' };
    expect(sumWallet([shard({ races: { lobby1: { ...race, earnedCents: 300 } } }), shard({ races: { lobby1: partial(-100) } })])?.races).toEqual({
      lobby1: { ...race, earnedCents: 200 },
    });
    expect(sumWallet([shard({ races: { lobby1: partial(70) } })])?.races).toEqual({ lobby1: { title: '', startedAt: '', earnedCents: 70 } });
  });

  it('counts a race whose earnings a shard lacks as nothing earned there', () => {
    const noEarnings = { title: 'Friday race', startedAt: '2026-11-22T20:00:00Z' } as unknown as NonNullable<Wallet['races']>[string];
    expect(
      sumWallet([
        shard({ races: { lobby1: noEarnings } }),
        shard({ races: { lobby1: { title: 'Friday race', startedAt: '2026-11-22T20:00:00Z', earnedCents: 90 } } }),
      ])?.races?.lobby1?.earnedCents,
    ).toBe(90);
    expect(
      sumWallet([
        shard({ races: { lobby1: { title: 'Friday race', startedAt: '2026-11-22T20:00:00Z', earnedCents: 90 } } }),
        shard({ races: { lobby1: noEarnings } }),
      ])?.races?.lobby1?.earnedCents,
    ).toBe(90);
  });
});
