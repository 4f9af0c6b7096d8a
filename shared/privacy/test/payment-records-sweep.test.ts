/**
 * The records the law keeps end ten years from the end of the year of their latest date, on the
 * local clock moved forward: deleted with what the table lists under them, or (a journal entry)
 * with its people's ids taken; kept while an obligation on them is open.
 */
import { debtJournalEntry } from './fixtures/debt-journal';
import { racerJournalEntry } from './fixtures/racer-journal';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import { anyCollection, anyDocument } from '../use-cases/find-member-data';
import { sweepPaymentRecords } from '../use-cases/sweep-payment-records';
import { lawCutoff, lawPeriodEnd, latestDateOf } from '../rules/law-kept-records';
import { erasedName } from '../rules/member-data';
import type { Fields } from '../rules/field-paths';

const buyer = '811000000000000101';
const builder = '811000000000000202';
const racer = '811000000000000303';
const day = 86_400_000;

function world() {
  const clock = new LocalClock({ now: () => new Date('2026-11-20T12:00:00.000Z') });
  const store = new LocalDocumentStore();
  const put = (path: string, data: Fields) => store.set(anyDocument<Fields>(path), data);
  const get = (path: string) => store.get(anyDocument<Fields>(path));
  /** Moves the clock to just before (or after) an instant. */
  const moveTo = (iso: string, offsetMs = 0) => clock.advance(Date.parse(iso) + offsetMs - clock.now().getTime());
  return { clock, store, put, get, moveTo, sweep: () => sweepPaymentRecords({ store, clock }) };
}

const received = (orderId: string, createdAt: string, at: string): Fields => ({
  orderId,
  status: 'shipped',
  buyerId: buyer,
  buyerName: 'Ada Buyer',
  builderId: builder,
  amountCents: 12_000,
  createdAt,
  paidAt: createdAt,
  receivedAt: at,
});

describe('when the law lets a record go', () => {
  it('is ten years from the end of the year of its latest date, wherever on it that date is', () => {
    expect(lawPeriodEnd({ createdAt: '2026-06-15T10:00:00.000Z' }).toISOString()).toBe('2037-01-01T00:00:00.000Z');
    expect(latestDateOf({ createdAt: '2026-12-31T10:00:00.000Z', givenRefunds: [{ askedAt: '2027-01-05T00:00:00.000Z' }], note: '2030' })).toBe(
      '2027-01-05T00:00:00.000Z',
    );
    expect(lawPeriodEnd({ createdAt: '2026-12-31T10:00:00.000Z', givenRefunds: [{ askedAt: '2027-01-05T00:00:00.000Z' }] }).toISOString()).toBe(
      '2038-01-01T00:00:00.000Z',
    );
    expect(lawCutoff(new Date('2037-01-01T00:00:00.000Z'))).toBe('2027-01-01T00:00:00.000Z');
  });
});

describe('the retention sweep’s part for payment records', () => {
  it('GIVEN a received order of June 2026 THEN it stays a day before 2037 begins and is deleted a day after', async () => {
    const w = world();
    await w.put('orders/o1', received('o1', '2026-06-15T10:00:00.000Z', '2026-07-01T10:00:00.000Z'));
    w.moveTo('2037-01-01T00:00:00.000Z', -day);
    expect(await w.sweep()).toEqual({ ended: 0, waiting: 0, failed: [] });
    expect(await w.get('orders/o1')).toBeDefined();
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 1, waiting: 0, failed: [] });
    expect(await w.get('orders/o1')).toBeUndefined();
    expect(await w.sweep()).toEqual({ ended: 0, waiting: 0, failed: [] });
  });

  it('GIVEN an order made at the end of a year and refunded in the next THEN it waits a year more, and the sweep comes back for it', async () => {
    const w = world();
    await w.put('orders/o2', {
      ...received('o2', '2026-12-31T10:00:00.000Z', '2026-12-31T11:00:00.000Z'),
      status: 'refunded',
      refundedAt: '2027-01-05T00:00:00.000Z',
    });
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 0, waiting: 1, failed: [] });
    expect(await w.sweep()).toEqual({ ended: 0, waiting: 0, failed: [] });
    w.moveTo('2038-01-01T00:00:00.000Z', -day);
    expect((await w.sweep()).ended).toBe(0);
    w.moveTo('2038-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 1, waiting: 0, failed: [] });
    expect(await w.get('orders/o2')).toBeUndefined();
    expect(await w.get('lawKeptWaiting/orders|o2')).toBeUndefined();
  });

  it('GIVEN an order still open past its period THEN it is kept, asked again each day, and ends once done with', async () => {
    const w = world();
    const { receivedAt: _notYet, ...paid } = received('o3', '2026-03-01T10:00:00.000Z', '');
    void _notYet;
    await w.put('orders/o3', { ...paid, status: 'paid' });
    // A later order the sweep's cursor stops at, so o3 is visited again only as one waiting.
    await w.put('orders/o4', received('o4', '2026-04-01T10:00:00.000Z', '2026-04-05T10:00:00.000Z'));
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 1, waiting: 1, failed: [] });
    await w.put('orders/o3', { ...received('o3', '2026-03-01T10:00:00.000Z', '2026-04-01T10:00:00.000Z') });
    expect((await w.sweep()).ended).toBe(0);
    w.clock.advance(day);
    expect((await w.sweep()).ended).toBe(1);
    expect(await w.get('orders/o3')).toBeUndefined();
  });

  it('GIVEN a race lobby and a racer’s credit and payout that emptied their account THEN the lobby goes with its pot, and the entries lose the racer’s name with their wallet’s shards gone', async () => {
    const w = world();
    await w.put('raceLobbies/l1', { lobbyId: 'l1', guildId: 'g1', hostId: builder, createdAt: '2026-05-01T10:00:00.000Z', shares: { [racer]: 300 } });
    await w.put('raceLobbies/l1/pot/0', { lobbyId: 'l1', poolCents: 300, salesCount: 1, shares: { [racer]: 300 } });
    await w.put('journal/race-ledger:s1-credit-0', racerJournalEntry('race-ledger:s1-credit-0', 'g1', racer, 300, '2026-05-01T10:00:00.000Z'));
    await w.put('journal/race-ledger:payout-p1', racerJournalEntry('race-ledger:payout-p1', 'g1', racer, -300, '2026-05-02T10:00:00.000Z'));
    await w.put(`wallets/g1-${racer}/shards/0`, { guildId: 'g1', racerId: racer, racerName: 'Rae', currency: 'eur', pendingCents: 0, paidCents: 300 });
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 3, waiting: 0, failed: [] });
    for (const path of ['raceLobbies/l1', 'raceLobbies/l1/pot/0', `wallets/g1-${racer}/shards/0`]) expect(await w.get(path)).toBeUndefined();
    expect(await w.get('journal/race-ledger:payout-p1')).toMatchObject({ personId: erasedName });
  });

  it('GIVEN a racer’s wallet with money still in it THEN their entry waits, and their wallet stays', async () => {
    const w = world();
    await w.put(`wallets/g1-${racer}/shards/0`, { guildId: 'g1', racerId: racer, currency: 'eur', pendingCents: 300, paidCents: 0 });
    await w.put('journal/race-ledger:e2', racerJournalEntry('race-ledger:e2', 'g1', racer, 300, '2026-05-02T10:00:00.000Z'));
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 0, waiting: 1, failed: [] });
    expect(await w.get('journal/race-ledger:e2')).toMatchObject({ personId: racer });
    expect(await w.get(`wallets/g1-${racer}/shards/0`)).toBeDefined();
  });

  it('GIVEN a debt raised and paid outside, both past their period THEN both entries keep their amounts and lose the person’s id in one run', async () => {
    const w = world();
    const raised = debtJournalEntry('g1', builder, 'refused:r1', 500);
    const paid = debtJournalEntry('g1', builder, 'paid-outside:p1', -500, '2026-06-01T10:00:00.000Z');
    await w.put(`journal/${String(raised.entryId)}`, raised);
    await w.put(`journal/${String(paid.entryId)}`, paid);
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 2, waiting: 0, failed: [] });
    expect(await w.get(`journal/${String(raised.entryId)}`)).toEqual({
      ...raised,
      postings: [
        { account: 'owed-to-c500', amountCents: 500, personId: erasedName },
        { account: 'held', amountCents: -500, orderId: 'o9' },
      ],
    });
    expect((await w.get(`journal/${String(paid.entryId)}`))?.postings).toEqual([
      { account: 'owed-to-c500', amountCents: -500, personId: erasedName },
      { account: 'paid-outside', amountCents: 500 },
    ]);
    expect((await w.sweep()).ended).toBe(0);
  });

  it('GIVEN a debt whose cached owedCents says 0 while its journal says 5.00 is owed THEN the debt, its reasons and its entry are kept under the person’s id', async () => {
    const w = world();
    const raised = debtJournalEntry('g1', racer, 'refused:r2', 500);
    await w.put(`journal/${String(raised.entryId)}`, raised);
    await w.put(`debts/g1:${racer}`, { guildId: 'g1', userId: racer, owedCents: 0, currency: 'eur', updatedAt: '2026-05-01T10:00:00.000Z' });
    await w.put(`debts/g1:${racer}/debtEntries/refused:r2`, {
      entryId: 'refused:r2',
      kind: 'refused-reversal',
      amountCents: 500,
      reason: 'a refund Stripe could not take back',
      at: '2026-05-01T10:00:00.000Z',
    });
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 0, waiting: 2, failed: [] });
    expect(await w.get(`journal/${String(raised.entryId)}`)).toEqual(raised);
    expect(await w.get(`debts/g1:${racer}`)).toBeDefined();
    expect(await w.get(`debts/g1:${racer}/debtEntries/refused:r2`)).toMatchObject({ reason: 'a refund Stripe could not take back' });
  });

  it('GIVEN a debt whose cached owedCents still says 5.00 while its journal is settled THEN the debt goes with its reasons, and its entries lose the id', async () => {
    const w = world();
    await w.put(`journal/${String(debtJournalEntry('g1', racer, 'refused:r3', 500).entryId)}`, debtJournalEntry('g1', racer, 'refused:r3', 500));
    await w.put(`journal/${String(debtJournalEntry('g1', racer, 'netted:n3', -500).entryId)}`, debtJournalEntry('g1', racer, 'netted:n3', -500));
    await w.put(`debts/g1:${racer}`, { guildId: 'g1', userId: racer, owedCents: 500, currency: 'eur', updatedAt: '2026-05-01T10:00:00.000Z' });
    await w.put(`debts/g1:${racer}/debtEntries/refused:r3`, {
      entryId: 'refused:r3',
      kind: 'refused-reversal',
      amountCents: 500,
      reason: 'why',
      at: '2026-05-01T10:00:00.000Z',
    });
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 3, waiting: 0, failed: [] });
    expect(await w.get(`debts/g1:${racer}`)).toBeUndefined();
    expect(await w.get(`debts/g1:${racer}/debtEntries/refused:r3`)).toBeUndefined();
  });

  it('GIVEN a debt raised long ago and settled this year THEN its old entry waits for the settling one’s period, and the two lose the id together', async () => {
    const w = world();
    const raised = debtJournalEntry('g1', builder, 'refused:r4', 500);
    const paid = debtJournalEntry('g1', builder, 'paid-outside:p4', -500, '2030-03-01T10:00:00.000Z');
    await w.put(`journal/${String(raised.entryId)}`, raised);
    await w.put(`journal/${String(paid.entryId)}`, paid);
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 0, waiting: 1, failed: [] });
    expect(await w.get(`journal/${String(raised.entryId)}`)).toEqual(raised);
    w.moveTo('2041-01-01T00:00:00.000Z', day);
    expect((await w.sweep()).ended).toBe(2);
    expect((await w.get(`journal/${String(raised.entryId)}`))?.postings).toContainEqual({ account: 'owed-to-c500', amountCents: 500, personId: erasedName });
  });

  it('GIVEN a racer’s credit and the payout that emptied their account, both past their period THEN both lose the racer’s name in one run, and nothing waits', async () => {
    const w = world();
    await w.put('journal/race-ledger:s1-credit-0', racerJournalEntry('race-ledger:s1-credit-0', 'g1', racer, 300, '2026-05-01T10:00:00.000Z'));
    await w.put('journal/race-ledger:p1', racerJournalEntry('race-ledger:p1', 'g1', racer, -300, '2026-06-01T10:00:00.000Z'));
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 2, waiting: 0, failed: [] });
    expect(await w.get('journal/race-ledger:s1-credit-0')).toEqual(
      racerJournalEntry('race-ledger:s1-credit-0', 'g1', erasedName, 300, '2026-05-01T10:00:00.000Z'),
    );
    expect(await w.get('journal/race-ledger:p1')).toEqual(racerJournalEntry('race-ledger:p1', 'g1', erasedName, -300, '2026-06-01T10:00:00.000Z'));
    expect(await w.sweep()).toEqual({ ended: 0, waiting: 0, failed: [] });
  });

  it('GIVEN a racer’s entries past their period and their account still owed 3.00 by the journal (the shards’ cache saying nothing is pending) THEN every entry keeps the racer’s name', async () => {
    const w = world();
    await w.put('journal/race-ledger:s1-credit-0', racerJournalEntry('race-ledger:s1-credit-0', 'g1', racer, 800, '2026-05-01T10:00:00.000Z'));
    await w.put('journal/race-ledger:p1', racerJournalEntry('race-ledger:p1', 'g1', racer, -500, '2026-06-01T10:00:00.000Z'));
    await w.put(`wallets/g1-${racer}/shards/0`, { guildId: 'g1', racerId: racer, currency: 'eur', pendingCents: 0, paidCents: 800, earnedCents: 800 });
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 0, waiting: 2, failed: [] });
    expect(await w.get('journal/race-ledger:s1-credit-0')).toMatchObject({ personId: racer });
    expect(await w.get('journal/race-ledger:p1')).toMatchObject({ personId: racer });
  });

  it('GIVEN a racer’s settled stretch past its period and a later credit not yet past its own THEN the stretch loses the name together and the credit keeps it, so their account still folds to the credit', async () => {
    const w = world();
    await w.put('journal/race-ledger:s1-credit-0', racerJournalEntry('race-ledger:s1-credit-0', 'g1', racer, 300, '2026-05-01T10:00:00.000Z'));
    await w.put('journal/race-ledger:s2-credit-0', racerJournalEntry('race-ledger:s2-credit-0', 'g1', racer, 200, '2026-05-02T10:00:00.000Z'));
    await w.put('journal/race-ledger:p1', racerJournalEntry('race-ledger:p1', 'g1', racer, -500, '2026-06-01T10:00:00.000Z'));
    await w.put('journal/race-ledger:s3-credit-0', racerJournalEntry('race-ledger:s3-credit-0', 'g1', racer, 700, '2030-03-01T10:00:00.000Z'));
    await w.put(`wallets/g1-${racer}/shards/0`, { guildId: 'g1', racerId: racer, currency: 'eur', pendingCents: 700, paidCents: 500 });
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 3, waiting: 0, failed: [] });
    // The later credit still names the racer: their wallet's shards stay with it.
    expect(await w.get(`wallets/g1-${racer}/shards/0`)).toBeDefined();
    const named = await w.store.query(anyCollection<Fields>('journal'), { where: [['personId', '==', racer]] });
    expect(named.map((one) => one.data.entryId)).toEqual(['race-ledger:s3-credit-0']);
    expect(await w.get('journal/race-ledger:s2-credit-0')).toMatchObject({ personId: erasedName });
  });

  it('GIVEN more records than a run reads THEN the runs work through them a page at a time, past many at one instant', async () => {
    const w = world();
    for (let i = 0; i < 7; i++) await w.put(`orders/o${i}`, received(`o${i}`, '2026-06-15T10:00:00.000Z', '2026-06-20T10:00:00.000Z'));
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    const run = () => sweepPaymentRecords({ store: w.store, clock: w.clock, limit: 2, pages: 1 });
    expect((await run()).ended).toBe(2);
    expect((await run()).ended).toBe(5);
    expect((await run()).ended).toBe(0);
  });

  it('GIVEN a member’s erasure that waits on nothing THEN it ends with the records the law kept of them', async () => {
    const w = world();
    await w.put(`privacyErasures/${buyer}`, { erasedAt: '2026-11-20T12:00:00.000Z', kept: ['one purchase'] });
    await w.put(`privacyErasures/${builder}`, { erasedAt: '2026-11-20T12:00:00.000Z', kept: [], open: ['orders/o1'] });
    w.moveTo('2037-01-01T00:00:00.000Z', day);
    expect(await w.sweep()).toEqual({ ended: 1, waiting: 1, failed: [] });
    expect(await w.get(`privacyErasures/${buyer}`)).toBeUndefined();
    expect(await w.get(`privacyErasures/${builder}`)).toBeDefined();
  });
});
