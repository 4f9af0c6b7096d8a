import { shardOf } from '../rules/shards';

describe('the shard a counter write goes to', () => {
  it('is the same for the same key every time, so a retried write lands where the first one did', () => {
    for (const key of ['evt_1NqA7x2eZvKYlo2C', 'k3v9m2qa', 'race:r1']) expect(shardOf(key, 10)).toBe(shardOf(key, 10));
  });

  it('stays where counters already stored were split by it, release after release', () => {
    expect(shardOf('evt_1NqA7x2eZvKYlo2C', 10)).toBe(4);
    expect(shardOf('pi_3Pz0000000000001', 10)).toBe(8);
  });

  it('is a whole shard number from 0 to one less than the count, and keys spread over every shard', () => {
    const count = 4;
    const shards = Array.from({ length: 200 }, (_, i) => shardOf(`order-${i}`, count));
    for (const shard of shards) {
      expect(Number.isInteger(shard)).toBe(true);
      expect(shard).toBeGreaterThanOrEqual(0);
      expect(shard).toBeLessThan(count);
    }
    expect(new Set(shards).size).toBe(count);
  });

  it('is always the only shard when a counter has one', () => {
    expect(shardOf('k3v9m2qa', 1)).toBe(0);
    expect(shardOf('evt_1NqA7x2eZvKYlo2C', 1)).toBe(0);
  });
});
