/**
 * @module clock-skew
 * `clock.skew`: a function process's clock runs off by a seeded amount, at most
 * `clockSkewMaxMs` ahead or behind, as the clocks of two machines differ. Drawn once per
 * process (each incarnation its own stream), so a process keeps its skew while it lives.
 */
import type { FaultInjector } from './fault-injector';
import { clockSkewMaxMs } from './fault-plan';

export function clockSkewOf(faults: FaultInjector | undefined): number {
  return faults?.roll('clock.skew') ? faults.between('clock.skew', -clockSkewMaxMs, clockSkewMaxMs) : 0;
}
