/**
 * The task trigger as Cloud Tasks meets it, through the local task queue that throttles as
 * Cloud Tasks does: an early task must be retried alone, never slow its whole queue.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { taskFunction, taskTooEarlyStatus } from '../../shared/triggers/task-trigger';
import { LocalTaskQueue, queueThrottlingStatuses } from '../../shared/local/cloud-tasks/task-queue';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { loadConfig } from '../../shared/config';
import { TaskNotDueYet } from '../../shared/errors';

const config = loadConfig({ C500_RUNTIME: 'local' });
const hour = 3_600_000;
const start = Date.parse('2026-11-22T12:00:00Z');

let server: Server;
let base: string;
const handled: string[] = [];
let earlyOnce = new Set<string>();

beforeAll(async () => {
  const app = express();
  app.use(express.json());
  // The hammer's handler: an auction named in earlyOnce is not due the first time it is asked.
  app.post(
    '/tasks/auction-close',
    taskFunction('auctionClose', config, async (req) => {
      const { auctionId } = req.body as { auctionId: string };
      handled.push(auctionId);
      if (earlyOnce.delete(auctionId)) throw new TaskNotDueYet(Date.now() + 500);
      return { status: 200, text: 'closed' };
    }),
  );
  server = await new Promise<Server>((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  handled.length = 0;
  earlyOnce = new Set();
});

describe('a task that reaches its target early', () => {
  it('is answered 425 Too Early, a status Cloud Tasks does not take as overload', async () => {
    earlyOnce.add('auc_early');
    const answer = await fetch(`${base}/tasks/auction-close`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"auctionId":"auc_early"}',
    });
    expect(answer.status).toBe(taskTooEarlyStatus);
    expect(queueThrottlingStatuses).not.toContain(answer.status);
  });

  it('holds back no other hammer of its queue: the next auction closes on time', async () => {
    let now = start;
    const tasks = new LocalTaskQueue({
      store: new LocalDocumentStore(),
      deliver: async (target, body, headers) => (await fetch(`${base}${target}`, { method: 'POST', body, headers })).status,
      maxAttempts: () => 5,
      clock: { now: () => new Date(now) },
      backoff: { minMs: 100, maxMs: 100 },
      throttle: { minMs: 10_000, maxMs: 60_000 },
    });
    earlyOnce.add('auc_1');
    const hammer = (auctionId: string, ms: number) => ({
      queue: 'auction-close',
      name: `hammer-${auctionId}-v0`,
      target: '/tasks/auction-close',
      payload: { auctionId },
      runAt: new Date(start + ms),
    });
    await tasks.schedule(hammer('auc_1', hour));
    await tasks.schedule(hammer('auc_2', hour + 1_000));

    now = start + hour;
    await tasks.runDueNow();
    now = start + hour + 1_000;
    await tasks.runDueNow();

    expect(handled.sort()).toEqual(['auc_1', 'auc_1', 'auc_2']);
    tasks.close();
  });
});
