/**
 * What a browser suite of the playground starts before its tests and closes after them: a
 * local runtime and Chromium. `open` opens the playground at a size and waits until it is
 * ready, as a person opening it does; `freshRuntime` gives a test an empty runtime of its own
 * (a newcomer's), closed with the suite.
 */
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage, type OpenedPage } from './browser';
import { startTestRuntime, type TestRuntime } from './local-runtime';
import { PlaygroundPage } from './playground';

export interface PlaygroundSuite {
  /** The suite's own runtime (shared by its tests). */
  runtime(): TestRuntime;
  browser(): Browser;
  freshRuntime(): Promise<TestRuntime>;
  /** Opens a page the suite closes, at a size, on the suite's runtime unless told another. */
  open(viewport: { width: number; height: number }, on?: TestRuntime): Promise<{ play: PlaygroundPage; opening: OpenedPage }>;
  /** A page the test opened itself, closed with the suite. */
  keep(opening: OpenedPage): void;
}

/** `sharedRuntime: false` for a suite whose every test starts on an empty runtime of its own. */
export function playgroundSuite(options: { sharedRuntime?: boolean } = {}): PlaygroundSuite {
  let shared: TestRuntime | undefined;
  let chromium: Browser | undefined;
  const runtimes: TestRuntime[] = [];
  const opened: OpenedPage[] = [];

  beforeAll(async () => {
    [shared, chromium] = await Promise.all([options.sharedRuntime === false ? undefined : startTestRuntime(), launchBrowser()]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(opened.map((o) => o.close()));
    await chromium?.close();
    await Promise.all([shared, ...runtimes].map((rt) => rt?.close()));
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (!value) throw new Error(`the suite's ${what} is not started: call playgroundSuite() at the top of the file`);
    return value;
  };

  return {
    runtime: () => started(shared, 'runtime'),
    browser: () => started(chromium, 'browser'),
    freshRuntime: async () => {
      const rt = await startTestRuntime();
      runtimes.push(rt);
      return rt;
    },
    open: async (viewport, on) => {
      const opening = await openPage(started(chromium, 'browser'), `${(on ?? started(shared, 'runtime')).url}/_local/play`, viewport);
      opened.push(opening);
      const play = new PlaygroundPage(opening.page);
      await play.ready();
      return { play, opening };
    },
    keep: (opening) => void opened.push(opening),
  };
}
