/**
 * A race's sales land as documents of their own and are folded into the wallets and the
 * pot at most once a second: exact to the cent at every moment and in any order, no
 * document written twice in one second however many sales a second arrive, and a race
 * that closes has its sales folded.
 */
import fc from 'fast-check';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { DocumentStore, ScheduledTask, TaskQueue, Transaction } from '../../ports';
import { functionRegistry, queues } from '../../registry';
import { grantedTaskQueue } from '../../local/grants';
import { commissionPool, splitCommission } from '../rules/commission';
import { potShardsPath, raceLobbyPath } from '../rules/race';
import { saleFoldPath, unfoldedSalesCollection } from '../rules/sale-fold';
import { sumWallet, walletShardsPath } from '../rules/wallet';
import type { SaleEvent } from '../rules/sale';
import { recordSale } from '../use-cases/record-sale';
import { foldRaceSales } from '../use-cases/fold-race-sales';
import { lobbyWithPot, readWallet } from '../use-cases/race-balances';
import { closeRaceOnTime } from '../use-cases/end-race';
import { refreshRaceMessage } from '../use-cases/refresh-race-message';
import { parseRaceMessageTask } from '../use-cases/race-tasks';
import { racingLobby } from '../../../test/support/races';
import { NamedTaskQueue } from '../../../test/support/named-task-queue';
import { saleKey } from '../../payments';

const GUILD = '900000000000000001';
const racers = ['810000000000000001', '810000000000000002', '810000000000000003', '810000000000000004', '810000000000000005'];
const opened = Date.parse('2026-11-22T20:00:00.000Z');
const noTasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };

function saleOf(id: number, amountCents: number, paidAtMs = opened + 1_000): SaleEvent {
  return {
    kind: 'sale',
    shop: 'stripe',
    guildId: GUILD,
    saleId: `cs_${id}`,
    eventId: `evt_${id}`,
    amountCents,
    currency: 'usd',
    paidAt: new Date(paidAtMs).toISOString(),
    description: 'merch',
  };
}

/** The sequential model: each distinct sale split as the rules split it, added up once. */
function expectedCents(sales: ReadonlyMap<string, SaleEvent>): { pool: number; racers: Map<string, number> } {
  const byRacer = new Map(racers.map((r) => [r, 0]));
  let pool = 0;
  for (const sale of sales.values()) {
    const cents = commissionPool(sale.amountCents, 2000);
    pool += cents;
    for (const part of splitCommission(cents, racers, saleKey('stripe', sale.saleId))) byRacer.set(part.racerId, (byRacer.get(part.racerId) ?? 0) + part.cents);
  }
  return { pool, racers: byRacer };
}

async function world(clock: { now(): Date }, store = new LocalDocumentStore()) {
  await store.set(raceLobbyPath('lobby001'), racingLobby({ guildId: GUILD, racers, openedAtMs: opened, title: 'Fold race' }));
  return { store, deps: { store, discord: new DiscordOutbox(), tasks: noTasks, clock, currency: 'usd', publicBaseUrl: 'http://localhost' } };
}

/** What the shards alone hold, without the unfolded tail: what folding has put there. */
async function foldedOnly(store: LocalDocumentStore) {
  const pot = (await store.query(potShardsPath('lobby001'))).reduce((sum, d) => sum + (d.data.poolCents ?? 0), 0);
  const wallets = await Promise.all(racers.map(async (r) => sumWallet((await store.query(walletShardsPath(GUILD, r))).map((d) => d.data))?.pendingCents ?? 0));
  return { pot, wallets };
}

type Op = { op: 'sale'; id: number; amountCents: number } | { op: 'again'; index: number } | { op: 'fold' } | { op: 'tick'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('sale' as const), id: fc.nat(40), amountCents: fc.integer({ min: 1, max: 500_000 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('again' as const), index: fc.nat(60) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('fold' as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('tick' as const), ms: fc.integer({ min: 0, max: 1_500 }) }) },
);

describe('folding a race’s sales (property)', () => {
  it('ends any interleaving of sales, redeliveries, folds and aborted commits with the cents of the sequential model, read at any moment and once all is folded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(op, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 12 }), fc.boolean(), async (rounds, aborts) => {
        let nowMs = opened + 60_000;
        const clock = { now: () => new Date(nowMs) };
        let commits = 0;
        const store = new LocalDocumentStore({ maxAttempts: 50 });
        // Every third commit aborted, as Firestore does under contention: the work runs again.
        const faulty = aborts ? store.withFaults({ abortCommit: () => ++commits % 3 === 0 }) : store;
        const { deps } = await world(clock, store);
        const live = { ...deps, store: faulty };
        const delivered: SaleEvent[] = [];
        const recorded = new Map<string, SaleEvent>();
        const run = async (o: Op): Promise<void> => {
          if (o.op === 'sale') {
            const sale = saleOf(o.id, o.amountCents);
            delivered.push(sale);
            const outcome = await recordSale(live, sale);
            if (!outcome.duplicate) recorded.set(sale.saleId, sale);
          } else if (o.op === 'again' && delivered.length > 0) {
            const sale = delivered[o.index % delivered.length] as SaleEvent;
            // A redelivery that runs first is the one that records the sale.
            if (!(await recordSale(live, sale)).duplicate) recorded.set(sale.saleId, sale);
          } else if (o.op === 'fold') await foldRaceSales(live, 'lobby001');
          else if (o.op === 'tick') nowMs += o.ms;
        };
        // The operations of a round run at once: they arrive in any order and race each other.
        for (const round of rounds) await Promise.all(round.map(run));

        const expected = expectedCents(recorded);
        const check = async () => {
          expect((await lobbyWithPot(store, 'lobby001'))?.poolCents).toBe(expected.pool);
          for (const r of racers) expect((await readWallet(store, GUILD, r))?.pendingCents ?? 0).toBe(expected.racers.get(r));
        };
        await check();
        for (let i = 0; i < 5; i++) {
          nowMs += 1_000;
          await foldRaceSales(live, 'lobby001');
        }
        expect(await store.query(unfoldedSalesCollection)).toEqual([]);
        await check();
        expect(await foldedOnly(store)).toEqual({ pot: expected.pool, wallets: racers.map((r) => expected.racers.get(r)) });
      }),
      { numRuns: 40 },
    );
    // A generous limit: the machine's speed decides nothing here.
  }, 300_000);
});

describe('a burst of sales during a race', () => {
  afterEach(() => jest.useRealTimers());

  it('writes no document more than once in any second of the store’s clock, and folds the sales as it goes', async () => {
    // Only Date is faked: the store counts each commit's writes by Date.now()'s second, and the test moves it.
    jest.useFakeTimers({
      now: opened + 60_000,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    const { store, deps } = await world({ now: () => new Date() });
    store.resetWriteCounts();
    const recorded = new Map<string, SaleEvent>();
    // 40 sales a second for 4 seconds, a fold tried every 100 ms (the message task tries once a second).
    for (let step = 0; step < 160; step++) {
      const sale = saleOf(step, 1_000 + step * 7);
      await Promise.all([recordSale(deps, sale), recordSale(deps, sale)]);
      recorded.set(sale.saleId, sale);
      if (step % 4 === 0) await foldRaceSales(deps, 'lobby001');
      jest.setSystemTime(Date.now() + 25);
    }
    for (let i = 0; i < 3; i++) {
      jest.setSystemTime(Date.now() + 1_000);
      await foldRaceSales(deps, 'lobby001');
    }

    const writes = store.hottestDocuments(10_000);
    expect(writes.filter((d) => d.peakPerSecond > 1)).toEqual([]);
    // The burst was folded as it came, into one shard a wallet and one of the pot.
    expect(writes.find((d) => d.path === 'saleFolds/lobby001')?.writes).toBeGreaterThanOrEqual(4);
    const expected = expectedCents(recorded);
    expect(await foldedOnly(store)).toEqual({ pot: expected.pool, wallets: racers.map((r) => expected.racers.get(r)) });
  });
});

/** The store as a fold meets it during a burst: another sale lands while each fold's transaction runs (after its reads, before its commit). */
function saleDuringEachFold(store: DocumentStore, sell: () => Promise<void>, bursting: () => boolean): DocumentStore {
  return {
    ...store,
    runTransaction: (work) =>
      store.runTransaction((tx) => {
        const get: Transaction['get'] = async (path) => {
          const read = await tx.get(path);
          if (bursting() && String(path) === String(saleFoldPath('lobby001'))) await sell();
          return read;
        };
        return work({
          ...tx,
          get,
          query: tx.query.bind(tx),
          set: tx.set.bind(tx),
          create: tx.create.bind(tx),
          update: tx.update.bind(tx),
          delete: tx.delete.bind(tx),
        });
      }),
  };
}

describe('a burst of sales folded by the message task', () => {
  afterEach(() => jest.useRealTimers());

  it('folds every second of a long burst, sales landing meanwhile, redelivered and aborted, so every credit lands two ticks after the burst and no document is written twice in a second', async () => {
    // Only Date is faked: the store counts each commit's writes by Date.now()'s second, and the test moves it.
    jest.useFakeTimers({
      now: opened + 60_000,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
    const startMs = opened + 60_000;
    const store = new LocalDocumentStore({ maxAttempts: 50 });
    // Cloud Tasks as the message task meets it: every run delivered twice (at least once means now and then twice), the back-off 0.5 s doubling.
    const queue = new NamedTaskQueue({ maxAttempts: queues.find((q) => q.name === 'race-message')?.maxAttempts ?? 0, backoffMs: (n) => 500 * 2 ** (n - 1) });
    const tick = async (nowMs: number) => {
      for (const entry of queue.due(nowMs)) await queue.deliver(entry, nowMs, async (payload) => (await runTask(payload), await runTask(payload)));
    };
    const { deps } = await world({ now: () => new Date() }, store);
    let commits = 0;
    let bursting = true;
    const recorded = new Map<string, SaleEvent>();
    let next = 0;
    const base = { ...deps, tasks: queue, store: store.withFaults({ abortCommit: () => ++commits % 7 === 0 }) };
    const sell = async (): Promise<void> => {
      const sale = saleOf(next++, 500 + ((next * 7_919) % 20_000));
      // Each sale delivered twice at once, as a shop redelivers.
      await Promise.all([recordSale(base, sale), recordSale(base, sale)]);
      recorded.set(sale.saleId, sale);
    };
    // The message task with its own grants, as terraform gives them: a fold with sales left asks for the task again on its queue.
    const raceMessage = functionRegistry.find((f) => f.name === 'raceMessage');
    if (!raceMessage) throw new Error('the registry has no raceMessage');
    const live = { ...base, tasks: grantedTaskQueue(raceMessage, queue), store: saleDuringEachFold(base.store, sell, () => bursting) };
    const runTask = (payload: unknown) => refreshRaceMessage(live, parseRaceMessageTask(payload) ?? { lobbyId: '' });
    store.resetWriteCounts();

    // Six seconds of 250 sales a second; the queue's tick lands early in one second and late in the next.
    const seconds = 6;
    const tickAt = (second: number) => startMs + second * 1_000 + (second % 2 === 0 ? 40 : 310);
    for (let second = 0; second < seconds; second++) {
      jest.setSystemTime(tickAt(second));
      await tick(Date.now());
      for (let i = 0; i < 250; i++) {
        jest.setSystemTime(startMs + second * 1_000 + 400 + i * 2);
        await sell();
      }
    }
    bursting = false;
    for (let second = seconds; second < seconds + 2; second++) {
      jest.setSystemTime(tickAt(second));
      await tick(Date.now());
    }

    expect(await store.query(unfoldedSalesCollection)).toEqual([]);
    const expected = expectedCents(recorded);
    expect(recorded.size).toBeGreaterThan(seconds * 250);
    expect(await foldedOnly(store)).toEqual({ pot: expected.pool, wallets: racers.map((r) => expected.racers.get(r)) });
    // One fold a tick from the first with sales a second old: none skipped, none doubled.
    expect((await store.get(saleFoldPath('lobby001')))?.folds).toBe(seconds);
    expect(store.hottestDocuments(100_000).filter((d) => d.peakPerSecond > 1)).toEqual([]);
  }, 120_000);
});

describe('the message task’s grants', () => {
  it('lets the message task ask for itself again when its fold leaves sales younger than a second, as terraform grants it', async () => {
    const now = opened + 120_000;
    const { deps } = await world({ now: () => new Date(now) });
    // Paid a moment ago: the fold leaves it for a second on.
    await recordSale(deps, saleOf(1, 2_500, now - 200));
    const asked: ScheduledTask[] = [];
    const raceMessage = functionRegistry.find((f) => f.name === 'raceMessage');
    if (!raceMessage) throw new Error('the registry has no raceMessage');
    const recording: TaskQueue = { schedule: async (task) => (asked.push(task), 'scheduled'), cancel: async () => false };
    await refreshRaceMessage({ ...deps, tasks: grantedTaskQueue(raceMessage, recording) }, { lobbyId: 'lobby001' });
    expect(asked.map((t) => t.queue)).toEqual(['race-message']);
  });
});

describe('closing a race', () => {
  it('announces the exact pot, folds its sales a second old at once and the rest with the message task, and credits a late sale paid before the close', async () => {
    let nowMs = opened + 3 * 3600_000 + 5_000;
    const clock = { now: () => new Date(nowMs) };
    const { store, deps } = await world(clock);
    const recorded = new Map<string, SaleEvent>();
    const sell = async (id: number, amountCents: number) => {
      const sale = saleOf(id, amountCents);
      await recordSale(deps, sale);
      recorded.set(sale.saleId, sale);
    };
    await sell(1, 12_345);
    await sell(2, 999);
    nowMs += 1_500;
    await sell(3, 50_001);

    await closeRaceOnTime(deps, { lobbyId: 'lobby001' });
    const expected = expectedCents(recorded);
    const announced = deps.discord.entries.map((e) => JSON.stringify(e)).join('\n');
    expect(announced).toContain(`from 3 sales`);
    expect((await lobbyWithPot(store, 'lobby001'))?.poolCents).toBe(expected.pool);
    // The two sales a second old are folded by the close; the third waits for its second.
    expect((await store.query(unfoldedSalesCollection)).map((d) => d.data.saleKey)).toEqual([saleKey('stripe', 'cs_3')]);

    // A sale paid inside the window that arrives after the close still counts.
    await sell(4, 2_000);
    nowMs += 1_000;
    await refreshRaceMessage(deps, { lobbyId: 'lobby001' });
    expect(await store.query(unfoldedSalesCollection)).toEqual([]);
    const all = expectedCents(recorded);
    expect(await foldedOnly(store)).toEqual({ pot: all.pool, wallets: racers.map((r) => all.racers.get(r)) });
  });
});
