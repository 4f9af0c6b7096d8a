import { LocalDocumentStore } from '../../local/firestore/document-store';
import { orderPath, type Order, type OrderStatus } from '../../orders';
import { builderOrders, builderOverview, everyPage } from '../use-cases/builder-overview';
import { guildBlockedBidders, waitingForProof } from '../use-cases/guild-overview';
import { guildAuctionsPath } from '../../auctions';
import { decodeCursor, encodeCursor, firstCursor } from '../rules/paging';
import { anOrder } from '../../../test/support/orders';

const builder = '810000000000000001';
const now = new Date('2026-11-25T12:00:00.000Z');
const statuses: OrderStatus[] = ['paid', 'building', 'shipped', 'awaiting-payment', 'refunded', 'expired'];

function order(i: number, over: Partial<Order> = {}): Order {
  // Three orders share each timestamp: pages must neither skip nor repeat them.
  const createdAt = new Date(now.getTime() - Math.floor(i / 3) * 3_600_000).toISOString();
  return anOrder({
    orderId: `o-${String(i).padStart(4, '0')}`,
    source: 'drop',
    sourceId: 'd',
    dropKind: 'commission',
    guildId: '900000000000000001',
    title: `Board ${i}`,
    buyerId: '820000000000000001',
    buyerName: 'bo',
    builderId: builder,
    builderName: 'cleo',
    amountCents: 10_000,
    currency: 'usd',
    platformFeeCents: 1_000,
    builderShareCents: 9_000,
    status: statuses[i % statuses.length] as OrderStatus,
    createdAt,
    paidAt: createdAt,
    ...over,
  });
}

async function storeWith(orders: Order[]): Promise<LocalDocumentStore> {
  // The store as production has it: it refuses any query the declared indexes do not serve.
  const store = new LocalDocumentStore();
  for (const o of orders) await store.set(orderPath(o.orderId), o);
  await store.set(orderPath('someone-else-0001'), order(9_999, { orderId: 'someone-else-0001', builderId: '810000000000000002' }));
  return store;
}

describe('a builder’s orders, a page at a time', () => {
  it('walks every order once, newest first, through cursors carried in a URL, and never another builder’s', async () => {
    const store = await storeWith(Array.from({ length: 130 }, (_, i) => order(i)));
    const seen: string[] = [];
    let cursor = firstCursor('desc');
    for (let pages = 0; pages < 10; pages++) {
      const page = await builderOrders(store, builder, 'all', cursor, 50);
      seen.push(...page.rows.map((o) => o.orderId));
      if (!page.next) break;
      cursor = decodeCursor(encodeCursor(page.next), 'desc');
    }
    expect(seen).toHaveLength(130);
    expect(new Set(seen).size).toBe(130);
    expect(seen).not.toContain('someone-else-0001');
  });

  it('pages one state (released: building or shipped) the same way', async () => {
    const store = await storeWith(Array.from({ length: 130 }, (_, i) => order(i)));
    const released = await everyPage((c) => builderOrders(store, builder, 'released', c ?? firstCursor('desc'), 7));
    expect(released.map((o) => o.status).every((s) => s === 'building' || s === 'shipped')).toBe(true);
    expect(released).toHaveLength(Array.from({ length: 130 }, (_, i) => i).filter((i) => i % 6 === 1 || i % 6 === 2).length);
  });

  it('reads the chart’s weeks and what is held, the older unreleased orders included', async () => {
    const old = order(500, { orderId: 'o-old1', status: 'paid', createdAt: '2026-01-01T00:00:00.000Z', paidAt: '2026-01-01T00:00:00.000Z' });
    const store = await storeWith([...Array.from({ length: 12 }, (_, i) => order(i)), old]);
    const overview = await builderOverview(store, builder, now);
    expect(overview.recent).toHaveLength(12);
    expect(overview.waiting.map((o) => o.orderId).sort()).toEqual(['o-0000', 'o-0006', 'o-old1']);
  });
});

describe('a guild’s orders waiting for proof', () => {
  it('lists only those paid more than a week ago and still unproven, oldest first', async () => {
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();
    const store = await storeWith([
      order(1, { orderId: 'o-late', status: 'paid', paidAt: days(9) }),
      order(2, { orderId: 'o-later', status: 'paid', paidAt: days(20) }),
      order(3, { orderId: 'o-fresh', status: 'paid', paidAt: days(2) }),
      order(4, { orderId: 'o-proven', status: 'building', paidAt: days(30) }),
      order(5, { orderId: 'o-elsewhere', status: 'paid', paidAt: days(30), guildId: '900000000000000002' }),
    ]);
    const page = await waitingForProof(store, '900000000000000001', now, firstCursor('asc'));
    expect(page.rows.map((o) => o.orderId)).toEqual(['o-later', 'o-late']);
  });
});

describe('a guild’s blocked bidders', () => {
  it('reads the block list /c500 block keeps on the guild’s document, newest first, and never another guild’s', async () => {
    const store = new LocalDocumentStore();
    await store.set(guildAuctionsPath('900000000000000001'), {
      auctions: {
        version: 2,
        blocked: [
          { key: '820000000000000007', label: '<@820000000000000007>', blockedBy: '800000000000000001', blockedAt: '2026-11-20T10:00:00.000Z' },
          { key: 'twitch-login:sniper_bot', label: 'twitch.tv/sniper_bot', blockedBy: '800000000000000002', blockedAt: '2026-11-22T10:00:00.000Z' },
        ],
      },
    });
    await store.set(guildAuctionsPath('900000000000000002'), {
      auctions: {
        blocked: [{ key: '820000000000000099', label: '<@820000000000000099>', blockedBy: '800000000000000009', blockedAt: '2026-11-23T10:00:00.000Z' }],
      },
    });
    const blocked = await guildBlockedBidders(store, '900000000000000001');
    expect(blocked.map((b) => b.key)).toEqual(['twitch-login:sniper_bot', '820000000000000007']);
    expect(blocked[0]).toMatchObject({ blockedBy: '800000000000000002', blockedAt: '2026-11-22T10:00:00.000Z' });
  });

  it('GIVEN a guild that never blocked anyone, or never changed its auction rules THEN the list is empty', async () => {
    const store = new LocalDocumentStore();
    await store.set(guildAuctionsPath('900000000000000003'), { auctions: { version: 1, cooldownMs: 2_000 } });
    expect(await guildBlockedBidders(store, '900000000000000003')).toEqual([]);
    expect(await guildBlockedBidders(store, '900000000000000004')).toEqual([]);
  });
});
