import { clockSkewOf } from '../../../../shared/local/faults/clock-skew';
import { FaultInjector } from '../../../../shared/local/faults/fault-injector';
import { clockSkewMaxMs, readFaultPlan } from '../../../../shared/local/faults/fault-plan';

const skewOf = (spec: string, process: string) => {
  const plan = readFaultPlan(spec);
  return clockSkewOf(plan ? new FaultInjector(plan, process) : undefined);
};

describe('clock.skew, a function process’s clock off by a seeded amount', () => {
  it('puts each process’s clock off by at most 500 ms either way, some ahead and some behind', () => {
    const skews = Array.from({ length: 40 }, (_, i) => skewOf('clock.skew=100%, seed=1', `workers#${i}`));
    expect(skews.every((ms) => Math.abs(ms) <= clockSkewMaxMs)).toBe(true);
    expect(skews.some((ms) => ms > 0)).toBe(true);
    expect(skews.some((ms) => ms < 0)).toBe(true);
  });

  it('draws the same skew for the same seed and process, another for another seed', () => {
    expect(skewOf('clock.skew=100%, seed=1', 'ingress#0')).toBe(skewOf('clock.skew=100%, seed=1', 'ingress#0'));
    const bySeed = Array.from({ length: 10 }, (_, seed) => skewOf(`clock.skew=100%, seed=${seed + 1}`, 'ingress#0'));
    expect(new Set(bySeed).size).toBeGreaterThan(1);
  });

  it('leaves the clock alone with no faults, or with the kind off', () => {
    expect(clockSkewOf(undefined)).toBe(0);
    expect(skewOf('clock.skew=0%, seed=1', 'workers#0')).toBe(0);
  });
});
