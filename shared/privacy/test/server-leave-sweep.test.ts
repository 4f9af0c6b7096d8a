import { putRacerEntry } from './fixtures/racer-journal';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import { command } from '../../../test/support/interactions';
import { leaveServer } from '../use-cases/leave-server';
import { sweepServerLeaves } from '../use-cases/sweep-server-leaves';
import { anyDocument } from '../use-cases/find-member-data';
import { serverLeavePath } from '../rules/server-leave';
import { erasedName } from '../rules/member-data';
import type { Fields } from '../rules/field-paths';

const guild = '900000000000000001';
const elsewhere = '900000000000000002';
const admin = '811000000000000505';
const buyer = '811000000000000101';
const builder = '811000000000000202';
const day = 24 * 60 * 60 * 1000;
const address = { name: 'A. Lovelace', line1: '1 Keycap Lane', city: 'Oslo', postalCode: '0150', country: 'NO' };
const delivered = anyDocument<Fields>('orders/o1');
const onItsWay = anyDocument<Fields>('orders/o2');
const otherServer = anyDocument<Fields>('orders/o3');
const order = (orderId: string, guildId: string, extra: Fields): Fields => ({
  orderId,
  guildId,
  buyerId: buyer,
  buyerName: 'Ada Buyer',
  builderId: builder,
  builderName: 'Bo Builder',
  amountCents: 12_000,
  shippingAddress: address,
  ...extra,
});

async function leftServer() {
  const store = new LocalDocumentStore();
  const clock = new LocalClock({ now: () => new Date('2026-11-20T12:00:00Z') });
  await store.set(delivered, order('o1', guild, { status: 'shipped', receivedAt: '2026-11-10T12:00:00Z' }));
  await store.set(onItsWay, order('o2', guild, { status: 'paid' }));
  await store.set(otherServer, order('o3', elsewhere, { status: 'paid' }));
  await leaveServer({ store, clock }, command({ name: 'c500', path: ['leave'], userId: admin, permissions: String(1 << 5) }));
  return { store, clock };
}

describe('the retention sweep erases a departed server’s members’ data when its grace ends', () => {
  it('GIVEN the 30 days are not over THEN nothing is erased', async () => {
    const { store, clock } = await leftServer();
    clock.advance(29 * day);
    expect((await sweepServerLeaves({ store, clock })).erased).toEqual([]);
    expect(await store.get(delivered)).toMatchObject({ buyerName: 'Ada Buyer', shippingAddress: address });
  });

  it('GIVEN the grace is over THEN names go, a done order’s address goes, the amounts and ids the ledger needs stay, and another server is untouched', async () => {
    const { store, clock } = await leftServer();
    clock.advance(30 * day + 1);
    expect((await sweepServerLeaves({ store, clock })).erased).toEqual([guild]);
    const done = await store.get(delivered);
    expect(done).toMatchObject({ buyerId: buyer, builderId: builder, amountCents: 12_000, buyerName: erasedName, builderName: erasedName });
    expect(done).not.toHaveProperty('shippingAddress');
    expect(await store.get(otherServer)).toMatchObject({ buyerName: 'Ada Buyer', shippingAddress: address });
    // The leave itself keeps when it was asked and erased, no longer which admin asked ("until the server's data is erased").
    expect(await store.get(serverLeavePath(guild))).toMatchObject({ askedBy: erasedName, erasedAt: clock.now().toISOString() });
  });

  it('GIVEN an order still on its way THEN its address is kept until it is received, and the next sweep erases it without anyone asking again', async () => {
    const { store, clock } = await leftServer();
    clock.advance(30 * day + 1);
    await sweepServerLeaves({ store, clock });
    expect(await store.get(onItsWay)).toMatchObject({ buyerName: erasedName, shippingAddress: address });
    expect((await store.get(serverLeavePath(guild)))?.open).toEqual(['orders/o2']);
    await store.update(onItsWay, { status: 'shipped', receivedAt: clock.now().toISOString() });
    await sweepServerLeaves({ store, clock });
    expect(await store.get(onItsWay)).not.toHaveProperty('shippingAddress');
    expect((await store.get(serverLeavePath(guild)))?.open).toBeUndefined();
  });

  it('GIVEN the sweep ran THEN running it again changes nothing', async () => {
    const { store, clock } = await leftServer();
    clock.advance(31 * day);
    await sweepServerLeaves({ store, clock });
    const once = [await store.get(delivered), await store.get(onItsWay), await store.get(serverLeavePath(guild))];
    clock.advance(day);
    await sweepServerLeaves({ store, clock });
    expect([await store.get(delivered), await store.get(onItsWay), await store.get(serverLeavePath(guild))]).toEqual(once);
  });
});

describe('the retention sweep reaches the documents under a departed server’s records', () => {
  const racer = '811000000000000303';
  const paidRacer = '811000000000000404';
  const chunk = anyDocument<Fields>('auctions/a1/history/0000');
  const oldChunk = anyDocument<Fields>('auctions/a1/history/0001');
  const otherChunk = anyDocument<Fields>('auctions/a2/history/0000');
  const openWallet = anyDocument<Fields>(`wallets/${guild}-${racer}/shards/3`);
  const openWalletOtherShard = anyDocument<Fields>(`wallets/${guild}-${racer}/shards/7`);
  const paidWallet = anyDocument<Fields>(`wallets/${guild}-${paidRacer}/shards/0`);
  const otherServerWallet = anyDocument<Fields>(`wallets/${elsewhere}-${racer}/shards/0`);
  const entry = anyDocument<Fields>('giveaways/g1/entries/p1');
  const debtEntry = anyDocument<Fields>(`debts/${guild}:${builder}/debtEntries/e1`);
  const wallet = (guildId: string, racerId: string, racerName: string, pendingCents: number): Fields => ({
    guildId,
    racerId,
    racerName,
    currency: 'eur',
    pendingCents,
    paidCents: 0,
    earnedCents: pendingCents,
  });
  const bid = (bidderId: string, bidderName: string, amountCents: number) => ({ bidderId, bidderName, amountCents, at: '2026-11-01T12:00:00Z' });

  async function leftServerWithSubcollections() {
    const { store, clock } = await leftServer();
    await store.set(anyDocument<Fields>('auctions/a1'), {
      auctionId: 'a1',
      guildId: guild,
      builderId: builder,
      builderName: 'Bo Builder',
      runnerUps: [{ bidderId: racer, bidderName: 'Cy Racer' }],
    });
    await store.set(chunk, { auctionId: 'a1', chunk: 0, bidderIds: [buyer], bids: [bid(buyer, 'Ada Buyer', 5_000)] });
    // Written before chunks listed their bidders: only the bid names its bidder.
    await store.set(oldChunk, { auctionId: 'a1', chunk: 1, bids: [bid(racer, 'Cy Racer', 5_500)] });
    await store.set(anyDocument<Fields>('auctions/a2'), { auctionId: 'a2', guildId: elsewhere, builderId: builder, builderName: 'Bo Builder' });
    await store.set(otherChunk, { auctionId: 'a2', chunk: 0, bidderIds: [buyer], bids: [bid(buyer, 'Ada Buyer', 5_000)] });
    await store.set(anyDocument<Fields>('raceLobbies/l1'), { lobbyId: 'l1', guildId: guild, hostId: admin, racers: [{ userId: racer, name: 'Cy Racer' }] });
    await store.set(openWallet, wallet(guild, racer, 'Cy Racer', 900));
    await store.set(openWalletOtherShard, wallet(guild, racer, 'Cy Racer', -400));
    // What the wallet holds is its journal's fold: 9.00 earned, 4.00 paid out.
    await putRacerEntry(store, 'race-ledger:s1-credit-0', guild, racer, 900, '2026-11-01T12:00:00Z');
    await putRacerEntry(store, 'race-ledger:p1', guild, racer, -400, '2026-11-01T13:00:00Z');
    // Paid out, and in no lobby of the server any more: their entries in the journal name the racer.
    await putRacerEntry(store, 'race-ledger:s9-credit-0', guild, paidRacer, 300, '2026-11-02T11:00:00Z');
    await putRacerEntry(store, 'race-ledger:payout-p9', guild, paidRacer, -300, '2026-11-02T12:00:00Z');
    await store.set(paidWallet, wallet(guild, paidRacer, 'Di Racer', 0));
    await store.set(otherServerWallet, wallet(elsewhere, racer, 'Cy Racer', 0));
    await store.set(anyDocument<Fields>('giveaways/g1'), { giveawayId: 'g1', guildId: guild, sponsorId: builder, sponsorName: 'Bo Builder' });
    await store.set(entry, { pseudonym: 'p1', entrantId: buyer, via: 'discord', label: 'Ada Buyer', enteredAt: '2026-11-03T12:00:00Z' });
    await store.set(anyDocument<Fields>(`debts/${guild}:${builder}`), {
      guildId: guild,
      userId: builder,
      owedCents: 500,
      currency: 'eur',
      updatedAt: '2026-11-04T12:00:00Z',
    });
    await store.set(debtEntry, {
      entryId: 'e1',
      kind: 'paid-outside',
      amountCents: 500,
      currency: 'eur',
      reason: 'paid in cash',
      at: '2026-11-04T12:00:00Z',
      byUserId: admin,
      byName: 'Al Admin',
    });
    clock.advance(30 * day + 1);
    return { store, clock };
  }

  it('GIVEN an auction of the server THEN its bid history loses every bidder’s name, old chunks included, and a runner-up’s name goes from the auction', async () => {
    const { store, clock } = await leftServerWithSubcollections();
    await sweepServerLeaves({ store, clock });
    expect(await store.get(chunk)).toMatchObject({ bidderIds: [buyer], bids: [{ bidderId: buyer, bidderName: erasedName, amountCents: 5_000 }] });
    expect(await store.get(oldChunk)).toMatchObject({ bids: [{ bidderId: racer, bidderName: erasedName, amountCents: 5_500 }] });
    expect(await store.get(anyDocument<Fields>('auctions/a1'))).toMatchObject({
      builderName: erasedName,
      runnerUps: [{ bidderId: racer, bidderName: erasedName }],
    });
  });

  it('GIVEN another server’s auction and wallet THEN their names stay', async () => {
    const { store, clock } = await leftServerWithSubcollections();
    await sweepServerLeaves({ store, clock });
    expect(await store.get(otherChunk)).toMatchObject({ bids: [{ bidderName: 'Ada Buyer' }] });
    expect(await store.get(otherServerWallet)).toMatchObject({ racerName: 'Cy Racer' });
  });

  it('GIVEN a racer’s wallet with money in it THEN its shards lose the name, keep the money under the racer’s id, and are visited again until it is paid out', async () => {
    const { store, clock } = await leftServerWithSubcollections();
    await sweepServerLeaves({ store, clock });
    expect(await store.get(openWallet)).toMatchObject({ racerId: racer, racerName: erasedName, pendingCents: 900 });
    expect(await store.get(openWalletOtherShard)).toMatchObject({ racerId: racer, racerName: erasedName, pendingCents: -400 });
    expect((await store.get(serverLeavePath(guild)))?.open).toEqual(['orders/o2', String(openWallet), String(openWalletOtherShard)]);
  });

  it('GIVEN the kept wallet is paid out THEN the next sweep lets it go without anyone asking again', async () => {
    const { store, clock } = await leftServerWithSubcollections();
    await sweepServerLeaves({ store, clock });
    await store.update(openWallet, { pendingCents: 800, paidCents: 100 });
    await putRacerEntry(store, 'race-ledger:p2', guild, racer, -100, clock.now().toISOString());
    await store.update(onItsWay, { status: 'shipped', receivedAt: clock.now().toISOString() });
    await sweepServerLeaves({ store, clock });
    expect((await store.get(serverLeavePath(guild)))?.open).toEqual([String(openWallet), String(openWalletOtherShard)]);
    await store.update(openWallet, { pendingCents: 400, paidCents: 500 }); // with the other shard's -400: nothing pending
    await putRacerEntry(store, 'race-ledger:p3', guild, racer, -400, clock.now().toISOString());
    await sweepServerLeaves({ store, clock });
    expect((await store.get(serverLeavePath(guild)))?.open).toBeUndefined();
  });

  it('GIVEN a paid-out wallet found through the racer’s entries in the journal THEN the racer’s name is gone and it is not kept open', async () => {
    const { store, clock } = await leftServerWithSubcollections();
    await sweepServerLeaves({ store, clock });
    expect(await store.get(paidWallet)).toMatchObject({ racerId: paidRacer, racerName: erasedName });
    expect((await store.get(serverLeavePath(guild)))?.open ?? []).not.toContain(String(paidWallet));
  });

  it('GIVEN a giveaway’s entries and a debt’s entries THEN the entrant’s and the recording admin’s names go', async () => {
    const { store, clock } = await leftServerWithSubcollections();
    await sweepServerLeaves({ store, clock });
    expect(await store.get(entry)).toMatchObject({ entrantId: buyer, label: erasedName });
    expect(await store.get(debtEntry)).toMatchObject({ byUserId: admin, amountCents: 500, byName: erasedName });
  });
});
