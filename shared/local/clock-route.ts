/**
 * @module clock-route
 * `POST /_local/clock` with `{"advanceMs": <n>}`: the local runtime's clock moves forward in
 * every process, then what fell due runs (the task queue's tasks whose time has come, and
 * each scheduled function whose period passed, such as the sweeps), until nothing more is
 * due. `GET /_local/clock` says where it stands and when the next waiting task comes due, so
 * a person (the playground's **Next task**) can skip straight to it. Local only: the runtime
 * mounts it, production has no such route.
 */
import type express from 'express';
import type { LocalTaskQueue } from './cloud-tasks/task-queue';
import { readAdvance, offsetOf, type LocalClock } from './local-clock';
import type { FunctionProcess } from './function-process';
import type { Scheduler } from './scheduler';

export interface ClockControl {
  clock: LocalClock;
  processes: () => readonly FunctionProcess[];
  tasks: LocalTaskQueue;
  scheduler: () => Scheduler | undefined;
  /** Waits until what ran has finished its messages and tasks. */
  settle: () => Promise<void>;
}

/** `moved` hears each move once what fell due has run (the playground redraws its relative times from it). */
export function mountClockRoute(app: express.Express, control: ClockControl, moved: () => void = () => undefined): void {
  app.get('/_local/clock', (_req, res) => {
    const now = control.clock.now().getTime();
    const next = control.tasks.nextDue();
    res.json({
      now: new Date(now).toISOString(),
      offsetMs: offsetOf(control.clock),
      nextTask: next ? { queue: next.queue, name: next.name, at: new Date(next.atMs).toISOString(), inMs: next.atMs - now } : null,
    });
  });
  app.post('/_local/clock', async (req, res) => {
    const read = readAdvance(Buffer.isBuffer(req.body) ? req.body : undefined);
    if (!read.ok) return void res.status(400).json({ error: read.problem });
    control.clock.advance(read.advanceMs);
    await Promise.all(control.processes().map((p) => p.setClockOffset(offsetOf(control.clock))));
    let tasksRun = 0;
    const scheduledRun: string[] = [];
    // A sweep may schedule a task that is already due, and a task may publish: until quiet.
    for (let round = 0; round < 10; round++) {
      const ran = await control.tasks.runDueNow();
      const due = (await control.scheduler()?.runDue()) ?? [];
      await control.settle();
      tasksRun += ran;
      scheduledRun.push(...due);
      if (ran === 0 && due.length === 0) break;
    }
    moved();
    res.json({ now: control.clock.now().toISOString(), offsetMs: offsetOf(control.clock), tasksRun, scheduledRun });
  });
}
