/**
 * @module task-queue
 * Cloud Tasks as the functions see it: a named task at a time, to an HTTP target.
 */
export interface ScheduledTask {
  queue: string;
  /** Tasks are deduplicated by name: scheduling a name twice schedules it once. */
  name: string;
  /** The route of the HTTP function that receives the task, for example `/tasks/auction-close`. */
  target: string;
  payload: unknown;
  runAt: Date;
}

export interface TaskQueue {
  schedule(task: ScheduledTask): Promise<'scheduled' | 'already-scheduled'>;
  /** Answers false when there was no such task waiting. */
  cancel(queue: string, name: string): Promise<boolean>;
}
