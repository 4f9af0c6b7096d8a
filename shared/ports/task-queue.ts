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
  /**
   * The W3C `traceparent` its run continues, sent as that header. Taken from the work that
   * schedules it when not given; given by a caller in another process (the local runtime's).
   */
  traceparent?: string;
}

export interface TaskQueue {
  schedule(task: ScheduledTask): Promise<'scheduled' | 'already-scheduled'>;
  /** Answers false when there was no such task waiting. */
  cancel(queue: string, name: string): Promise<boolean>;
}
