/**
 * The fold's rules: when a race may fold again (in a later whole second than the last
 * fold), which sales it takes (a second old, oldest first, a batch at most), and what they
 * add to the pot and to a racer's wallet.
 */
import {
  foldBatchLimit,
  foldIsDue,
  foldSpacingMs,
  potOfSales,
  ripeBefore,
  salesRipeToFold,
  walletTail,
  type SaleFold,
  type UnfoldedSale,
} from '../rules/sale-fold';

const second = Date.parse('2026-11-22T20:00:05.000Z');
const foldAt = (ms: number): SaleFold => ({ lobbyId: 'lobby001', foldedAt: new Date(ms).toISOString(), folds: 3 });

function sale(key: string, recordedAtMs: number, credits: Array<[string, number]> = [['r1', 10]], extra: Partial<UnfoldedSale> = {}): UnfoldedSale {
  return {
    saleKey: key,
    lobbyId: 'lobby001',
    guildId: 'g1',
    currency: 'usd',
    poolCents: credits.reduce((sum, [, cents]) => sum + cents, 0),
    credits: credits.map(([racerId, cents]) => ({ racerId, cents })),
    racerIds: credits.map(([racerId]) => racerId),
    recordedAt: new Date(recordedAtMs).toISOString(),
    ...extra,
  };
}

describe('when a race may fold', () => {
  it('folds when it never folded', () => {
    expect(foldIsDue(undefined, second)).toBe(true);
  });

  it('does not fold twice in one whole second, even at its last millisecond', () => {
    expect(foldIsDue(foldAt(second), second)).toBe(false);
    expect(foldIsDue(foldAt(second), second + 999)).toBe(false);
    expect(foldIsDue(foldAt(second + 998), second + 999)).toBe(false);
  });

  it('folds in the next whole second, though less than a second has passed since the last fold', () => {
    expect(foldIsDue(foldAt(second + 400), second + 1_000)).toBe(true);
    expect(foldIsDue(foldAt(second + 500), second + 1_000)).toBe(true);
    expect(foldIsDue(foldAt(second + 999), second + 1_499)).toBe(true);
    expect(foldIsDue(foldAt(second), second + 5_000)).toBe(true);
  });

  it('does not fold in the next whole second until half a second has passed since the last fold', () => {
    expect(foldIsDue(foldAt(second + 999), second + 1_050)).toBe(false);
    expect(foldIsDue(foldAt(second + 501), second + 1_000)).toBe(false);
    expect(foldIsDue(foldAt(second + 999), second + 1_498)).toBe(false);
  });

  it('does not fold when the clock reads earlier than the last fold', () => {
    expect(foldIsDue(foldAt(second + 2_000), second + 1_500)).toBe(false);
  });

  it('spaces folds a second apart', () => {
    expect(foldSpacingMs).toBe(1_000);
  });
});

describe('which sales a fold takes', () => {
  it('takes sales recorded a second before now or earlier, and not the younger ones', () => {
    expect(ripeBefore(second)).toBe('2026-11-22T20:00:04.000Z');
    const ripe = salesRipeToFold([sale('a', second - 1_000), sale('b', second - 999), sale('c', second - 5_000), sale('d', second)], second);
    expect(ripe.map((s) => s.saleKey)).toEqual(['c', 'a']);
  });

  it('takes them oldest first, and those recorded at one moment by their key', () => {
    const ripe = salesRipeToFold([sale('m', second - 2_000), sale('z', second - 3_000), sale('b', second - 2_000), sale('a', second - 4_000)], second);
    expect(ripe.map((s) => s.saleKey)).toEqual(['a', 'z', 'b', 'm']);
    const reversed = salesRipeToFold([sale('b', second - 2_000), sale('m', second - 2_000)], second);
    expect(reversed.map((s) => s.saleKey)).toEqual(['b', 'm']);
  });

  it('takes a batch at most: the oldest, the rest left for the next second', () => {
    const many = Array.from({ length: foldBatchLimit + 3 }, (_, i) => sale(`k${String(i).padStart(4, '0')}`, second - 10_000 + i));
    const ripe = salesRipeToFold([...many].reverse(), second);
    expect(foldBatchLimit).toBe(400);
    expect(ripe).toHaveLength(foldBatchLimit);
    expect(ripe[0]?.saleKey).toBe('k0000');
    expect(ripe.at(-1)?.saleKey).toBe(`k${String(foldBatchLimit - 1).padStart(4, '0')}`);
  });

  it('takes nothing when nothing is a second old', () => {
    expect(salesRipeToFold([sale('a', second - 10)], second)).toEqual([]);
  });
});

describe('what sales add up to', () => {
  it('adds the pool, the count and each racer’s share into a pot', () => {
    const pot = potOfSales('lobby001', [
      sale('a', second, [
        ['r1', 10],
        ['r2', 5],
      ]),
      sale('b', second, [['r1', 7]]),
    ]);
    expect(pot).toEqual({ lobbyId: 'lobby001', poolCents: 22, salesCount: 2, shares: { r1: 17, r2: 5 } });
    expect(potOfSales('lobby001', [])).toEqual({ lobbyId: 'lobby001', poolCents: 0, salesCount: 0, shares: {} });
  });

  it('adds a racer’s credits in one guild, over every race, into a wallet’s tail', () => {
    const tail = walletTail('g1', 'r1', [
      sale('a', second, [
        ['r1', 10],
        ['r2', 5],
      ]),
      sale('b', second, [['r1', 7]]),
      sale('c', second, [['r1', 3]], { lobbyId: 'lobby002' }),
      sale('d', second, [['r1', 100]], { guildId: 'g2' }),
      sale('e', second, [['r2', 100]]),
    ]);
    expect(tail).toEqual({
      guildId: 'g1',
      racerId: 'r1',
      currency: 'usd',
      pendingCents: 20,
      paidCents: 0,
      earnedCents: 20,
    });
  });

  it('has no tail for a racer with no credit in the guild', () => {
    expect(walletTail('g1', 'r9', [sale('a', second, [['r1', 10]])])).toBeUndefined();
    expect(walletTail('g2', 'r1', [sale('a', second, [['r1', 10]])])).toBeUndefined();
    expect(walletTail('g1', 'r1', [sale('a', second, [['r1', 0]])])).toBeUndefined();
  });
});
