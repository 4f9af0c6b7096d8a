import { LocalDocumentStore } from '../../local/firestore/document-store';
import { journalPath, type JournalEntry } from '../../journal';
import { chargeEntry, handPaymentEntry, refundEntry, reversalEntry, transferEntry } from '../../orders';
import { debtJournalEntry } from '../../debts/rules/ledger';
import type { Order } from '../../orders';
import { anOrder } from '../../../test/support/orders';
import { withMoney } from '../use-cases/order-money';
import { earningOf } from '../rules/earnings-chart';
import { orderCsvHeader, orderCsvRow, orderRow } from '../rules/order-views';
import { csvOf } from '../rules/csv';
import { hostSentCents } from '../rules/host-views';

const at = '2026-11-20T10:05:00.000Z';
const builderId = '810000000000000001';
const hostId = '810000000000000005';

/** Entries as the payments and debts modules write them, in a store the dashboard reads. */
async function journalOf(entries: ReadonlyArray<JournalEntry | undefined>): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  for (const entry of entries) if (entry) await store.set(journalPath(entry.entryId), entry);
  return store;
}

const paid = (over: Partial<Order> = {}) =>
  anOrder({ orderId: 'o-1', builderId, amountCents: 24_000, platformFeeCents: 2_400, builderShareCents: 21_600, chargeId: 'ch_1', status: 'paid', ...over });

describe('an order’s figures on the dashboard, folded from the journal the payments module wrote', () => {
  it('GIVEN a refund of $40 and a refund that failed THEN the order shows $40 refunded and the rest of the share held', async () => {
    const order = paid();
    const store = await journalOf([
      chargeEntry(order, at),
      refundEntry({ ...order, refundedCents: 0 }, 4_000, 're_1', at),
      refundEntry({ ...order, refundedCents: 4_000 }, 10_000, 're_2', at),
      refundEntry({ ...order, refundedCents: 10_000 }, 4_000, 'failed-re_2', at),
    ]);
    const [counted] = await withMoney(store, [order]);
    expect(orderRow(counted!)).toMatchObject({ refunded: '$40.00', held: '$180.00', released: undefined });
    const line = csvOf(orderCsvHeader, [orderCsvRow(counted!)])
      .split('\n')[1]
      ?.split(',');
    expect(line?.slice(orderCsvHeader.indexOf('refunded'), orderCsvHeader.indexOf('released') + 1)).toEqual(['40.00', '180.00', '0.00']);
  });

  it('GIVEN a release that netted a debt and a reversal after a refund THEN released is what went out and paid the debt, less the reversal', async () => {
    const order = paid({ status: 'building', payouts: { builder: { transferId: 'tr_1' } } });
    const store = await journalOf([
      chargeEntry(order, at),
      transferEntry(order, 'tr_1', 1_600, at, 'builder'),
      debtJournalEntry(
        { entryId: 'net-1', kind: 'netted', orderId: 'o-1', currency: 'usd', at, guildId: order.guildId, userId: builderId },
        20_000,
        'ps_builder',
      ),
      refundEntry({ ...order, refundedCents: 0 }, 2_400, 're_1', at),
      reversalEntry(order, 'tr_1', 'rev-1', 1_600, at, 'builder'),
    ]);
    const [counted] = await withMoney(store, [order]);
    expect(earningOf(counted!)).toEqual({ heldCents: 0, releasedCents: 20_000 });
    expect(counted!.money).toMatchObject({ refundedCents: 2_400, builder: { sentCents: 1_600, reversedCents: 1_600, nettedCents: 20_000 } });
  });

  it('GIVEN a show lot whose host was paid by hand THEN the host’s cut shows as sent, and another order’s entries count for nothing', async () => {
    const lot = paid({ orderId: 'o-2', hostId, hostCutCents: 2_400, builderShareCents: 19_200, payouts: { builder: {}, host: { via: 'manual' } } });
    const other = paid({ orderId: 'o-3' });
    const store = await journalOf([
      chargeEntry(lot, at),
      handPaymentEntry({ ...lot, hostId }, 'hand-1', 2_400, at),
      chargeEntry(other, at),
      refundEntry({ ...other, refundedCents: 0 }, 24_000, 're_9', at),
    ]);
    const [counted] = await withMoney(store, [lot]);
    expect(hostSentCents(counted!)).toBe(2_400);
    expect(counted!.money.refundedCents).toBe(0);
  });

  it('reads the journal of more orders than one query holds', async () => {
    const orders = Array.from({ length: 65 }, (_, i) => paid({ orderId: `o-${i}` }));
    const store = await journalOf(orders.flatMap((o, i) => [chargeEntry(o, at), refundEntry({ ...o, refundedCents: 0 }, 100 + i, `re-${i}`, at)]));
    const counted = await withMoney(store, orders);
    expect(counted.map((o) => o.money.refundedCents)).toEqual(orders.map((_, i) => 100 + i));
  });
});
