/**
 * A gathering scheduler the test drives: a window ends when the test says so, never because
 * time passed, so which calls share a batch cannot depend on the machine's speed.
 */
import type { GatheringScheduler } from '../../shared/adapters/upstash/gathering';

export interface ManualScheduler extends GatheringScheduler {
  /** The windows armed and neither ended nor cancelled. */
  pending(): number;
  /** Ends every window armed so far. */
  endWindows(): void;
  /** The length each window was armed for, in the order they were armed. */
  armedMs: number[];
}

export function manualScheduler(): ManualScheduler {
  let windows: Array<{ fire(): void; live: boolean }> = [];
  const armedMs: number[] = [];
  return {
    armedMs,
    after(ms, fire) {
      const window = { fire, live: true };
      windows.push(window);
      armedMs.push(ms);
      return { cancel: () => void (window.live = false) };
    },
    pending: () => windows.filter((w) => w.live).length,
    endWindows() {
      const due = windows.filter((w) => w.live);
      windows = [];
      for (const w of due) {
        w.live = false;
        w.fire();
      }
    },
  };
}
