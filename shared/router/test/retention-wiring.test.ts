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
  const banned = new Set<string>();
  const book = { ban: async (id: string) => void banned.add(id), unban: async (id: string) => void banned.delete(id) };
  // Only what the sweep's wiring reads of a platform.
  const platform = { config: { runtime }, store: () => store, clock, auctionBook: () => book } as unknown as Platform;
  return { store, clock, platform };
}

describe('the retention sweep’s parts', () => {
  const everywhere = ['bidHistories', 'erasuresKeptWhileOpen', 'serverLeaves', 'paymentRecords', 'strikes', 'idleChatters'];

  it('GIVEN production, where Firestore’s TTL deletes expired documents THEN the parts no TTL can do are swept', () => {
    expect(Object.keys(retentionSweepParts(platformOn('gcp').platform))).toEqual(everywhere);
  });

  it('GIVEN the local runtime THEN the sweep also deletes what TTL would, once the clock passes its expiry', async () => {
    const { store, clock, platform } = platformOn('local');
    expect(Object.keys(retentionSweepParts(platform))).toEqual([...everywhere, 'dashboardSessions', 'redeliveryRecords', 'erasureAsks']);
    await store.set(onceRecordPath('stripe:evt_1'), { key: 'stripe:evt_1', state: 'done', attempts: 1, expiresAt: new Date(clock.now().getTime() + 60_000) });
    const run = async () => Promise.all(Object.values(retentionSweepParts(platform)).map((part) => part()));
    const nothing = [
      { erased: [], failed: [] },
      { erased: [], failed: [] },
      { erased: [], failed: [] },
      { ended: 0, waiting: 0, failed: [] },
      { ended: [], stamped: 0, failed: [] },
      { logins: 0, chatters: 0, channels: 0, failed: [] },
    ];
    expect(await run()).toEqual([...nothing, { sessions: 0, signIns: 0 }, { deleted: 0 }, { deleted: 0 }]);
    clock.advance(60_000);
    expect(await run()).toEqual([...nothing, { sessions: 0, signIns: 0 }, { deleted: 1 }, { deleted: 0 }]);
    expect(await store.get(onceRecordPath('stripe:evt_1'))).toBeUndefined();
  });
});
