/**
 * For any sequence of merch sales (from any shop, in or out of the window), redeliveries,
 * refunds (partial, total, repeated) and payouts (some refused by Stripe), every balance
 * the product keeps equals what the journal's racer entries add up to: wallets, what the race
 * earned each racer, the lobby's pot and shares, added up in the test itself (never with the
 * wallet's own `walletDelta`), and a wallet's paid balance equals the payouts Stripe did not
 * refuse. The wallet shown is the journal's fold; the running balances its shards keep and the
 * pot's shares are caches held equal to that fold here.
 */
import fc from 'fast-check';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { Payments, TaskQueue } from '../../ports';
import { PaymentRefused } from '../../errors';
import { recordSale } from '../use-cases/record-sale';
import { recordSaleRefund } from '../use-cases/record-sale-refund';
import { recordShopEvent } from '../use-cases/record-shop-event';
import { payRacer } from '../use-cases/pay-racer';
import { raceLobbyPath, type RaceLobby } from '../rules/race';
import { payoutsCollection, sumWallet, walletShardCount, walletShardPath, type RacerLine, type Wallet } from '../rules/wallet';
import { unfoldedSalesCollection, walletTail } from '../rules/sale-fold';
import { lobbyWithPot, readWallet } from '../use-cases/race-balances';
import { salesCollection, type SaleEvent } from '../rules/sale';
import type { Interaction } from '../../discord';
import { ADMIN } from '../../../test/support/interactions';
import { builderPath } from '../../onboarding';
import { racingLobby } from '../../../test/support/races';
import type { RefundEvent, SaleRefundRecord, Shop } from '../../payments';
import { collectionPath } from '../../ports';
import { journalCollection } from '../../journal';
import { racerLineOf, refundedOfSale, reversedOfSale } from '../rules/race-journal';

const GUILD = '900000000000000001';
const racers = ['810000000000000001', '810000000000000002', '810000000000000003'];
const opened = Date.parse('2026-11-22T20:00:00.000Z');

/**
 * What a racer's wallet must hold, stated without the wallet's own rules (`walletDelta`,
 * `balancesOf`): every entry's amount is what it does to the pending balance; earned is
 * credits less reversals; paid is every payout Stripe did not refuse, from the payouts
 * themselves.
 */
function expectedWallet(entries: readonly RacerLine[], payouts: ReadonlyArray<{ amountCents: number; status: string }>) {
  const total = (list: readonly RacerLine[]) => list.reduce((sum, e) => sum + e.amountCents, 0);
  return {
    pendingCents: total(entries),
    paidCents: payouts.filter((p) => p.status !== 'failed').reduce((sum, p) => sum + p.amountCents, 0),
    earnedCents: total(entries.filter((e) => e.kind === 'credit' || e.kind === 'reversal')),
  };
}

/** The wallet's shards summed with the sales not yet folded, as the shards alone keep it: the cache beside the journal's fold. */
async function cachedWallet(store: LocalDocumentStore, racerId: string): Promise<Wallet | undefined> {
  const shards = await Promise.all(Array.from({ length: walletShardCount }, (_, i) => store.get(walletShardPath(GUILD, racerId, i))));
  const unfolded = (await store.query(unfoldedSalesCollection)).map((d) => d.data);
  return sumWallet([...shards, walletTail(GUILD, racerId, unfolded)]);
}

const balancesOfShards = (wallet: Wallet | undefined) => ({
  pendingCents: wallet?.pendingCents ?? 0,
  paidCents: wallet?.paidCents ?? 0,
  earnedCents: wallet?.earnedCents ?? 0,
});

/**
 * A racer's wallet is what their lines in the journal add up to, its shards' running balances
 * equal to that, and what the race earned them is the fold of their earnings that name it, and
 * their share of its pot.
 */
async function expectWalletIsTheFold(
  store: LocalDocumentStore,
  racerId: string,
  ledger: readonly RacerLine[],
  payouts: ReadonlyArray<{ racerId: string; amountCents: number; status: string }>,
  lobby: RaceLobby,
): Promise<void> {
  const wallet = await readWallet(store, GUILD, racerId);
  const entries = ledger.filter((e) => e.racerId === racerId);
  if (!wallet) {
    expect(entries).toEqual([]);
    return;
  }
  const expected = expectedWallet(
    entries,
    payouts.filter((p) => p.racerId === racerId),
  );
  expect({ pendingCents: wallet.pendingCents, paidCents: wallet.paidCents, earnedCents: wallet.earnedCents }).toEqual(expected);
  expect(wallet.pendingCents).toBe(wallet.earnedCents - wallet.paidCents);
  // The shards' running balances (with the sales not yet folded into them) are a cache of that fold: equal to it.
  expect(balancesOfShards(await cachedWallet(store, racerId))).toEqual(balancesOfShards(wallet));
  const inRace = entries.filter((e) => e.lobbyId === 'lobby001').reduce((total, e) => total + e.amountCents, 0);
  expect(wallet.races?.lobby001?.earnedCents ?? 0).toBe(inRace);
  expect(lobby.shares?.[racerId] ?? 0).toBe(inRace);
  expect(Object.keys(wallet.races ?? {}).filter((id) => id !== 'lobby001')).toEqual([]);
}

type Op =
  | { op: 'sale'; shop: Shop; id: number; amountCents: number; inWindow: boolean }
  | { op: 'again'; index: number; throughRunOnce: boolean }
  | { op: 'refund'; index: number; refundId: number; amountCents: number; asTotal: boolean }
  | { op: 'payout'; racer: number; amountCents: number; relative: 'given' | 'all' | 'a-cent-more'; stripeRefuses: boolean };

const operation: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('sale' as const),
      shop: fc.constantFrom<Shop>('stripe', 'kofi', 'shopify'),
      id: fc.nat(30),
      amountCents: fc.integer({ min: 1, max: 2_000_000 }),
      inWindow: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('again' as const), index: fc.nat(40), throughRunOnce: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('refund' as const),
      index: fc.nat(40),
      refundId: fc.nat(10),
      amountCents: fc.integer({ min: 1, max: 2_000_000 }),
      asTotal: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('payout' as const),
      racer: fc.nat(racers.length - 1),
      amountCents: fc.integer({ min: 1, max: 200_000 }),
      relative: fc.constantFrom<'given' | 'all' | 'a-cent-more'>('given', 'all', 'a-cent-more'),
      stripeRefuses: fc.boolean(),
    }),
  },
);

async function world() {
  const store = new LocalDocumentStore();
  const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
  const clock = { now: () => new Date(opened + 60_000) };
  let refuse = false;
  const payments = {
    createTransfer: async () => {
      if (refuse) throw new PaymentRefused('insufficient funds in the platform balance');
      return { transferId: `tr_${Math.random().toString(36).slice(2)}` };
    },
  } as unknown as Payments;
  const deps = { store, discord: new DiscordOutbox(), tasks, clock, currency: 'usd', payments };
  const lobby = racingLobby({ guildId: GUILD, racers, openedAtMs: opened, title: 'Property race' });
  await store.set(raceLobbyPath('lobby001'), lobby);
  // One racer can be paid by Stripe, the others by hand.
  await store.set(builderPath(racers[0]), {
    discordUserId: racers[0],
    displayName: 'R1',
    stripeAccountId: 'acct_1',
    payoutsEnabled: true,
    chargesEnabled: true,
  });
  return { store, deps, setRefusing: (value: boolean) => (refuse = value) };
}

function payoutInteraction(n: number, racerId: string, amountCents: number): Interaction {
  return {
    id: `${9_000_000_000_000_000 + n}`,
    type: 2,
    token: `t${n}`,
    application_id: '1',
    guild_id: GUILD,
    channel_id: '910000000000000001',
    member: { user: { id: '800000000000000009', username: 'admin' }, permissions: ADMIN },
    data: {
      name: 'payout',
      options: [
        { name: 'user', type: 6, value: racerId },
        { name: 'amount', type: 10, value: amountCents / 100 },
      ],
    },
  };
}

describe('race money under any sequence of sales, redeliveries, refunds and payouts (property)', () => {
  it('keeps every wallet, what the race earned each racer, the pot and each racer’s share equal to the sum of the journal’s racer entries, and never pays out more than is pending', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (ops) => {
        const { store, deps, setRefusing } = await world();
        const sales: SaleEvent[] = [];
        let n = 0;
        for (const op of ops) {
          n++;
          if (op.op === 'sale') {
            const paidAt = new Date(op.inWindow ? opened + 1_000 * op.id : opened - 1_000 * (op.id + 1)).toISOString();
            const sale: SaleEvent = {
              kind: 'sale',
              shop: op.shop,
              guildId: GUILD,
              saleId: `s${op.id}`,
              eventId: `e${n}`,
              amountCents: op.amountCents,
              currency: 'usd',
              paidAt,
              description: 'merch',
              ...(op.shop === 'kofi' ? { kofiType: 'Shop Order' } : {}),
            };
            sales.push(sale);
            await recordSale(deps, sale);
          } else if (op.op === 'again' && sales.length > 0) {
            const sale = sales[op.index % sales.length] as SaleEvent;
            await (op.throughRunOnce ? recordShopEvent(deps, sale) : recordSale(deps, sale));
          } else if (op.op === 'refund' && sales.length > 0) {
            const sale = sales[op.index % sales.length] as SaleEvent;
            const refund: RefundEvent = {
              kind: 'refund',
              shop: sale.shop,
              guildId: GUILD,
              saleId: sale.saleId,
              refundId: `r${op.refundId}`,
              eventId: `e${n}`,
              currency: 'usd',
              refundedAt: new Date(opened + 120_000).toISOString(),
              ...(op.asTotal ? { totalRefundedCents: op.amountCents } : { amountCents: op.amountCents }),
            };
            await recordSaleRefund(deps, refund);
          } else if (op.op === 'payout') {
            setRefusing(op.stripeRefuses);
            const before = await readWallet(store, GUILD, racers[op.racer] as string);
            const pending = Math.max(1, before?.pendingCents ?? 0);
            const amount = op.relative === 'all' ? pending : op.relative === 'a-cent-more' ? pending + 1 : op.amountCents;
            await payRacer({ ...deps, marketplace: { currency: deps.currency } }, payoutInteraction(n, racers[op.racer] as string, amount));
            const after = await readWallet(store, GUILD, racers[op.racer] as string);
            // Never more than was pending, and only ever the whole amount asked for, or nothing.
            const paid = (after?.paidCents ?? 0) - (before?.paidCents ?? 0);
            expect(paid).toBeLessThanOrEqual(Math.max(0, before?.pendingCents ?? 0));
            expect([0, amount]).toContain(paid);
          }
        }

        const journal = (await store.query(journalCollection)).map((d) => d.data);
        const ledger = journal.flatMap((entry) => racerLineOf(entry) ?? []);
        const payouts = (await store.query(payoutsCollection)).map((d) => d.data);
        const lobby = (await lobbyWithPot(store, 'lobby001')) as RaceLobby;
        for (const racerId of racers) await expectWalletIsTheFold(store, racerId, ledger, payouts, lobby);
        const lobbyEntries = ledger.filter((e) => e.lobbyId === 'lobby001');
        const shares = Object.values(lobby.shares ?? {}).reduce((a, b) => a + b, 0);
        expect(lobby.poolCents).toBe(shares);
        expect(lobby.poolCents).toBe(lobbyEntries.reduce((total, e) => total + e.amountCents, 0));
        const recorded = (await store.query(salesCollection)).map((d) => d.data);
        const refunds = (await store.query(collectionPath<SaleRefundRecord>('saleRefunds'))).map((d) => d.data);
        expect(lobby.salesCount).toBe(recorded.filter((s) => s.attributedTo === 'race').length);
        for (const sale of recorded) {
          expect(sale.credits.reduce((total, c) => total + c.cents, 0)).toBe(sale.poolCents);
          expect(sale.reversedCents).toBeLessThanOrEqual(sale.poolCents);
          expect(sale.refundedCents).toBeLessThanOrEqual(sale.amountCents);
          // The sale's counters are caches of the journal: equal to its folds.
          const refundKeys = refunds.filter((r) => r.saleKey === sale.saleKey).map((r) => r.refundKey);
          expect({ refunded: sale.refundedCents, reversed: sale.reversedCents }).toEqual({
            refunded: refundedOfSale(journal, sale.saleKey),
            reversed: reversedOfSale(journal, refundKeys),
          });
        }
      }),
      { numRuns: 150 },
    );
  });
});
