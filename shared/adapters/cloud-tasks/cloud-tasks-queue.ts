/**
 * @module cloud-tasks-queue
 * Named tasks on Cloud Tasks: each is an HTTP POST of JSON to one of our HTTP functions
 * at its time, signed with an OIDC token of the invoker service account, so the target
 * can stay private. Cloud Tasks refuses a second task with a name it has seen, which is
 * what makes `schedule` idempotent.
 *
 * @example
 * const tasks = new CloudTasksQueue({ projectId, location: 'us-central1', tasksBaseUrl, invokerServiceAccount });
 * await tasks.schedule({ queue: 'auction-close', name: `close-${auctionId}`, target: '/tasks/auction-close', payload: { auctionId }, runAt });
 */
import { createHash } from 'node:crypto';
import type { protos } from '@google-cloud/tasks' with { 'resolution-mode': 'require' };
import type { ScheduledTask, TaskQueue } from '../../ports';
import { currentTraceparent, traceparentHeader } from '../../trace-context';

type CreateTaskRequest = protos.google.cloud.tasks.v2.ICreateTaskRequest;
type DeleteTaskRequest = protos.google.cloud.tasks.v2.IDeleteTaskRequest;

/** The part of `CloudTasksClient` used here, so tests can hand in a fake. */
export interface CloudTasksApi {
  queuePath(project: string, location: string, queue: string): string;
  taskPath(project: string, location: string, queue: string, task: string): string;
  createTask(request: CreateTaskRequest): Promise<unknown>;
  deleteTask(request: DeleteTaskRequest): Promise<unknown>;
}

export interface CloudTasksQueueOptions {
  projectId: string;
  location: string;
  /**
   * Where the HTTP functions are reached: a task's `target` route is appended to it, or,
   * when it holds `{function}`, that is replaced by the deployed name of the function
   * serving the route (each gen2 function is its own Cloud Run service and host).
   */
  tasksBaseUrl: string;
  /** The deployed name of the function that serves a task route. */
  functionForRoute?: (route: string) => string | undefined;
  /** Needs `roles/run.invoker` on the targets; Cloud Tasks mints the OIDC token as it. */
  invokerServiceAccount: string;
  client?: CloudTasksApi;
}

/** gRPC status codes, which google-gax errors carry in `code`. */
const notFound = 5;
const alreadyExists = 6;

export class CloudTasksQueue implements TaskQueue {
  private readonly client: CloudTasksApi;
  private readonly baseUrl: string;

  constructor(private readonly options: CloudTasksQueueOptions) {
    this.client = options.client ?? defaultClient(options.projectId);
    this.baseUrl = options.tasksBaseUrl.replace(/\/+$/, '');
  }

  private urlOf(route: string): string {
    return taskUrl(this.baseUrl, route, this.options.functionForRoute);
  }

  async schedule(task: ScheduledTask): Promise<'scheduled' | 'already-scheduled'> {
    const { projectId, location, invokerServiceAccount } = this.options;
    const url = this.urlOf(task.target);
    const runAtMs = task.runAt.getTime();
    const json = JSON.stringify(task.payload ?? null);
    // The run is a hop of the trace that scheduled it: Cloud Tasks sends our headers as given.
    const traceparent = task.traceparent ?? currentTraceparent();
    try {
      await this.client.createTask({
        parent: this.client.queuePath(projectId, location, task.queue),
        task: {
          name: this.client.taskPath(projectId, location, task.queue, taskId(task.name)),
          scheduleTime: { seconds: Math.floor(runAtMs / 1000), nanos: (runAtMs % 1000) * 1_000_000 },
          httpRequest: {
            httpMethod: 'POST',
            url,
            headers: { 'Content-Type': 'application/json', ...(traceparent ? { [traceparentHeader]: traceparent } : {}) },
            body: Buffer.from(json, 'utf8').toString('base64'),
            // Cloud Run checks that the token's audience is the service's own URL.
            oidcToken: { serviceAccountEmail: invokerServiceAccount, audience: new URL(url).origin },
          },
        },
      });
      return 'scheduled';
    } catch (error) {
      // The name is taken for about an hour after the task ran or was deleted, too.
      if (grpcCode(error) === alreadyExists) return 'already-scheduled';
      throw error;
    }
  }

  async cancel(queue: string, name: string): Promise<boolean> {
    const { projectId, location } = this.options;
    try {
      await this.client.deleteTask({ name: this.client.taskPath(projectId, location, queue, taskId(name)) });
      return true;
    } catch (error) {
      if (grpcCode(error) === notFound) return false;
      throw error;
    }
  }
}

/**
 * `require`, not `import`: the package's CommonJS build ships `.d.ts` (not `.d.cts`)
 * types inside a `"type": "module"` package, so TypeScript takes it for ESM and refuses
 * a static import from our CommonJS output (TS1479); types come in with
 * `resolution-mode: 'require'`. Loading it here also spares its ~270 ms import to
 * callers that inject a client.
 */
function defaultClient(projectId: string): CloudTasksApi {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only where no client is injected
  const { CloudTasksClient } = require('@google-cloud/tasks') as typeof import('@google-cloud/tasks', { with: { 'resolution-mode': 'require' } });
  return new CloudTasksClient({ projectId });
}

/** Where a task for `route` is delivered; its origin is also the OIDC token's audience, which the target checks. */
export function taskUrl(tasksBaseUrl: string, route: string, functionForRoute?: (route: string) => string | undefined): string {
  const base = tasksBaseUrl.replace(/\/+$/, '');
  if (!base.includes('{function}')) return `${base}${route}`;
  const name = functionForRoute?.(route);
  if (!name) throw new Error(`no task function serves ${route}: add it to shared/registry.ts`);
  return `${base.replace('{function}', name)}${route}`;
}

const maxTaskIdLength = 500;

/**
 * The Cloud Tasks id for one of our task names. Ids allow only letters, digits, `-` and
 * `_`, up to 500 characters. A hash of the original name leads, so names that differ only
 * in replaced characters (`a:b`, `a.b`) never share an id, and because Cloud Tasks asks
 * for well-spread id prefixes: sequential ones slow its duplicate lookup.
 */
export function taskId(name: string): string {
  if (name === '') throw new RangeError('a task needs a name');
  const hash = createHash('sha256').update(name, 'utf8').digest('hex').slice(0, 16);
  const readable = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return `${hash}-${readable}`.slice(0, maxTaskIdLength);
}

function grpcCode(error: unknown): unknown {
  return typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
}
