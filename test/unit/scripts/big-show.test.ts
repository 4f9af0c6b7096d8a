/**
 * The capacity model's 50,000-viewer show (docs/capacity.md): every service within 80 % of its
 * published limit with the design it states, terraform's instance ceilings above the peak's
 * need, and the lot's database loaded by its script calls, which the gathering's window sets.
 */
import { join } from 'node:path';
import { functionSizing, headroomShare, meanMs, overHeadroom } from '../../../scripts/capacity/model';
import {
  bigShowBook,
  bigShowLoads,
  oneDatabaseHoldsTheShow,
  upstashRows,
  commandsPerCall,
  fiftyThousandViewers,
  finalCallReads,
  gatheringCycleMs,
  lotDatabaseLoad,
  type LotRecord,
} from '../../../scripts/capacity/big-show';
import { readMeasured } from '../../../scripts/capacity';
import { bookSplit } from '../../../scripts/capacity/book-split';
import { limits } from '../../../scripts/capacity/services';
import { productionLatency } from '../../../shared/local/latency/latency-profile';
import { bidGatherMs } from '../../../shared/adapters/upstash/upstash-auction-book';
import { asObject, isObject, loadTerraform } from '../../support/terraform';

const measured = readMeasured(join(__dirname, '..', '..', '..', 'docs'));
const sizing = functionSizing(measured.auction, measured.orders, fiftyThousandViewers);

describe('a 50,000-viewer show in the capacity model', () => {
  it('is 10,000 bids/s in Discord and 5,000 chat messages/s', () => {
    expect([fiftyThousandViewers.viewers, fiftyThousandViewers.bidsPerSecond, fiftyThousandViewers.chatPerSecond]).toEqual([50_000, 10_000, 5_000]);
  });

  it('keeps every service, and every sized function’s instances against terraform’s max_instances, within 80 % at the peak', async () => {
    const tf = await loadTerraform();
    const functions = asObject(tf.locals.functions, 'local.functions');
    const guard = Number(tf.variables.get('max_instances')?.default);
    const terraformMax = (name: string) => {
      const fn = functions[name];
      return isObject(fn) && fn.max_instances !== undefined ? Number(fn.max_instances) : guard;
    };
    const loads = bigShowLoads(measured.auction, measured.lot, measured.races, sizing, terraformMax, measured.shards);
    expect(loads.filter((l) => l.what.startsWith('Cloud Run instances')).map((l) => l.limit)).toEqual(sizing.map((f) => terraformMax(f.name)));
    expect(overHeadroom(loads)).toEqual([]);
  });

  it('loads the lot’s database with its modelled bid scripts and the measured rest of its channel, the first with what belongs to no channel, and both when the channel hashes to the first', () => {
    const loads = bigShowLoads(measured.auction, measured.lot, measured.races, sizing, () => 1_000, measured.shards);
    const split = bookSplit(measured.shards);
    const upstash = loads.filter((l) => l.limitName === 'upstashCommandsPerSecond').map((l) => l.atPeak);
    const [lot, first, lotOnFirst, elsewhere, lastSeconds] = upstashRows.map((name) => upstash[upstashRows.indexOf(name)] as number);
    expect(upstash).toHaveLength(upstashRows.length);
    expect(lot).toBeCloseTo(
      lotDatabaseLoad(measured.auction, measured.lot, sizing).commandsPerSecond + 10_000 * split.lotBeyondBidsPerBid + 5_000 * split.lotBeyondBidsPerChat,
      6,
    );
    expect(first).toBeCloseTo(15_000 * split.firstPerRequest, 6);
    expect(lotOnFirst).toBeCloseTo((lot as number) + (first as number), 6);
    expect(elsewhere).toBeCloseTo(15_000 * split.idlePerRequest, 6);
    expect(lastSeconds).toBeCloseTo((lotOnFirst as number) + finalCallReads(sizing, measured.shards).commandsPerSecond, 6);
    expect(oneDatabaseHoldsTheShow(loads)).toBe(true);
    const heavierFirst = loads.map((l) => (l.what.includes('hashes to the first') ? { ...l, atPeak: 0.81 * limits.upstashCommandsPerSecond.value } : l));
    expect(oneDatabaseHoldsTheShow(heavierFirst)).toBe(false);
  });

  it('counts a lot’s last seconds with chat at one final-call read per chatBids instance and round trip, where a read a chat bid would be above 80 %', () => {
    const shared = finalCallReads(sizing, measured.shards);
    const unshared = finalCallReads(sizing, measured.shards, false);
    expect(shared.readsPerSecond).toBeLessThan(fiftyThousandViewers.chatPerSecond / 5);
    expect(unshared.readsPerSecond).toBeCloseTo(fiftyThousandViewers.chatPerSecond, 6);
    const loads = bigShowLoads(measured.auction, measured.lot, measured.races, sizing, () => 1_000, measured.shards);
    const lotOnFirst = loads.filter((l) => l.limitName === 'upstashCommandsPerSecond')[upstashRows.indexOf('lotOnFirst')]?.atPeak ?? 0;
    expect(lotOnFirst + shared.commandsPerSecond).toBeLessThanOrEqual(0.8 * limits.upstashCommandsPerSecond.value);
    expect(lotOnFirst + unshared.commandsPerSecond).toBeGreaterThan(0.8 * limits.upstashCommandsPerSecond.value);
  });

  it('GIVEN terraform’s instance ceiling of the Discord ingress at 10 THEN its 9 needed instances are found above 80 %', () => {
    const loads = bigShowLoads(measured.auction, measured.lot, measured.races, sizing, (name) => (name === 'discordInteractions' ? 10 : 20), measured.shards);
    expect(overHeadroom(loads)).toEqual([expect.stringMatching(/^Cloud Run instances of discordInteractions \(9 needed\): 90 % of its limit/)]);
  });

  it('GIVEN the 4 ms gathering window the herds were measured at THEN the live lot’s database is above 80 %: the 40 ms default is what keeps it within', () => {
    const atFourMs = lotDatabaseLoad(measured.auction, measured.lot, sizing, 4);
    const designed = lotDatabaseLoad(measured.auction, measured.lot, sizing);
    expect(atFourMs.commandsPerSecond).toBeGreaterThan(headroomShare * limits.upstashCommandsPerSecond.value);
    expect(designed.commandsPerSecond).toBeLessThanOrEqual(headroomShare * limits.upstashCommandsPerSecond.value);
    expect(bigShowBook.gatherWindowMs).toBe(40);
    expect(bigShowBook.gatherWindowMs).toBe(bidGatherMs);
  });

  it('can be deployed: terraform’s bid_gather_ms takes the model’s window, and hands it to the functions as C500_BID_GATHER_MS', async () => {
    const tf = await loadTerraform();
    const variable = tf.variables.get('bid_gather_ms');
    const validation = JSON.stringify(variable?.validation);
    expect(validation).toContain('var.bid_gather_ms <= 100');
    expect(bigShowBook.gatherWindowMs).toBeLessThanOrEqual(100);
    expect(JSON.stringify(tf.locals)).toContain('"C500_BID_GATHER_MS":"${tostring(var.bid_gather_ms)}"');
    expect(Number(variable?.default)).toBe(bigShowBook.gatherWindowMs);
  });

  it('counts a lot’s calls as each instance’s bids over its batch, a batch the cycle’s bids up to 64', () => {
    const load = lotDatabaseLoad(measured.auction, measured.lot, sizing);
    for (const part of load.parts) {
      expect(part.bidsPerCall).toBe(Math.min(64, Math.max(1, (part.perInstance * load.cycleMs) / 1000)));
      expect(part.calls).toBeCloseTo((part.instances * part.perInstance) / part.bidsPerCall, 6);
    }
    expect(load.commandsPerSecond).toBeCloseTo(
      load.parts.reduce((sum, p) => sum + p.calls * commandsPerCall(measured.lot, p.bidsPerCall), 0),
      6,
    );
  });

  it('takes a gathering cycle as the window and the larger of the round trip’s mean and what the measured run shows beyond the window it ran with', () => {
    const rtt = meanMs(productionLatency['upstash.command']);
    const run = measured.auction.runs.find((r) => r.chatPerSecond > 0)!;
    const beyond = 1000 / run.usage!.redisScriptCalls / ((run.bidsPerSecond + run.chatPerSecond) / 2) - 4;
    expect(gatheringCycleMs(measured.auction, 40)).toBeCloseTo(40 + Math.max(rtt, beyond), 6);
    const slowCalls = { ...measured.auction, runs: [{ ...run, usage: { ...run.usage!, redisScriptCalls: 0.01 } }] };
    expect(gatheringCycleMs(slowCalls, 40)).toBeCloseTo(40 + (1000 / 0.01 / 1000 - 4), 6);
  });

  it('prices a call by the measured batch at or above its size, never less than a smaller batch cost', () => {
    const lot: LotRecord = {
      measuredAt: 'x',
      command: 'x',
      batches: [
        { bidsPerCall: 1, commandsPerCall: 6, commandsPerBid: 6 },
        { bidsPerCall: 4, commandsPerCall: 15, commandsPerBid: 3.75 },
        { bidsPerCall: 64, commandsPerCall: 12, commandsPerBid: 0.19 },
      ],
    };
    expect(commandsPerCall(lot, 1)).toBe(6);
    expect(commandsPerCall(lot, 2)).toBe(15);
    expect(commandsPerCall(lot, 30)).toBe(15);
    expect(commandsPerCall(lot, 100)).toBe(15);
  });
});
