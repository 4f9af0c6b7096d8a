/**
 * The many who press Buy Now after the last unit went are told "sold out" from a read, not
 * a transaction: they neither wait on the few reserving nor contend with them. A buyer who
 * already holds a checkout on the drop still gets it back.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { buyNow } from '../use-cases/buy-now';
import { checkoutHoldPath, stockShardPath, stockShardsOf } from '../rules/drop';
import { orderPath } from '../../orders';
import type { DocumentStore, TaskQueue } from '../../ports';
import { CHANNEL, buyNowDeps, builderWithDrop, orderOnTheDrop } from './buy-now-fixtures';
import { buttonPress } from '../../../test/support/interactions';
import { shortIdFrom } from '../../common';

const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
const HOLDER = '800000000000000002';
const LATE = '800000000000000003';

/** A store that counts the transactions run on it. */
function counting(store: LocalDocumentStore): DocumentStore & { transactions: number } {
  const counted = Object.create(store) as DocumentStore & { transactions: number };
  counted.transactions = 0;
  counted.runTransaction = (work) => {
    counted.transactions++;
    return store.runTransaction(work);
  };
  return counted;
}

async function soldOutDrop() {
  const inner = new LocalDocumentStore();
  const shards = stockShardsOf(3);
  await builderWithDrop(inner, 'ready-to-ship', { stockShards: shards.length });
  // Every unit taken: the shards hold none.
  for (const [i] of shards.entries()) await inner.set(stockShardPath('drop1', i), { available: 0 });
  const store = counting(inner);
  const deps = buyNowDeps(store, tasks);
  return { store, deps };
}

describe('Buy Now on a sold-out drop', () => {
  it('answers a press delivered again, whose order has since ended, as the transaction always did', async () => {
    const { store, deps } = await soldOutDrop();
    const press = buttonPress('buy:drop1', LATE, { channelId: CHANNEL });
    const orderId = shortIdFrom(`order:${press.id}`);
    await store.set(orderPath(orderId), orderOnTheDrop(orderId, LATE, { status: 'expired' }));
    const answer = await buyNow(deps, press);
    expect(answer.content).toContain('That checkout has ended');
  });

  it('tells a newcomer it is sold out without running a transaction', async () => {
    const { store, deps } = await soldOutDrop();
    const answer = await buyNow(deps, buttonPress('buy:drop1', LATE, { channelId: CHANNEL }));
    expect(answer.content).toMatch(/sold out/i);
    expect(store.transactions).toBe(0);
  });

  it('still hands a buyer who holds a checkout on it their own link', async () => {
    const { store, deps } = await soldOutDrop();
    await store.set(
      orderPath('held1'),
      orderOnTheDrop('held1', HOLDER, {
        checkoutSessionId: 'cs_1',
        checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_1',
        checkoutExpiresAt: '2026-11-22T12:30:00Z',
        stockShard: 0,
      }),
    );
    await store.set(checkoutHoldPath('drop1', HOLDER), { orderId: 'held1' });
    const answer = await buyNow(deps, buttonPress('buy:drop1', HOLDER, { channelId: CHANNEL }));
    expect(JSON.stringify(answer)).toContain('cs_1');
    expect(store.transactions).toBe(1);
  });

  it('hands a press its own reservation when that reservation took the last unit while the press was reading the shards', async () => {
    const { store, deps } = await soldOutDrop();
    await store.set(stockShardPath('drop1', 0), { available: 1 });
    const press = buttonPress('buy:drop1', LATE, { channelId: CHANNEL });
    const orderId = shortIdFrom(`order:${press.id}`);
    // An earlier delivery of this very press commits its reservation (the last unit, its hold
    // and its order, in one commit) while this delivery's read of the shards is on its way.
    const query = store.query.bind(store);
    let committed = false;
    store.query = (async (path: Parameters<DocumentStore['query']>[0]) => {
      if (!committed) {
        committed = true;
        await new Promise((resolve) => setTimeout(resolve, 5));
        await store.set(stockShardPath('drop1', 0), { available: 0 });
        await store.set(
          orderPath(orderId),
          orderOnTheDrop(orderId, LATE, {
            checkoutSessionId: 'cs_2',
            checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_2',
            checkoutExpiresAt: '2026-11-22T12:30:00Z',
            stockShard: 0,
          }),
        );
        await store.set(checkoutHoldPath('drop1', LATE), { orderId });
      }
      return query(path);
    }) as DocumentStore['query'];
    const answer = await buyNow(deps, press);
    expect(answer.content ?? '').not.toMatch(/sold out/i);
    expect(JSON.stringify(answer)).toContain('cs_2');
  });
});
