/**
 * The pledges `/c500 privacy` offers to leave before an erasure (pledges-to-leave): those an
 * erasure cannot undo, in a group buy still open, each with its post, where Leave is.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { groupBuyPath, pledgePath, type Pledge } from '../rules/group-buy';
import { pledgesToLeave } from '../use-cases/pledges-to-leave';
import { aGroupBuy } from './group-buy-fixture';

const ann = '821000000000000101';
const ben = '821000000000000202';
const clock = { now: () => new Date('2026-12-05T12:00:00Z') };
const pledge = (groupBuyId: string, buyerId: string, status: Pledge['status']): Pledge => ({
  groupBuyId,
  buyerId,
  buyerName: 'Ann',
  quantity: 1,
  status,
  joinedAt: '2026-12-02T12:00:00Z',
});

async function world(): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  await store.set(groupBuyPath('gbopen01'), aGroupBuy({ groupBuyId: 'gbopen01', title: 'GMK Olivia', messageId: '930000000000000001' }));
  await store.set(groupBuyPath('gbshut01'), aGroupBuy({ groupBuyId: 'gbshut01', title: 'Tofu65', status: 'funded', messageId: '930000000000000002' }));
  await store.set(
    groupBuyPath('gblate01'),
    aGroupBuy({ groupBuyId: 'gblate01', title: 'Late', closesAt: '2026-12-05T11:00:00Z', messageId: '930000000000000003' }),
  );
  await store.set(groupBuyPath('gbnopost'), aGroupBuy({ groupBuyId: 'gbnopost', title: 'Unposted' }));
  await store.set(groupBuyPath('gbleft01'), aGroupBuy({ groupBuyId: 'gbleft01', title: 'Left', messageId: '930000000000000004' }));
  await store.set(groupBuyPath('gbwait01'), aGroupBuy({ groupBuyId: 'gbwait01', title: 'Waitlisted', messageId: '930000000000000005' }));
  await store.set(pledgePath('gbopen01', ann), pledge('gbopen01', ann, 'pledged'));
  await store.set(pledgePath('gbshut01', ann), pledge('gbshut01', ann, 'charged'));
  await store.set(pledgePath('gblate01', ann), pledge('gblate01', ann, 'pledged'));
  await store.set(pledgePath('gbnopost', ann), pledge('gbnopost', ann, 'pledged'));
  await store.set(pledgePath('gbleft01', ann), pledge('gbleft01', ann, 'withdrawn'));
  await store.set(pledgePath('gbwait01', ann), pledge('gbwait01', ann, 'waitlisted'));
  await store.set(pledgePath('gbopen01', ben), pledge('gbopen01', ben, 'pledged'));
  return store;
}

describe('the pledges a member may leave before erasing', () => {
  it('lists each pledge still open to leave, with its group buy’s post, and none closed, past its close, unposted, left or someone else’s', async () => {
    const found = await pledgesToLeave({ store: await world(), clock }, ann);
    expect(found).toEqual([
      { title: 'GMK Olivia', postUrl: 'https://discord.com/channels/900000000000000001/910000000000000001/930000000000000001' },
      { title: 'Waitlisted', postUrl: 'https://discord.com/channels/900000000000000001/910000000000000001/930000000000000005' },
    ]);
  });

  it('lists nothing for a member with no pledge', async () => {
    expect(await pledgesToLeave({ store: await world(), clock }, '821000000000000303')).toEqual([]);
  });
});
