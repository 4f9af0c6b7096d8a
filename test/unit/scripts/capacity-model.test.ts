/**
 * The capacity model (docs/capacity.md) and what is deployed: each function it sizes has the
 * instance limit it recommends in the registry (and so in terraform, which the registry's
 * mirror test holds), the page says what the recorded figures compute, and the sizing rules
 * do what the page says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMaxInstances, functionRegistry } from '../../../shared/registry';
import {
  concurrencyAndTimeoutMismatches,
  functionSizing,
  headroomShare,
  limitMismatches,
  meanMs,
  overHeadroom,
  warmMismatches,
  planFor,
  serviceLoads,
  show,
  type AuctionRecord,
  type RacesRecord,
} from '../../../scripts/capacity/model';
import { limits, type Plan } from '../../../scripts/capacity/services';
import { capacityReport } from '../../../scripts/capacity/report';
import { readMeasured } from '../../../scripts/capacity';
import { loadTerraform } from '../../support/terraform';

const measured = readMeasured(join(__dirname, '..', '..', '..', 'docs'));
const deployed = (name: string) => functionRegistry.find((e) => e.name === name)?.maxInstances;
const deployedWarm = (name: string) => functionRegistry.find((e) => e.name === name)?.minInstances;

describe('the capacity model', () => {
  it('sets every function it sizes to the instance limit it recommends', () => {
    expect(limitMismatches(functionSizing(measured.auction, measured.orders), deployed)).toEqual([]);
  });

  it('keeps warm the instances the peak needs of the functions the herd meets first, and no others', () => {
    const sizing = functionSizing(measured.auction, measured.orders);
    expect(warmMismatches(sizing, deployedWarm)).toEqual([]);
    expect(sizing.filter((f) => f.minInstances > 0).map((f) => f.name)).toEqual(['discordInteractions', 'auctionBids', 'twitchWebhook', 'chatBids']);
    expect(functionRegistry.filter((e) => e.minInstances !== undefined && !sizing.some((f) => f.name === e.name))).toEqual([]);
  });

  it('asks for more warm instances when the measured CPU a bid grows', () => {
    const heavier: AuctionRecord = {
      ...measured.auction,
      runs: measured.auction.runs.map((r) => ({ ...r, cpuMsPerRequest: Object.fromEntries(Object.entries(r.cpuMsPerRequest).map(([p, ms]) => [p, ms * 10])) })),
    };
    expect(warmMismatches(functionSizing(heavier, measured.orders), deployedWarm)).toContainEqual(
      expect.stringContaining('discordInteractions: the model says min_instances'),
    );
  });

  it('deploys the slots and timeouts it recommends', () => {
    expect(concurrencyAndTimeoutMismatches(functionSizing(measured.auction, measured.orders))).toEqual([]);
  });

  it('raises a function’s slots when its measured CPU a request drops, and never lowers them when it grows', () => {
    const lighter: AuctionRecord = {
      ...measured.auction,
      runs: measured.auction.runs.map((r) => ({ ...r, cpuMsPerRequest: { ...r.cpuMsPerRequest, subscribers: (r.cpuMsPerRequest.subscribers ?? 0) / 4 } })),
    };
    expect(concurrencyAndTimeoutMismatches(functionSizing(lighter, measured.orders))).toContainEqual(
      expect.stringContaining('auctionBids: the model says concurrency'),
    );
    const heavierPress = { ...measured.orders, cpuMsPerPress: { ...measured.orders.cpuMsPerPress, workers: 100 } };
    expect(concurrencyAndTimeoutMismatches(functionSizing(measured.auction, heavierPress))).toEqual([]);
  });

  it('breaks when the measured CPU a bid takes grows fortyfold and the limits stay', () => {
    const heavier: AuctionRecord = {
      ...measured.auction,
      runs: measured.auction.runs.map((r) => ({ ...r, cpuMsPerRequest: Object.fromEntries(Object.entries(r.cpuMsPerRequest).map(([p, ms]) => [p, ms * 40])) })),
    };
    expect(limitMismatches(functionSizing(heavier, measured.orders), deployed)).toContainEqual(expect.stringContaining('discordInteractions'));
  });

  it('keeps every service at or below 80 % of its published limit at the show’s peak, or names the plan that gives the headroom', () => {
    expect(overHeadroom(serviceLoads(measured.auction, measured.races))).toEqual([]);
  });

  describe('the headroom check', () => {
    const auctionWith = (usage: Partial<NonNullable<AuctionRecord['runs'][number]['usage']>>): AuctionRecord => ({
      ...measured.auction,
      runs: measured.auction.runs.map((r) => (r.usage ? { ...r, usage: { ...r.usage, ...usage } } : r)),
    });
    const calmRace: RacesRecord = { ...measured.races, busiestPeakPerSecond: 1, busiestSustainedPerSecond: 0.5 };

    it('fails a record whose Redis commands a request put Upstash above 80 % at the peak', () => {
      const justUnder = (headroomShare * limits.upstashCommandsPerSecond.value) / (show.bidsPerSecond + show.chatPerSecond);
      expect(overHeadroom(serviceLoads(auctionWith({ redisCommands: justUnder, hottest: [] }), calmRace))).toEqual([]);
      expect(overHeadroom(serviceLoads(auctionWith({ redisCommands: justUnder * 1.01, hottest: [] }), calmRace))).toEqual([
        expect.stringContaining('Upstash commands'),
      ]);
    });

    it('fails a record whose busiest document is written more than 0.8 times a second over its busiest ten seconds', () => {
      const quiet = auctionWith({ redisCommands: 1, hottest: [] });
      expect(overHeadroom(serviceLoads(quiet, { ...calmRace, busiestSustainedPerSecond: 0.8 }))).toEqual([]);
      expect(overHeadroom(serviceLoads(quiet, { ...calmRace, busiestSustainedPerSecond: 0.9 }))).toEqual([
        expect.stringContaining("a race's busiest document"),
      ]);
      const steady = auctionWith({ redisCommands: 1, hottest: [{ path: 'auctions/a1', writes: 30, peakPerSecond: 1, sustainedPerSecond: 1 }] });
      expect(overHeadroom(serviceLoads(steady, calmRace))).toEqual([expect.stringContaining("the busiest document's writes (auctions/a1)")]);
    });

    it('reads a record from before the sustained rate was measured by its busiest second', () => {
      const old = { ...calmRace, busiestPeakPerSecond: 114 };
      delete old.busiestSustainedPerSecond;
      expect(overHeadroom(serviceLoads(auctionWith({ redisCommands: 1, hottest: [] }), old))).toEqual([expect.stringContaining("a race's busiest document")]);
    });

    it('takes a load above 80 % when a listed plan with its price gives the headroom, the cheapest such', () => {
      const loads = serviceLoads(auctionWith({ redisCommands: 10, hottest: [] }), calmRace);
      const upstash = loads.find((l) => l.limitName === 'upstashCommandsPerSecond');
      const plan = (name: string, value: number, monthlyUsd: number): Plan => ({
        raises: 'upstashCommandsPerSecond',
        name,
        value,
        monthlyUsd,
        source: 'a test',
      });
      const small = plan('too small', 30_000, 10);
      const big = plan('big', 40_000, 500);
      const bigger = plan('bigger', 100_000, 900);
      expect(overHeadroom(loads, [small])).toEqual([expect.stringContaining('Upstash commands')]);
      expect(overHeadroom(loads, [small, bigger, big])).toEqual([]);
      expect(upstash && planFor(upstash, [small, bigger, big])).toBe(big);
      expect(planFor({ ...upstash!, atPeak: 1 }, [big])).toBeUndefined();
    });
  });

  it('keeps docs/capacity.md as the recorded figures compute it (npm run capacity)', () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'capacity.md'), 'utf8')).toBe(
      capacityReport(measured.auction, measured.orders, measured.races, measured.lot, measured.shards),
    );
  });

  it('keeps every other function at terraform’s own cost guard', async () => {
    const tf = await loadTerraform();
    expect(tf.variables.get('max_instances')?.default).toBe(defaultMaxInstances);
  });

  it('sizes by CPU at 60 % of a vCPU and by concurrency with Little’s law', () => {
    const [ingress] = functionSizing(measured.auction, measured.orders);
    expect(ingress?.byCpu).toBe(Math.ceil((ingress!.requestsPerSecond * ingress!.cpuMsPerRequest) / 1000 / 0.6));
    expect(ingress?.byConcurrency).toBe(Math.ceil((ingress!.requestsPerSecond * ingress!.wallMsPerRequest) / 1000 / ingress!.concurrency));
    expect(ingress?.maxInstances).toBe(Math.max(defaultMaxInstances, 3 * ingress!.needed));
  });

  it('takes a latency’s mean from its p50 and p99 as a log-normal’s', () => {
    expect(meanMs({ p50Ms: 10, p99Ms: 10 })).toBeCloseTo(10);
    // σ = ln(9.78)/2.326 ≈ 0.98: the mean is e^(σ²/2) ≈ 1.62 times the median.
    expect(meanMs({ p50Ms: 100, p99Ms: 978 })).toBeCloseTo(161.6, 0);
  });
});
