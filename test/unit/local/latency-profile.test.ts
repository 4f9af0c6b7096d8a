import { LatencyDrawer, waitAt } from '../../../shared/local/latency/latency-drawer';
import { latencyEdges, productionLatency, readLatencyProfile, type LatencyEdge, type LatencyProfile } from '../../../shared/local/latency/latency-profile';
import { latentHandler, latentPort, latentRoundTrip, latentStore } from '../../../shared/local/latency/latent-ports';
import { LocalDocumentStore } from '../../../shared/local/firestore/document-store';
import { docPath } from '../../../shared/ports';

const profile = readLatencyProfile('production') as LatencyProfile;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;

describe('the production latency profile', () => {
  it('is off unless asked for, and reads a seed', () => {
    expect(readLatencyProfile(undefined)).toBeUndefined();
    expect(readLatencyProfile('off')).toBeUndefined();
    expect(readLatencyProfile('production, seed=7')).toMatchObject({ name: 'production', seed: 7 });
  });

  it('refuses a profile it does not know, or a seed it cannot read, saying what to type', () => {
    expect(() => readLatencyProfile('staging')).toThrow(/C500_LATENCY=production/);
    expect(() => readLatencyProfile('seed=3')).toThrow(/names no profile/);
    expect(() => readLatencyProfile('production, seed=x')).toThrow(/seed=<n>/);
  });

  it('gives every edge a p99 at or above its p50', () => {
    for (const edge of Object.keys(latencyEdges) as LatencyEdge[]) {
      const { p50Ms, p99Ms } = productionLatency[edge];
      expect(p50Ms).toBeGreaterThan(0);
      expect(p99Ms).toBeGreaterThanOrEqual(p50Ms);
    }
  });

  it('puts the p50 at the middle draw and the p99 at the standard normal’s 99th percentile', () => {
    expect(waitAt({ p50Ms: 10, p99Ms: 90 }, 0)).toBeCloseTo(10);
    expect(waitAt({ p50Ms: 10, p99Ms: 90 }, 2.326_347_874)).toBeCloseTo(90);
    expect(waitAt({ p50Ms: 10, p99Ms: 10 }, 3)).toBeCloseTo(10);
  });

  it('draws waits whose median and 99th percentile are the edge’s own', () => {
    const drawer = new LatencyDrawer(profile, 'test');
    for (const edge of ['discord.rest', 'firestore.commit', 'upstash.command'] as const) {
      const draws = Array.from({ length: 40_000 }, () => drawer.drawMs(edge)).sort((a, b) => a - b);
      const { p50Ms, p99Ms } = productionLatency[edge];
      expect(Math.abs(percentile(draws, 0.5) - p50Ms)).toBeLessThanOrEqual(Math.max(1, p50Ms * 0.05));
      expect(Math.abs(percentile(draws, 0.99) - p99Ms)).toBeLessThanOrEqual(Math.max(2, p99Ms * 0.1));
    }
  });

  it('draws the same waits for the same seed and process, and others for another process or seed', () => {
    const draws = (seed: string, name: string) => {
      const drawer = new LatencyDrawer(readLatencyProfile(`production, seed=${seed}`) as LatencyProfile, name);
      return Array.from({ length: 20 }, () => drawer.drawMs('stripe.api'));
    };
    expect(draws('1', 'ingress#0')).toEqual(draws('1', 'ingress#0'));
    expect(draws('1', 'ingress#0')).not.toEqual(draws('1', 'ingress#1'));
    expect(draws('1', 'ingress#0')).not.toEqual(draws('2', 'ingress#0'));
  });
});

describe('a function’s adapters behind the profile', () => {
  const recording = () => {
    const waited: LatencyEdge[] = [];
    return { waited, latency: { wait: async (edge: LatencyEdge) => void waited.push(edge) } };
  };
  const counter = docPath<{ n: number }>('counters/c');

  it('waits a read for each read and a commit for each write', async () => {
    const { waited, latency } = recording();
    const store = latentStore(new LocalDocumentStore(), latency);
    await store.set(counter, { n: 1 });
    await store.get(counter);
    await store.update(counter, { n: 2 });
    expect(waited).toEqual(['firestore.commit', 'firestore.read', 'firestore.commit']);
    expect(await store.get(counter)).toEqual({ n: 2 });
  });

  it('waits a transaction’s reads and its commit inside it, so it holds its documents as long as Firestore would', async () => {
    const { waited, latency } = recording();
    const store = latentStore(new LocalDocumentStore(), latency);
    await store.runTransaction(async (tx) => {
      const now = await tx.get(counter);
      tx.set(counter, { n: (now?.n ?? 0) + 1 });
      expect(waited).toEqual(['firestore.read']);
    });
    expect(waited).toEqual(['firestore.read', 'firestore.commit']);
  });

  it('calls a transaction’s writes on the transaction itself, so its own guards keep their state', async () => {
    const { latency } = recording();
    /** As the Firestore SDK's port: a read after a write is refused, from state kept on the transaction. */
    class GuardedTransaction {
      wrote = false;
      async get() {
        if (this.wrote) throw new Error('read after write');
        return undefined;
      }
      async query() {
        return [];
      }
      set() {
        this.wrote = true;
      }
      create() {
        this.wrote = true;
      }
      update() {
        this.wrote = true;
      }
      delete() {
        this.wrote = true;
      }
    }
    const inner = new LocalDocumentStore();
    const guarded = Object.assign(Object.create(inner) as LocalDocumentStore, {
      runTransaction: <R>(work: (tx: never) => Promise<R>) => work(new GuardedTransaction() as never),
    });
    const store = latentStore(guarded, latency);
    await expect(
      store.runTransaction(async (tx) => {
        tx.update(counter, { n: 1 });
        await tx.get(counter);
      }),
    ).rejects.toThrow('read after write');
  });

  it('waits an API’s edge before every call of a port, and passes its answer through', async () => {
    const { waited, latency } = recording();
    const port = latentPort({ send: async (text: string) => `sent ${text}` }, 'discord.rest', latency);
    expect(await port.send('hi')).toBe('sent hi');
    expect(waited).toEqual(['discord.rest']);
  });

  it('waits Upstash’s round trip before each command, and Google’s front end before each request', async () => {
    const { waited, latency } = recording();
    const trip = latentRoundTrip(latency)(async () => ({ result: 'OK' }));
    await trip({ body: ['PING'] } as never);
    const handler = latentHandler(async (_req: never, _res: never) => 'answered', latency);
    expect(await handler(undefined as never, undefined as never)).toBe('answered');
    expect(waited).toEqual(['upstash.command', 'front-door']);
  });

  it('leaves a port as it is when no profile is on', () => {
    const handler = async () => 'answered';
    expect(latentHandler(handler, undefined)).toBe(handler);
  });
});
