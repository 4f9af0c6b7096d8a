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
