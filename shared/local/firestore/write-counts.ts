/**
 * @module write-counts
 * How often each document of the embedded store was written: in all, in its busiest second
 * (wall-clock), and at its busiest sustained rate (the most writes in any
 * `sustainedWindowSeconds` consecutive seconds, per second). Firestore sustains about one
 * write a second on one document: a burst shows in the busiest second, a document written
 * once every second for a while in the sustained rate (a document written once shows 0.1/s
 * there, not the 1/s of its busiest second).
 */

/** How often one document was written, in all, in its busiest second and at its busiest sustained rate. */
export interface DocumentWrites {
  path: string;
  writes: number;
  peakPerSecond: number;
  /** The most writes in any `sustainedWindowSeconds` consecutive seconds, per second. */
  sustainedPerSecond: number;
}

/** The window the sustained rate is taken over, in seconds. */
export const sustainedWindowSeconds = 10;

interface WriteCount {
  writes: number;
  second: number;
  inSecond: number;
  peakPerSecond: number;
  /** The second of each write in the last window, oldest first. */
  recent: number[];
  peakInWindow: number;
}

export class WriteCounts {
  private readonly counts = new Map<string, WriteCount>();

  count(path: string, second: number): void {
    const count = this.counts.get(path) ?? { writes: 0, second, inSecond: 0, peakPerSecond: 0, recent: [], peakInWindow: 0 };
    if (count.second !== second) Object.assign(count, { second, inSecond: 0 });
    count.writes++;
    count.inSecond++;
    count.peakPerSecond = Math.max(count.peakPerSecond, count.inSecond);
    count.recent.push(second);
    while ((count.recent[0] as number) <= second - sustainedWindowSeconds) count.recent.shift();
    count.peakInWindow = Math.max(count.peakInWindow, count.recent.length);
    this.counts.set(path, count);
  }

  /** The most written documents, most writes first. */
  hottest(limit: number): DocumentWrites[] {
    return [...this.counts.entries()]
      .map(([path, c]) => ({ path, writes: c.writes, peakPerSecond: c.peakPerSecond, sustainedPerSecond: c.peakInWindow / sustainedWindowSeconds }))
      .sort((a, b) => b.writes - a.writes || (a.path < b.path ? -1 : 1))
      .slice(0, limit);
  }

  clear(): void {
    this.counts.clear();
  }
}
