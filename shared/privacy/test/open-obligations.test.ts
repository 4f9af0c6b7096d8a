import { LocalDocumentStore } from '../../local/firestore/document-store';
import { anyDocument } from '../use-cases/find-member-data';
import { eraseMemberData } from '../use-cases/erase-member';
import { sweepOpenObligations } from '../use-cases/sweep-open-obligations';
import { privacyErasurePath } from '../rules/privacy-erasure';
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
    expect((await store.get(privacyErasurePath(buyer)))?.open).toEqual(expect.arrayContaining(['orders/o1', 'disputes/dp1']));
  });

  it('GIVEN the order is still on its way THEN the sweep keeps the address', async () => {
    const store = await erasedBuyerWithOpenOrder();
    await sweepOpenObligations({ store, clock });
    expect(await store.get(order)).toMatchObject({ shippingAddress: address });
    expect((await store.get(privacyErasurePath(buyer)))?.open).toContain('orders/o1');
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
    expect((await store.get(privacyErasurePath(buyer)))?.open).toBeUndefined();
  });

  it('GIVEN the sweep ran THEN running it again changes nothing', async () => {
    const store = await erasedBuyerWithOpenOrder();
    await store.update(order, { status: 'refunded' });
    await sweepOpenObligations({ store, clock });
    const once = { order: await store.get(order), record: await store.get(privacyErasurePath(buyer)) };
    const again = await sweepOpenObligations({ store, clock });
    expect(again.erased).toEqual([]);
    expect({ order: await store.get(order), record: await store.get(privacyErasurePath(buyer)) }).toEqual(once);
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
