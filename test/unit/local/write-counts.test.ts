/**
 * The embedded store's write counts, which the benchmarks read for the capacity model: the
 * busiest second shows a burst, the sustained rate shows a document written every second.
 */
import { WriteCounts, sustainedWindowSeconds } from '../../../shared/local/firestore/write-counts';

describe('the write counts of each document', () => {
  it('shows a document written once at a tenth of a write a second sustained, and one in its busiest second', () => {
    const counts = new WriteCounts();
    counts.count('a/once', 100);
    expect(counts.hottest(5)).toEqual([{ path: 'a/once', writes: 1, peakPerSecond: 1, sustainedPerSecond: 1 / sustainedWindowSeconds }]);
  });

  it('shows a document written once every second for longer than the window at one write a second sustained', () => {
    const counts = new WriteCounts();
    for (let second = 0; second < 3 * sustainedWindowSeconds; second++) counts.count('a/steady', second);
    expect(counts.hottest(1)[0]).toMatchObject({ writes: 30, peakPerSecond: 1, sustainedPerSecond: 1 });
  });

  it('shows a document written four times every five seconds at 0.8 a second sustained', () => {
    const counts = new WriteCounts();
    for (let second = 0; second < 40; second++) if (second % 5 !== 4) counts.count('a/spaced', second);
    expect(counts.hottest(1)[0]).toMatchObject({ peakPerSecond: 1, sustainedPerSecond: 0.8 });
  });

  it('shows a burst in its busiest second and spreads it over the window in the sustained rate', () => {
    const counts = new WriteCounts();
    for (let i = 0; i < 50; i++) counts.count('a/burst', 7);
    counts.count('a/burst', 8);
    counts.count('a/burst', 7 + sustainedWindowSeconds);
    expect(counts.hottest(1)[0]).toMatchObject({ writes: 52, peakPerSecond: 50, sustainedPerSecond: 51 / sustainedWindowSeconds });
  });

  it('lists the most written first and forgets everything when cleared', () => {
    const counts = new WriteCounts();
    counts.count('a/cold', 1);
    counts.count('a/hot', 1);
    counts.count('a/hot', 2);
    expect(counts.hottest(5).map((d) => d.path)).toEqual(['a/hot', 'a/cold']);
    counts.clear();
    expect(counts.hottest(5)).toEqual([]);
  });
});
