import { putRacerEntry } from './fixtures/racer-journal';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { anyDocument } from '../use-cases/find-member-data';
import { eraseMemberData } from '../use-cases/erase-member';
import { sweepOpenObligations } from '../use-cases/sweep-open-obligations';
import { erasureRecordOf } from '../use-cases/erasure-record';
import { privacyErasuresCollection } from '../rules/privacy-erasure';
import { personPseudonym } from '../../log';
import { erasedName } from '../rules/member-data';
import type { Fields } from '../rules/field-paths';

const buyer = '811000000000000101';
const builder = '811000000000000202';
const address = { name: 'A. Lovelace', line1: '1 Keycap Lane', city: 'Oslo', postalCode: '0150', country: 'NO' };
const order = anyDocument<Fields>('orders/o1');
const dispute = anyDocument<Fields>('disputes/dp1');
let now = new Date('2026-11-20T12:00:00Z');
const clock = { now: () => now };

async function erasedBuyerWithOpenOrder(): Promise<LocalDocumentStore> {
  now = new Date('2026-11-20T12:00:00Z');
  const store = new LocalDocumentStore();
  await store.set(order, {
    orderId: 'o1',
    status: 'shipped',
    buyerId: buyer,
    buyerName: 'Ada Buyer',
    builderId: builder,
    builderName: 'Bo Builder',
    amountCents: 12_000,
    shippingAddress: address,
    tracking: '1Z999',
  });
  await store.set(dispute, {
    disputeId: 'dp1',
    state: 'open',
    buyerId: buyer,
    builderId: builder,
    amountCents: 12_000,
    staged: { customer_name: 'A. Lovelace' },
  });
  await eraseMemberData({ store, clock }, buyer);
  return store;
}

describe('the retention sweep ends what an erasure kept while an obligation was open', () => {
  it('GIVEN an erased buyer’s order not yet received THEN the erasure keeps its address and records it as open', async () => {
    const store = await erasedBuyerWithOpenOrder();
    expect(await store.get(order)).toMatchObject({ buyerName: erasedName, shippingAddress: address, tracking: '1Z999' });
    expect((await store.get(erasureRecordOf(buyer)))?.open).toEqual(expect.arrayContaining(['orders/o1', 'disputes/dp1']));
  });

  it('GIVEN the order is still on its way THEN the sweep keeps the address', async () => {
    const store = await erasedBuyerWithOpenOrder();
    await sweepOpenObligations({ store, clock });
    expect(await store.get(order)).toMatchObject({ shippingAddress: address });
    expect((await store.get(erasureRecordOf(buyer)))?.open).toContain('orders/o1');
  });

  it('GIVEN the order is received and the dispute decided THEN the sweep erases the address, tracking and evidence, without a second request, and keeps every amount and id', async () => {
    const store = await erasedBuyerWithOpenOrder();
    await store.update(order, { receivedAt: '2026-11-25T12:00:00Z' });
    await store.update(dispute, { state: 'won' });
    const report = await sweepOpenObligations({ store, clock });
    expect(report.erased.sort()).toEqual(['disputes/dp1', 'orders/o1']);
    const after = await store.get(order);
    expect(after).not.toHaveProperty('shippingAddress');
    expect(after).not.toHaveProperty('tracking');
    expect(after).toMatchObject({ buyerId: buyer, builderId: builder, amountCents: 12_000, buyerName: erasedName, builderName: 'Bo Builder' });
    expect(await store.get(dispute)).toEqual({ disputeId: 'dp1', state: 'won', buyerId: buyer, builderId: builder, amountCents: 12_000 });
    expect((await store.get(erasureRecordOf(buyer)))?.open).toBeUndefined();
  });

  it('GIVEN the sweep ran THEN running it again changes nothing', async () => {
    const store = await erasedBuyerWithOpenOrder();
    await store.update(order, { status: 'refunded' });
    await sweepOpenObligations({ store, clock });
    const once = { order: await store.get(order), record: await store.get(erasureRecordOf(buyer)) };
    const again = await sweepOpenObligations({ store, clock });
    expect(again.erased).toEqual([]);
    expect({ order: await store.get(order), record: await store.get(erasureRecordOf(buyer)) }).toEqual(once);
  });

  it('GIVEN the member came back and bought again after erasing THEN the sweep leaves the new order’s name alone', async () => {
    const store = await erasedBuyerWithOpenOrder();
    await store.set(anyDocument<Fields>('orders/o2'), { orderId: 'o2', status: 'refunded', buyerId: buyer, buyerName: 'Ada Again', shippingAddress: address });
    await store.update(order, { status: 'refunded' });
    await sweepOpenObligations({ store, clock });
    expect(await store.get(anyDocument<Fields>('orders/o2'))).toMatchObject({ buyerName: 'Ada Again', shippingAddress: address });
  });

  it('GIVEN a builder erases THEN their buyer’s address stays on the order once it is done (it is the buyer’s to erase)', async () => {
    const store = await erasedBuyerWithOpenOrder();
    await store.set(anyDocument<Fields>('orders/o3'), {
      orderId: 'o3',
      status: 'refunded',
      buyerId: '811000000000000999',
      builderId: builder,
      builderName: 'Bo',
      shippingAddress: address,
    });
    await eraseMemberData({ store, clock }, builder);
    expect(await store.get(anyDocument<Fields>('orders/o3'))).toMatchObject({ builderName: erasedName, shippingAddress: address });
  });
});

describe('an erasure keeps a wallet with money and a queue place under the member’s id alone, and the sweep ends them', () => {
  const racer = '811000000000000555';
  const shard = (n: number) => anyDocument<Fields>(`wallets/g1-${racer}/shards/${n}`);
  const place = anyDocument<Fields>('orders/q1');

  async function erasedRacerInAQueue() {
    now = new Date('2026-11-20T12:00:00Z');
    const store = new LocalDocumentStore();
    // A credit landed on one shard, a payout on another: the wallet holds 3.00 while neither shard alone says so.
    await store.set(shard(2), { guildId: 'g1', racerId: racer, racerName: 'Rae Racer', currency: 'eur', pendingCents: 800, paidCents: 0, earnedCents: 800 });
    await store.set(shard(9), { guildId: 'g1', racerId: racer, currency: 'eur', pendingCents: -500, paidCents: 500, earnedCents: 0 });
    // The journal the wallet is the fold of: 8.00 earned, 5.00 paid out.
    await putRacerEntry(store, 'race-ledger:s1-credit-0', 'g1', racer, 800);
    await putRacerEntry(store, 'race-ledger:p1', 'g1', racer, -500);
    await store.set(place, {
      orderId: 'q1',
      status: 'paid',
      buyerId: racer,
      buyerName: 'Rae Racer',
      builderId: builder,
      builderName: 'Bo Builder',
      amountCents: 15_000,
      dropKind: 'commission',
      commission: { ticket: 4, promisedAt: '2027-01-10T12:00:00.000Z' },
      shippingAddress: address,
    });
    const outcome = await eraseMemberData({ store, clock }, racer);
    return { store, outcome };
  }

  it('GIVEN a racer with 3.00 pending and a paid place in a queue erases THEN the answer says plainly that both are kept, and the name is gone from both', async () => {
    const { store, outcome } = await erasedRacerInAQueue();
    expect(outcome.kind === 'erased' && outcome.kept).toEqual(
      expect.arrayContaining([
        expect.stringContaining('a wallet with money in it'),
        expect.stringContaining("a place in a builder's commission queue: kept until it is served or you leave it"),
      ]),
    );
    expect(await store.get(shard(2))).toMatchObject({ racerId: racer, racerName: erasedName, pendingCents: 800 });
    expect(await store.get(place)).toMatchObject({ buyerId: racer, buyerName: erasedName, shippingAddress: address, commission: { ticket: 4 } });
    expect((await store.get(erasureRecordOf(racer)))?.open).toEqual(
      expect.arrayContaining([`wallets/g1-${racer}/shards/2`, `wallets/g1-${racer}/shards/9`, 'orders/q1']),
    );
  });

  it('GIVEN the wallet still holds money and the place waits THEN a sweep a month later keeps both open', async () => {
    const { store } = await erasedRacerInAQueue();
    now = new Date('2026-12-20T12:00:00Z');
    await sweepOpenObligations({ store, clock });
    expect((await store.get(erasureRecordOf(racer)))?.open).toEqual(expect.arrayContaining([`wallets/g1-${racer}/shards/2`, 'orders/q1']));
    expect(await store.get(place)).toMatchObject({ shippingAddress: address });
  });

  it('GIVEN the wallet is paid out to zero (its shards still +3.00 and -3.00) and the buyer leaves the queue THEN the sweep ends both without a second request, keeping every amount', async () => {
    const { store } = await erasedRacerInAQueue();
    now = new Date('2026-12-20T12:00:00Z');
    await store.update(shard(9), { pendingCents: -800, paidCents: 800 });
    await putRacerEntry(store, 'race-ledger:p2', 'g1', racer, -300, '2026-12-20T11:00:00.000Z');
    await store.update(place, { status: 'refunded' });
    const report = await sweepOpenObligations({ store, clock });
    expect(report.erased).toEqual(['orders/q1']);
    expect((await store.get(erasureRecordOf(racer)))?.open).toBeUndefined();
    expect(await store.get(place)).not.toHaveProperty('shippingAddress');
    expect(await store.get(place)).toMatchObject({ buyerId: racer, amountCents: 15_000, status: 'refunded' });
    expect(await store.get(shard(2))).toMatchObject({ racerId: racer, pendingCents: 800, earnedCents: 800 });
    expect(await store.get(shard(9))).toMatchObject({ pendingCents: -800, paidCents: 800 });
  });

  it('GIVEN the place is served (shipped and received) THEN the sweep erases its address', async () => {
    const { store } = await erasedRacerInAQueue();
    await store.update(place, { status: 'shipped', receivedAt: '2026-12-01T12:00:00Z' });
    await sweepOpenObligations({ store, clock });
    expect(await store.get(place)).not.toHaveProperty('shippingAddress');
    expect((await store.get(erasureRecordOf(racer)))?.open).not.toContain('orders/q1');
  });
});

describe('an erasure asks the journal, not the wallet’s cached balance, whether a racer is still owed money', () => {
  const racer = '811000000000000666';
  const shard = anyDocument<Fields>(`wallets/g1-${racer}/shards/0`);

  it('GIVEN a racer whose shards say nothing is pending while their journal owes them 3.00 erases THEN the wallet is kept under their id, and the answer says so', async () => {
    now = new Date('2026-11-20T12:00:00Z');
    const store = new LocalDocumentStore();
    await store.set(shard, { guildId: 'g1', racerId: racer, racerName: 'Ry Racer', currency: 'eur', pendingCents: 0, paidCents: 800, earnedCents: 800 });
    await putRacerEntry(store, 'race-ledger:s1-credit-0', 'g1', racer, 800);
    await putRacerEntry(store, 'race-ledger:p1', 'g1', racer, -500);
    const outcome = await eraseMemberData({ store, clock }, racer);
    expect(outcome.kind === 'erased' && outcome.kept).toEqual(expect.arrayContaining([expect.stringContaining('a wallet with money in it')]));
    expect(await store.get(shard)).toMatchObject({ racerId: racer, racerName: erasedName });
    expect((await store.get(erasureRecordOf(racer)))?.open).toEqual([String(shard)]);
  });

  it('GIVEN a racer whose shards still say 3.00 is pending while their journal is paid up erases THEN the wallet goes with the rest', async () => {
    now = new Date('2026-11-20T12:00:00Z');
    const store = new LocalDocumentStore();
    await store.set(shard, { guildId: 'g1', racerId: racer, racerName: 'Ry Racer', currency: 'eur', pendingCents: 300, paidCents: 500, earnedCents: 800 });
    await putRacerEntry(store, 'race-ledger:s1-credit-0', 'g1', racer, 800);
    await putRacerEntry(store, 'race-ledger:p1', 'g1', racer, -800);
    await eraseMemberData({ store, clock }, racer);
    expect((await store.get(erasureRecordOf(racer)))?.open).toBeUndefined();
  });
});

describe('the record of an erasure names nobody', () => {
  it('GIVEN an erasure THEN its record is keyed by a pseudonym and holds no id of the member, in its path or its fields', async () => {
    const store = await erasedBuyerWithOpenOrder();
    const records = await store.query(privacyErasuresCollection);
    expect(records).toHaveLength(1);
    expect(records[0]?.id).toBe(personPseudonym(buyer));
    expect(JSON.stringify(records)).not.toContain(buyer);
  });

  it('GIVEN the record’s pseudonym matches nobody on a kept record THEN the sweep leaves that record listed and unerased', async () => {
    const store = await erasedBuyerWithOpenOrder();
    await store.update(order, { receivedAt: '2026-11-25T12:00:00Z', buyerId: '811000000000000999' });
    await sweepOpenObligations({ store, clock });
    expect(await store.get(order)).toMatchObject({ shippingAddress: address });
    expect((await store.get(erasureRecordOf(buyer)))?.open).toContain('orders/o1');
  });
});
