/**
 * Redelivery records (a Stripe event's id, an interaction's…), where no TTL policy deletes
 * them (the local store, the emulator): the retention sweep does, on the local clock.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import { onceRecordDays, onceRecordPath, onceRecordsCollection } from '../rules/once-record';
import { runOnce } from '../use-cases/run-once';
import { sweepExpiredOnceRecords } from '../use-cases/sweep-once-records';

const day = 86_400_000;

describe('the retention sweep of redelivery records', () => {
  it('GIVEN a Stripe event handled THEN its record is kept for onceRecordDays (a redelivery changes nothing), then deleted', async () => {
    const store = new LocalDocumentStore();
    const clock = new LocalClock({ now: () => new Date('2026-11-01T12:00:00.000Z') });
    let ran = 0;
    const work = async () => void ran++;
    await runOnce(store, 'stripe:evt_1', work, { clock });
    clock.advance(onceRecordDays * day - 1);
    expect(await sweepExpiredOnceRecords({ store, clock })).toEqual({ deleted: 0 });
    expect(await runOnce(store, 'stripe:evt_1', work, { clock })).toBe(false);

    clock.advance(1);
    expect(await sweepExpiredOnceRecords({ store, clock })).toEqual({ deleted: 1 });
    expect(await store.get(onceRecordPath('stripe:evt_1'))).toBeUndefined();
    expect(ran).toBe(1);
  });

  it('GIVEN a record from before records had an expiry THEN it is left alone: nothing says when it ends', async () => {
    const store = new LocalDocumentStore();
    const clock = new LocalClock({ now: () => new Date('2026-11-01T12:00:00.000Z') });
    await store.set(onceRecordPath('old/key'), { key: 'old/key', state: 'done', attempts: 1 });
    clock.advance(365 * day);
    expect(await sweepExpiredOnceRecords({ store, clock })).toEqual({ deleted: 0 });
    expect(await store.query(onceRecordsCollection)).toHaveLength(1);
  });
});
