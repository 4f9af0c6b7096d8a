/**
 * @module fault-injector
 * Makes a fault plan's decisions: "does this call fail?" and, when it does, "how?" (a
 * retry_after, a delay). Each kind draws from a seeded stream of its own, named after the
 * process that draws it too, so one seed replays the same faults and a process restarted
 * after a crash does not replay the faults of the one before it in lockstep.
 */
import { faultKinds, type FaultKind, type FaultPlan } from './fault-plan';
import { seededStream } from '../seeded-stream';

export type FaultCounts = Partial<Record<FaultKind, number>>;

export class FaultInjector {
  private readonly streams = new Map<string, () => number>();
  private readonly injected: FaultCounts = {};

  constructor(
    readonly plan: FaultPlan,
    private readonly streamName: string,
    /** Told of each fault injected: a process of its own reports them to the runtime, which keeps the count. */
    private readonly onInjected: (kind: FaultKind) => void = () => undefined,
  ) {}

  /** Whether this call gets the fault; counted when it does. */
  roll(kind: FaultKind): boolean {
    const rate = this.plan.rates[kind] ?? 0;
    if (rate <= 0) return false;
    const hit = this.draw(kind) < rate;
    if (hit) {
      this.injected[kind] = (this.injected[kind] ?? 0) + 1;
      this.onInjected(kind);
    }
    return hit;
  }

  /** A whole number from `min` to `max`, from the fault's own stream of choices (not counted). */
  between(kind: FaultKind, min: number, max: number): number {
    return min + Math.floor(this.draw(`${kind}#how`) * (max - min + 1));
  }

  /** Whether any of the kinds may happen at all. */
  covers(...kinds: FaultKind[]): boolean {
    return kinds.some((kind) => (this.plan.rates[kind] ?? 0) > 0);
  }

  counts(): FaultCounts {
    return { ...this.injected };
  }

  private draw(stream: string): number {
    let next = this.streams.get(stream);
    if (!next) {
      next = seededStream(`${this.plan.seed}/${this.streamName}/${stream}`);
      this.streams.set(stream, next);
    }
    return next();
  }
}

/** Adds counts from several processes together, every kind listed (zero when none was injected). */
export function totalFaultCounts(parts: Iterable<FaultCounts>): Record<FaultKind, number> {
  const total = Object.fromEntries(Object.keys(faultKinds).map((kind) => [kind, 0])) as Record<FaultKind, number>;
  for (const part of parts) for (const [kind, n] of Object.entries(part) as Array<[FaultKind, number]>) total[kind] += n;
  return total;
}
