/**
 * The live-show heartbeat the no-traffic-during-a-show alert reads: one `shows.live` line with
 * the shows running now (and the paused ones apart), written even when the count fails.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import type { DocumentStore } from '../../ports';
import { countLiveShows } from '../use-cases/count-live-shows';
import { showPath, type Show, type ShowStatus } from '../rules/show';
import { logLinesOf } from '../../../test/support/log-lines';

const show = (showId: string, status: ShowStatus): Show => ({
  showId,
  guildId: '900000000000000001',
  channelId: '910000000000000009',
  hostId: '800000000000000010',
  hostName: 'Hosty',
  title: 'Friday night keebs',
  currency: 'usd',
  status,
  lots: [],
  gapSeconds: 10,
  createdAt: '2026-11-27T20:00:00.000Z',
  step: 0,
});

async function heartbeat(store: DocumentStore) {
  let counted: Awaited<ReturnType<typeof countLiveShows>>;
  const { lines } = await logLinesOf(async () => {
    counted = await countLiveShows({ store });
  });
  return { counted, lines: lines.filter((line) => String(line.event).startsWith('shows.')) };
}

describe('the live-show heartbeat', () => {
  it('GIVEN shows planned, running, paused and ended THEN one shows.live line counts the running ones, the paused apart', async () => {
    const store = new LocalDocumentStore();
    const statuses: ShowStatus[] = ['planning', 'running', 'running', 'paused', 'ended'];
    for (const [n, status] of statuses.entries()) await store.set(showPath(`show000${n}`), show(`show000${n}`, status));
    const { counted, lines } = await heartbeat(store);
    expect(counted).toEqual({ count: 2, paused: 1 });
    expect(lines).toEqual([expect.objectContaining({ severity: 'INFO', event: 'shows.live', count: 2, paused: 1 })]);
  });

  it('GIVEN no show at all THEN it still writes the line, with 0', async () => {
    const { lines } = await heartbeat(new LocalDocumentStore());
    expect(lines).toEqual([expect.objectContaining({ event: 'shows.live', count: 0, paused: 0 })]);
  });

  it('GIVEN the store fails THEN it warns and answers nothing instead of failing the sweep that calls it', async () => {
    const store = new LocalDocumentStore();
    store.query = async () => Promise.reject(new Error('14 UNAVAILABLE'));
    const { counted, lines } = await heartbeat(store);
    expect(counted).toBeUndefined();
    expect(lines).toEqual([expect.objectContaining({ severity: 'WARNING', event: 'shows.live-uncounted' })]);
  });
});
