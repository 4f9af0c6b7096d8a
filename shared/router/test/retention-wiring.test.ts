/**
 * What the retention sweep runs: every module's part; the parts that stand in for Firestore's
 * TTL only where no TTL runs (the local runtime), on the local clock.
 */
import type { Platform } from '../../platform';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalClock } from '../../local/local-clock';
import { onceRecordPath } from '../../common/rules/once-record';
import { retentionSweepParts } from '../retention-wiring';

function platformOn(runtime: 'local' | 'gcp') {
  const store = new LocalDocumentStore();
  const clock = new LocalClock({ now: () => new Date('2026-11-01T12:00:00.000Z') });
  // Only what the sweep's wiring reads of a platform.
  const platform = { config: { runtime }, store: () => store, clock } as unknown as Platform;
  return { store, clock, platform };
}

describe('the retention sweep’s parts', () => {
  it('GIVEN production, where Firestore’s TTL deletes expired documents THEN only the bid histories, what erasures kept and departed servers are swept', () => {
    expect(Object.keys(retentionSweepParts(platformOn('gcp').platform))).toEqual(['bidHistories', 'erasuresKeptWhileOpen', 'serverLeaves']);
  });

  it('GIVEN the local runtime THEN the sweep also deletes what TTL would, once the clock passes its expiry', async () => {
    const { store, clock, platform } = platformOn('local');
    expect(Object.keys(retentionSweepParts(platform))).toEqual([
      'bidHistories',
      'erasuresKeptWhileOpen',
      'serverLeaves',
      'dashboardSessions',
      'redeliveryRecords',
    ]);
    await store.set(onceRecordPath('stripe:evt_1'), { key: 'stripe:evt_1', state: 'done', attempts: 1, expiresAt: new Date(clock.now().getTime() + 60_000) });
    const run = async () => Promise.all(Object.values(retentionSweepParts(platform)).map((part) => part()));
    expect(await run()).toEqual([
      { erased: [], failed: [] },
      { erased: [], failed: [] },
      { erased: [], failed: [] },
      { sessions: 0, signIns: 0 },
      { deleted: 0 },
    ]);
    clock.advance(60_000);
    expect(await run()).toEqual([
      { erased: [], failed: [] },
      { erased: [], failed: [] },
      { erased: [], failed: [] },
      { sessions: 0, signIns: 0 },
      { deleted: 1 },
    ]);
    expect(await store.get(onceRecordPath('stripe:evt_1'))).toBeUndefined();
  });
});
