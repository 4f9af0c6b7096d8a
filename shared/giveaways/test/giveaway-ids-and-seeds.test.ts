/**
 * The shapes a giveaway trusts: a seed is exactly 64 lowercase hex characters, an id exactly
 * eight of `[0-9a-z]`, a task exactly a giveaway id and a round; and each round's pick is
 * the HMAC of `draw:<round>`, as the rules page tells anyone to recompute it.
 */
import { commitmentOf, drawRounds, isHex64, roundIndex } from '../rules/draw';
import { giveawayIdFrom, giveawaysCollection, isGiveawayIdShaped, parseGiveawayTask, roundOf } from '../rules/giveaway';

const seed = '0f'.repeat(32);

describe('a giveaway’s seed', () => {
  it('is exactly 64 lowercase hex characters, as a string', () => {
    expect(isHex64(seed)).toBe(true);
    expect(isHex64(`${seed}0`)).toBe(false);
    expect(isHex64(`x${seed}`)).toBe(false);
    expect(isHex64(seed.toUpperCase())).toBe(false);
    expect(isHex64([seed])).toBe(false);
  });

  it('is refused when it is not one, before any commitment or draw is made from it', () => {
    expect(() => commitmentOf('5eed')).toThrow('a seed is 64 hex characters');
    expect(() => drawRounds('5eed', ['a', 'b'], 1)).toThrow('a seed is 64 hex characters');
  });

  it('picks each round by the HMAC-SHA256 of `draw:<round>` under the seed, modulo the entries left', () => {
    // Computed by the recipe on the rules page, with node:crypto alone.
    expect(roundIndex(seed, 1, 1000)).toBe(996);
    expect(roundIndex(seed, 2, 1000)).toBe(324);
  });
});

describe('a giveaway’s id and tasks', () => {
  it('derives the id from the command that started it, and stores giveaways under `giveaways`', () => {
    expect(giveawayIdFrom('1200000000000000001')).toBe('cb19b36f');
    expect(giveawaysCollection).toBe('giveaways');
  });

  it('takes an id of exactly eight lowercase letters and digits', () => {
    expect(isGiveawayIdShaped('abcd2345')).toBe(true);
    expect(isGiveawayIdShaped('abcd23456')).toBe(false);
    expect(isGiveawayIdShaped('-abcd2345')).toBe(false);
  });

  it('refuses a task whose giveaway id is not a string', () => {
    expect(parseGiveawayTask({ giveawayId: 12345678, round: 0 })).toBeUndefined();
  });

  it('finds a round only on a giveaway that was drawn and has it', () => {
    expect(roundOf({}, 1)).toBeUndefined();
    const rounds = [{ round: 1, pseudonym: 'p', winnerId: 'w', winnerLabel: 'w', confirmBy: '2026-11-26T12:05:00.000Z', state: 'waiting' as const }];
    expect(roundOf({ rounds }, 2)).toBeUndefined();
    expect(roundOf({ rounds }, 1)).toBe(rounds[0]);
  });
});
