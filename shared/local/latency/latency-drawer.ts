/**
 * @module latency-drawer
 * Draws how long one call on an edge waits, from the profile's log-normal through the
 * edge's p50 and p99: half the calls wait under p50, one in a hundred over p99, and the
 * tail is long, as a network's is. Each edge draws from a stream of its own, named after
 * the process too, so one seed replays the same waits.
 */
import { seededStream } from '../seeded-stream';
import type { EdgeLatency, LatencyEdge, LatencyProfile } from './latency-profile';

/** The standard normal's 99th percentile: how many σ lie between a log-normal's median and its p99. */
const z99 = 2.326_347_874;

/** The σ of the log-normal through an edge's p50 and p99 (its μ is ln p50). */
export function logNormalSigma({ p50Ms, p99Ms }: EdgeLatency): number {
  return Math.log(Math.max(p99Ms, p50Ms) / p50Ms) / z99;
}

/** The wait at a normal draw `z`: p50·(p99/p50)^(z/z99), so z = 0 is the p50 and z = z99 the p99. */
export function waitAt(edge: EdgeLatency, z: number): number {
  return edge.p50Ms * Math.exp(logNormalSigma(edge) * z);
}

export class LatencyDrawer {
  private readonly streams = new Map<LatencyEdge, () => number>();

  constructor(
    readonly profile: LatencyProfile,
    private readonly streamName: string,
  ) {}

  /** How long this call waits, in whole milliseconds. */
  drawMs(edge: LatencyEdge): number {
    return Math.round(waitAt(this.profile.edges[edge], this.normal(edge)));
  }

  /** Waits as one call on `edge` would. */
  wait(edge: LatencyEdge): Promise<void> {
    const ms = this.drawMs(edge);
    return ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** A standard normal draw (Box–Muller) from the edge's stream. */
  private normal(edge: LatencyEdge): number {
    let next = this.streams.get(edge);
    if (!next) {
      next = seededStream(`latency/${this.profile.seed}/${this.streamName}/${edge}`);
      this.streams.set(edge, next);
    }
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  }
}
