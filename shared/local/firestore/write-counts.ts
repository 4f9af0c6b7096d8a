/**
 * @module write-counts
 * How often each document of the embedded store was written, in all and in its busiest
 * second (wall-clock): Firestore sustains about one write a second on one document, so a
 * burst test or benchmark reads the hottest documents to catch one that would be hot.
 */

/** How often one document was written, in all and in its busiest second. */
export interface DocumentWrites {
  path: string;
  writes: number;
  peakPerSecond: number;
}

interface WriteCount {
  writes: number;
  second: number;
  inSecond: number;
  peakPerSecond: number;
}

export class WriteCounts {
  private readonly counts = new Map<string, WriteCount>();

  count(path: string, second: number): void {
    const count = this.counts.get(path) ?? { writes: 0, second, inSecond: 0, peakPerSecond: 0 };
    if (count.second !== second) Object.assign(count, { second, inSecond: 0 });
    count.writes++;
    count.inSecond++;
    count.peakPerSecond = Math.max(count.peakPerSecond, count.inSecond);
    this.counts.set(path, count);
  }

  /** The most written documents, most writes first. */
  hottest(limit: number): DocumentWrites[] {
    return [...this.counts.entries()]
      .map(([path, c]) => ({ path, writes: c.writes, peakPerSecond: c.peakPerSecond }))
      .sort((a, b) => b.writes - a.writes || (a.path < b.path ? -1 : 1))
      .slice(0, limit);
  }

  clear(): void {
    this.counts.clear();
  }
}
