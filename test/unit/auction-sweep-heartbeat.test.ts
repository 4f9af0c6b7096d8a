/**
 * The auction sweep's function (Cloud Scheduler, every 5 minutes: terraform/locals.tf) writes
 * the live-show heartbeat on every run, before the sweep's own work.
 */
import type { Request, Response } from '@google-cloud/functions-framework';
import { auctionSweep } from '../../functions/auction-sweep';
import type { Platform } from '../../shared/platform';
import type { Config } from '../../shared/config';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { showPath, type Show } from '../../shared/shows';
import { functionRegistry } from '../../shared/registry';
import { logLinesOf } from '../support/log-lines';

/** Everything the sweep's wiring asks of the platform beyond the store and the clock: nothing it reaches with no auction live. */
const anything: ProxyHandler<object> = {
  get: (target, key) => (key in target ? (target as Record<PropertyKey, unknown>)[key] : new Proxy(() => new Proxy({}, anything), anything)),
};

describe('the auction sweep function', () => {
  it('runs at least every 5 minutes, as the no-traffic-during-a-show alert needs of its heartbeat', () => {
    const sweep = functionRegistry.find((f) => f.name === 'auctionSweep') as { everyMinutes?: number } | undefined;
    expect(sweep?.everyMinutes).toBeLessThanOrEqual(5);
  });

  it('writes one shows.live line with the shows running now each time it runs', async () => {
    const store = new LocalDocumentStore();
    const show: Show = {
      showId: 'show0001',
      guildId: '900000000000000001',
      channelId: '910000000000000009',
      hostId: '800000000000000010',
      hostName: 'Hosty',
      title: 'Keebs',
      currency: 'usd',
      status: 'running',
      lots: [],
      gapSeconds: 10,
      createdAt: '2026-11-27T20:00:00.000Z',
      step: 0,
    };
    await store.set(showPath('show0001'), show);
    const platform = new Proxy(
      { config: new Proxy({ runtime: 'local' } as Config, anything), store: () => store, clock: { now: () => new Date('2026-11-27T21:00:00.000Z') } },
      anything,
    ) as unknown as Platform;
    const req = { get: () => undefined, headers: {}, path: '/jobs/auction-sweep', rawBody: Buffer.from('{}'), body: {} } as unknown as Request;
    const res = { writeHead: () => res, end: () => res } as unknown as Response;
    const { lines } = await logLinesOf(() => auctionSweep(platform)(req, res));
    expect(lines.filter((line) => line.event === 'shows.live')).toEqual([expect.objectContaining({ count: 1, paused: 0 })]);
  });
});
