/**
 * A race in a currency whose amounts move in steps (three-decimal ones: Stripe takes only
 * multiples of 10 fils): the pool, each racer's part and each refund's take-back are whole
 * steps, and the parts still add up to the pool exactly.
 */
import fc from 'fast-check';
import { commissionPool, reversalsFor, splitCommission } from '../rules/commission';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { raceLobbyPath } from '../rules/race';
import { salePath } from '../rules/sale';
import { recordSale } from '../use-cases/record-sale';
import { racingLobby } from '../../../test/support/races';

const racers = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

describe('a race pool in a currency with a step of 10', () => {
  it('is rounded half up to a whole step', () => {
    expect(commissionPool(12_340, 1_000, 10)).toBe(1_230);
    expect(commissionPool(12_350, 1_000, 10)).toBe(1_240);
    expect(commissionPool(12_340, 1_000)).toBe(1_234);
  });

  it('is split in whole steps, the odd steps one each, adding up to the pool', () => {
    const parts = splitCommission(1_230, racers.slice(0, 4), 'sale-1', 10);
    expect(parts.map((p) => p.cents).sort((x, y) => y - x)).toEqual([310, 310, 310, 300]);
  });

  it('gives what of a pool is below one step to the racer the sale picks, so nothing is lost', () => {
    const parts = splitCommission(1_235, racers.slice(0, 4), 'sale-1', 10);
    const first = splitCommission(1_230, racers.slice(0, 4), 'sale-1', 10);
    expect(parts.reduce((sum, p) => sum + p.cents, 0)).toBe(1_235);
    expect(parts.filter((p, i) => p.cents !== first[i]?.cents)).toHaveLength(1);
    expect(parts.filter((p) => p.cents % 10 !== 0).map((p) => p.cents % 10)).toEqual([5]);
  });

  it('refuses a step that is not a whole positive number of cents', () => {
    expect(() => splitCommission(100, ['a'], 's', 0)).toThrow(RangeError);
    expect(() => splitCommission(100, ['a'], 's', 2.5)).toThrow(RangeError);
  });
});

describe('splits and take-backs in steps (property)', () => {
  it('are whole steps that add up to the pool, and take back every credit on a full refund', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5_000_000 }).map((n) => n * 10),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.string(),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 4 }),
        (saleCents, bps, n, seed, refundsPermille) => {
          const pool = commissionPool(saleCents, bps, 10);
          const parts = splitCommission(pool, racers.slice(0, n), seed, 10);
          expect(pool % 10).toBe(0);
          expect(parts.every((p) => p.cents % 10 === 0)).toBe(true);
          expect(parts.reduce((sum, p) => sum + p.cents, 0)).toBe(pool);
          // Refunds in steps, then the rest: every take-back a whole step, all of each credit in the end.
          let refunded = 0;
          const taken = new Map(parts.map((p) => [p.racerId, 0]));
          for (const permille of [...refundsPermille, 1_000]) {
            const total = Math.min(saleCents, refunded + Math.round((saleCents * permille) / 10_000) * 10);
            for (const r of reversalsFor(parts, saleCents, refunded, permille === 1_000 ? saleCents : total, 10)) {
              expect(r.cents % 10).toBe(0);
              taken.set(r.racerId, (taken.get(r.racerId) ?? 0) + r.cents);
            }
            refunded = permille === 1_000 ? saleCents : total;
          }
          expect(parts.map((p) => taken.get(p.racerId))).toEqual(parts.map((p) => p.cents));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('a merch sale in Kuwaiti dinars during a race', () => {
  it('credits each racer whole steps of 10 fils, adding up to the pool', async () => {
    const opened = Date.parse('2026-11-22T20:00:00.000Z');
    const grid = ['810000000000000001', '810000000000000002', '810000000000000003', '810000000000000004', '810000000000000005'];
    const store = new LocalDocumentStore();
    await store.set(raceLobbyPath('lobby001'), { ...racingLobby({ guildId: 'g', racers: grid, openedAtMs: opened }), currency: 'kwd' });
    const deps = {
      store,
      discord: new DiscordOutbox(),
      tasks: { schedule: async () => 'scheduled' as const, cancel: async () => false },
      clock: { now: () => new Date(opened + 60_000) },
      currency: 'kwd',
      publicBaseUrl: 'http://localhost',
    };
    await recordSale(deps, {
      kind: 'sale',
      shop: 'stripe',
      guildId: 'g',
      saleId: 'cs_kwd',
      eventId: 'evt_kwd',
      amountCents: 12_340,
      currency: 'kwd',
      paidAt: new Date(opened + 1_000).toISOString(),
      description: 'merch',
    });
    const sale = await store.get(salePath('stripe', 'cs_kwd'));
    // 20 % of 12.340 KWD is 2.468, to the step 2.470: 247 steps over 5 racers.
    expect(sale?.poolCents).toBe(2_470);
    expect(sale?.credits.map((c) => c.cents).sort((x, y) => y - x)).toEqual([500, 500, 490, 490, 490]);
  });
});
