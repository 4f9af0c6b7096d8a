/**
 * @module task-trigger
 * HTTP functions that Cloud Tasks calls. Cloud Run already refuses callers without
 * `run.invoker`; in production the function also checks the task's OIDC token itself (the
 * audience is its own URL, the signer our tasks invoker), so a mis-set IAM binding never
 * opens the hammer to the internet. Locally the in-process queue is the only caller.
 */
import type { HttpFunction, Request } from '@google-cloud/functions-framework';
import type { Config } from '../config';
import { queues, taskFunctionForRoute, timedFunction } from '../registry';
import { log } from '../log';
import { TaskNotDueYet } from '../errors';
import { taskUrl } from '../adapters/cloud-tasks/cloud-tasks-queue';
import { jsonOf } from '../common';
import { httpFunction, rawBodyOf, type HttpAnswer } from './http-trigger';

export type TaskCallerCheck = (req: Request) => Promise<boolean>;

/** Checks a Google-signed ID token's signature, issuer, expiry and audience: google-auth-library's OAuth2Client. */
export interface IdTokenVerifier {
  verifyIdToken(options: { idToken: string; audience: string }): Promise<{ getPayload(): { email?: string; email_verified?: boolean } | undefined }>;
}

export interface TaskFunctionOptions {
  /**
   * Makes the verifier, on the first call: an OAuth2Client with Google's signing keys
   * (https://www.googleapis.com/oauth2/v1/certs) unless a test hands one pointed at a
   * stand-in of those keys. Deliberately not settable from the environment.
   */
  idTokenVerifier?: () => IdTokenVerifier;
}

/**
 * A task that came before its time (clocks differ, or Cloud Tasks ran it a little early)
 * answers 425 Too Early: Cloud Tasks retries that task by its queue's back-off. A 503 or
 * 429 would tell Cloud Tasks the target is overloaded and slow the whole queue, every
 * other auction's hammer with it.
 */
export const taskTooEarlyStatus = 425;

/** A function Cloud Tasks or Cloud Scheduler calls: its route is the registry's, the one the tasks are sent to. */
export function taskFunction(name: string, config: Config, handle: (req: Request) => Promise<HttpAnswer>, options: TaskFunctionOptions = {}): HttpFunction {
  const { route } = timedFunction(name);
  const isOurQueue = config.runtime === 'gcp' ? oidcCheck(config, route, options.idTokenVerifier ?? googleIdTokenVerifier) : async () => true;
  return httpFunction(name, async (req) => {
    if (!(await isOurQueue(req))) return { status: 401, text: 'tasks only' };
    try {
      return await handle(req);
    } catch (error) {
      if (error instanceof TaskNotDueYet)
        return {
          status: taskTooEarlyStatus,
          text: error.message,
          headers: { 'retry-after': String(Math.max(1, Math.ceil((error.atMs - Date.now()) / 1000))) },
        };
      noteGivingUp(name, req);
      throw error;
    }
  });
}

function googleIdTokenVerifier(): IdTokenVerifier {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only task targets pay for loading it
  return new (require('google-auth-library') as typeof import('google-auth-library')).OAuth2Client();
}

function oidcCheck(config: Config, route: string, makeVerifier: () => IdTokenVerifier): TaskCallerCheck {
  const invoker = config.tasksInvokerServiceAccount;
  const audience = new URL(taskUrl(config.tasksBaseUrl, route, taskFunctionForRoute)).origin;
  let client: IdTokenVerifier | undefined;
  return async (req) => {
    const token = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    if (!token || !invoker) return false;
    try {
      client ??= makeVerifier();
      const ticket = await client.verifyIdToken({ idToken: token, audience });
      const claims = ticket.getPayload();
      return claims?.email === invoker && claims.email_verified === true;
    } catch (error) {
      log.warn('task caller refused', { route, error });
      return false;
    }
  };
}

/**
 * Cloud Tasks drops a task after its queue's last attempt and says nothing the product can
 * read: the last attempt's failure is logged as the task given up (`task.given-up`, counted
 * by terraform/metrics.tf). Cloud Tasks' retry count is the attempts before this one.
 */
function noteGivingUp(name: string, req: Request): void {
  const queue = req.get('x-cloudtasks-queuename');
  const maxAttempts = queues.find((q) => q.name === queue)?.maxAttempts;
  const attempt = Number(req.get('x-cloudtasks-taskretrycount') ?? Number.NaN) + 1;
  if (maxAttempts !== undefined && attempt >= maxAttempts) log.error('task given up', { event: 'task.given-up', function: name, queue, attempt });
}

/** What a task target answers when it has nothing to do: Cloud Tasks counts any 2xx as done. */
export const taskDone: HttpAnswer = { status: 204, text: '' };

/**
 * The payload of a task, read with the parser of the use case that scheduled it. Only our
 * code makes tasks, so one the parser refuses is a bug, never a visitor: it is logged as an
 * error (and so alerted on) before the task is acknowledged, since a retry of the same
 * bytes cannot succeed.
 */
export function taskPayload<T>(req: Request, parse: (payload: unknown) => T | undefined): T | undefined {
  const task = parse(jsonOf(rawBodyOf(req)));
  if (task === undefined)
    log.error('task payload refused: it is not what this function schedules', { path: req.path, body: rawBodyOf(req).toString('utf8').slice(0, 300) });
  return task;
}
