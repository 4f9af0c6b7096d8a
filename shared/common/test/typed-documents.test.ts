/**
 * A stored document's path carries its type, so the compiler checks every read and write.
 * `npm run typecheck` covers test/: each `@ts-expect-error` below fails the build the day
 * the line under it compiles, that is the day the typing lets a mistake through. The
 * assertions at the end run the same kinds of calls on the embedded store.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { docPath, increment, type DocPath, type DocumentStore, type Transaction, type WriteBatch } from '../../ports';
import { orderPath, ordersCollection, type Order } from '../../orders';
import { dropPath, stockShardsPath, type Drop } from '../../marketplace/rules/drop';
import { builderPath, type Builder } from '../../onboarding';
import { potShardPath, type PotShard, guildRacesPath } from '../../races/rules/race';
import { anOrder } from '../../../test/support/orders';

/** True only when A and B are the same type (not merely assignable one way). */
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

const order: Order = anOrder({
  sourceId: 'd1',
  guildId: '900000000000000001',
  buyerId: '800000000000000002',
  buyerName: 'Bo',
  builderId: '800000000000000001',
  builderName: 'Ana',
  amountCents: 12_000,
  platformFeeCents: 1_200,
  builderShareCents: 10_800,
  createdAt: '2026-11-22T12:00:00.000Z',
});

const drop: Drop = {
  dropId: 'd1',
  guildId: order.guildId,
  builderId: order.builderId,
  builderName: 'Ana',
  title: 'Tofu65',
  description: 'A board',
  priceCents: 12_000,
  currency: 'usd',
  kind: 'ready-to-ship',
  channelId: '910000000000000001',
  createdAt: order.createdAt,
};

/** Never run: what the compiler must refuse, and what it must accept without a cast. */
async function compileOnly(store: DocumentStore, tx: Transaction, batch: WriteBatch): Promise<void> {
  // A read answers the document's own type.
  const read = await store.get(orderPath('o1'));
  const readIsOrder: Same<typeof read, Order | undefined> = true;
  const inTransaction = await tx.get(dropPath('d1'));
  const inTransactionIsDrop: Same<typeof inTransaction, Drop | undefined> = true;
  const rows = await store.query(ordersCollection, { where: [['buyerId', '==', 'b']] });
  const rowIsOrder: Same<(typeof rows)[number]['data'], Order> = true;
  void [inTransaction, rows, readIsOrder, inTransactionIsDrop, rowIsOrder];
  // @ts-expect-error: an order has no field `stauts`
  void read?.stauts;

  // update takes the document's own fields, each of its own type.
  await store.update(orderPath('o1'), { status: 'expired', expiredAt: '2026-11-22T12:30:00.000Z' });
  // @ts-expect-error: a misspelled field
  await store.update(orderPath('o1'), { stauts: 'expired' });
  // @ts-expect-error: the same, in a transaction
  tx.update(orderPath('o1'), { stauts: 'expired' });
  // @ts-expect-error: the same, in a batch
  batch.update(orderPath('o1'), { stauts: 'expired' });
  // @ts-expect-error: not an order status
  await store.update(orderPath('o1'), { status: 'lost' });
  // @ts-expect-error: money is a number of cents
  await store.update(orderPath('o1'), { amountCents: '120.00' });

  // increment() only where the field is a number.
  await store.update(dropPath('d1'), { stockAvailable: increment(-1) });
  // @ts-expect-error: a title is not a number
  await store.update(dropPath('d1'), { title: increment(1) });

  // Dotted paths reach the fields of a map, typed as those fields.
  await store.update(builderPath('b'), { 'stream.status': 'offline', 'eventSub.revokedAt': '2026-11-22T12:00:00.000Z' });
  // @ts-expect-error: a stream has no field `statsu`
  await store.update(builderPath('b'), { 'stream.statsu': 'offline' });
  // @ts-expect-error: a stream is live or offline
  await store.update(builderPath('b'), { 'stream.status': 'away' });

  // set replaces the document: it takes a whole one, of the path's type.
  await store.set(orderPath('o1'), order);
  // @ts-expect-error: a drop at an order's path
  await store.set(orderPath('o1'), drop);
  // @ts-expect-error: part of an order, without merge
  await store.set(orderPath('o1'), { status: 'paid' });
  // @ts-expect-error: a drop created at an order's path, in a transaction
  tx.create(orderPath('o1'), drop);
  // @ts-expect-error: the same with createIfAbsent
  await store.createIfAbsent(orderPath('o1'), drop);

  // set with merge takes any part of one, maps merged field by field, numbers incremented.
  batch.set(potShardPath('l1', 0), { poolCents: increment(700), shares: { r1: increment(350) } }, { merge: true });
  await store.set(guildRacesPath('g'), { races: { firstRaceAt: '2026-11-22T12:00:00.000Z' } }, { merge: true });
  // @ts-expect-error: a misspelled field, merged
  batch.set(potShardPath('l1', 0), { poolCnets: increment(700) }, { merge: true });
  // @ts-expect-error: a share is a number of cents
  batch.set(potShardPath('l1', 0), { shares: { r1: 'all' } }, { merge: true });

  // A path is made where its collection is declared, never from a bare string.
  // @ts-expect-error: a string is not a document path
  await store.get('orders/o1');
  // @ts-expect-error: nor a collection path
  await store.query('orders');
  // @ts-expect-error: a collection is not a document
  await store.get(ordersCollection);
  // @ts-expect-error: a document is not a collection
  await store.query(orderPath('o1'));
  // @ts-expect-error: an order's path is not a drop's
  const mislabelled: DocPath<Drop> = orderPath('o1');
  // @ts-expect-error: a path named without its document's type holds nothing writable
  await store.set(docPath('orders/o2'), order);
  // @ts-expect-error: a query's fields are the document's
  await store.query(ordersCollection, { where: [['stauts', '==', 'paid']] });
  // @ts-expect-error: the shards of a drop's stock are not orders
  await store.query<Order>(stockShardsPath('d1'));
  void mislabelled;
}

describe('typed document paths', () => {
  it('are checked by the compiler (the lines above), and are plain paths at run time', () => {
    expect(typeof compileOnly).toBe('function');
    expect(orderPath('o1')).toBe('orders/o1');
    expect(stockShardsPath('d1')).toBe('drops/d1/stock');
    expect(potShardPath('l1', 3)).toBe('raceLobbies/l1/pot/3');
  });

  it('read back what was written as the document’s own type, with no cast', async () => {
    const store = new LocalDocumentStore();
    await store.set(orderPath('o1'), order);
    await store.update(orderPath('o1'), { status: 'paid', paidAt: '2026-11-22T12:05:00.000Z', releaseAttempts: increment(2) });
    const paid: Order | undefined = await store.get(orderPath('o1'));
    expect(paid).toEqual({ ...order, status: 'paid', paidAt: '2026-11-22T12:05:00.000Z', releaseAttempts: 2 });

    await store.set(
      potShardPath('l1', 0),
      { lobbyId: 'l1', poolCents: increment(700), salesCount: increment(1), shares: { r1: increment(350), r2: increment(350) } },
      { merge: true },
    );
    await store.set(potShardPath('l1', 0), { poolCents: increment(-100), shares: { r2: increment(-100) } }, { merge: true });
    const shard: PotShard | undefined = await store.get(potShardPath('l1', 0));
    expect(shard).toEqual({ lobbyId: 'l1', poolCents: 600, salesCount: 1, shares: { r1: 350, r2: 250 } });

    await store.set(builderPath('b'), {
      discordUserId: 'b',
      displayName: 'Ana',
      stream: { status: 'live', type: 'live', changedAt: '2026-11-22T12:00:00.000Z' },
    });
    await store.update(builderPath('b'), { 'stream.status': 'offline' });
    const builder: Builder | undefined = await store.get(builderPath('b'));
    expect(builder?.stream).toEqual({ status: 'offline', type: 'live', changedAt: '2026-11-22T12:00:00.000Z' });
  });
});
