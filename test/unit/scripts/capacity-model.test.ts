/**
 * The capacity model (docs/capacity.md) and what is deployed: each function it sizes has the
 * instance limit it recommends in the registry (and so in terraform, which the registry's
 * mirror test holds), the page says what the recorded figures compute, and the sizing rules
 * do what the page says.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMaxInstances, functionRegistry } from '../../../shared/registry';
import { concurrencyAndTimeoutMismatches, functionSizing, limitMismatches, meanMs, type AuctionRecord } from '../../../scripts/capacity/model';
import { capacityReport } from '../../../scripts/capacity/report';
import { readMeasured } from '../../../scripts/capacity';
import { loadTerraform } from '../../support/terraform';

const measured = readMeasured(join(__dirname, '..', '..', '..', 'docs'));
const deployed = (name: string) => functionRegistry.find((e) => e.name === name)?.maxInstances;

describe('the capacity model', () => {
  it('sets every function it sizes to the instance limit it recommends', () => {
    expect(limitMismatches(functionSizing(measured.auction, measured.orders), deployed)).toEqual([]);
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

  it('keeps docs/capacity.md as the recorded figures compute it (npm run capacity)', () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'capacity.md'), 'utf8')).toBe(
      capacityReport(measured.auction, measured.orders, measured.races),
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
