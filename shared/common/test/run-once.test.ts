import { runOnce, StillRunning } from '../use-cases/run-once';
import { LocalDocumentStore } from '../../adapters/firestore/local-document-store';

describe('runOnce', () => {
  it('does the work on the first delivery and nothing on the second', async () => {
    const store = new LocalDocumentStore();
    let runs = 0;
    expect(await runOnce(store, 'evt_1', async () => void runs++)).toBe(true);
    expect(await runOnce(store, 'evt_1', async () => void runs++)).toBe(false);
    expect(runs).toBe(1);
  });

  it('refuses a delivery that arrives while another is still working, so it is retried', async () => {
    const store = new LocalDocumentStore();
    let release!: () => void;
    const first = runOnce(store, 'evt_2', () => new Promise<void>((r) => (release = r)));
    await new Promise((r) => setTimeout(r, 5));
    await expect(runOnce(store, 'evt_2', async () => undefined)).rejects.toBeInstanceOf(StillRunning);
    release();
    expect(await first).toBe(true);
  });

  it('lets the next delivery retry at once when the work failed', async () => {
    const store = new LocalDocumentStore();
    await expect(
      runOnce(store, 'evt_3', async () => {
        throw new Error('Discord was down');
      }),
    ).rejects.toThrow('Discord was down');
    let runs = 0;
    expect(await runOnce(store, 'evt_3', async () => void runs++)).toBe(true);
    expect(runs).toBe(1);
  });

  it('takes over a delivery whose lease ran out (the instance that held it died)', async () => {
    const store = new LocalDocumentStore();
    let now = new Date('2026-11-21T00:00:00Z');
    const clock = { now: () => now };
    void runOnce(store, 'evt_4', () => new Promise<void>(() => undefined), { clock, leaseMs: 1000 });
    await new Promise((r) => setTimeout(r, 5));
    now = new Date(now.getTime() + 1001);
    let runs = 0;
    expect(await runOnce(store, 'evt_4', async () => void runs++, { clock, leaseMs: 1000 })).toBe(true);
    expect(runs).toBe(1);
  });
});
