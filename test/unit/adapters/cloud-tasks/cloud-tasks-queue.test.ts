import { CloudTasksQueue, taskId, type CloudTasksApi } from '../../../../shared/adapters/cloud-tasks/cloud-tasks-queue';

type CreateRequest = Parameters<CloudTasksApi['createTask']>[0];
type DeleteRequest = Parameters<CloudTasksApi['deleteTask']>[0];

/** Records calls with the client's own path formats; `fail` makes the next call throw. */
class FakeTasksClient implements CloudTasksApi {
  readonly created: CreateRequest[] = [];
  readonly deleted: DeleteRequest[] = [];
  fail: { code: number } | undefined;

  queuePath(project: string, location: string, queue: string): string {
    return `projects/${project}/locations/${location}/queues/${queue}`;
  }
  taskPath(project: string, location: string, queue: string, task: string): string {
    return `${this.queuePath(project, location, queue)}/tasks/${task}`;
  }
  async createTask(request: CreateRequest): Promise<unknown> {
    this.throwIfFailing();
    this.created.push(request);
    return [request.task];
  }
  async deleteTask(request: DeleteRequest): Promise<unknown> {
    this.throwIfFailing();
    this.deleted.push(request);
    return [{}];
  }
  private throwIfFailing(): void {
    const failure = this.fail;
    this.fail = undefined;
    if (failure) throw Object.assign(new Error(`fake gRPC error ${failure.code}`), failure);
  }
}

const options = {
  projectId: 'c500-prod',
  location: 'us-central1',
  tasksBaseUrl: 'https://functions.c500.example/',
  invokerServiceAccount: 'tasks-invoker@c500-prod.iam.gserviceaccount.com',
};

const closeTask = {
  queue: 'auction-close',
  name: 'auction-close-a1',
  target: '/tasks/auction-close',
  payload: { auctionId: 'a1', guildId: 'g1' },
  runAt: new Date('2030-01-02T03:04:05.678Z'),
};

describe('CloudTasksQueue', () => {
  it('creates a named HTTP task with a base64 JSON body and an OIDC token for the target', async () => {
    const client = new FakeTasksClient();
    const queue = new CloudTasksQueue({ ...options, client });

    await expect(queue.schedule(closeTask)).resolves.toBe('scheduled');

    expect(client.created).toHaveLength(1);
    const [request] = client.created;
    const url = 'https://functions.c500.example/tasks/auction-close';
    expect(request).toEqual({
      parent: 'projects/c500-prod/locations/us-central1/queues/auction-close',
      task: {
        name: `projects/c500-prod/locations/us-central1/queues/auction-close/tasks/${taskId('auction-close-a1')}`,
        scheduleTime: { seconds: Date.parse('2030-01-02T03:04:05Z') / 1000, nanos: 678_000_000 },
        httpRequest: {
          httpMethod: 'POST',
          url,
          headers: { 'Content-Type': 'application/json' },
          body: expect.any(String),
          oidcToken: { serviceAccountEmail: options.invokerServiceAccount, audience: 'https://functions.c500.example' },
        },
      },
    });
    const body = request.task?.httpRequest?.body as string;
    expect(JSON.parse(Buffer.from(body, 'base64').toString('utf8'))).toEqual(closeTask.payload);
  });

  it('sends a task to the Cloud Run host of the function that serves its route when the base URL names {function}', async () => {
    const client = new FakeTasksClient();
    const queue = new CloudTasksQueue({
      ...options,
      client,
      tasksBaseUrl: 'https://{function}-123456.us-central1.run.app',
      functionForRoute: (route) => (route === '/tasks/auction-close' ? 'auction-close' : undefined),
    });
    await queue.schedule(closeTask);
    expect(client.created[0]?.task?.httpRequest).toMatchObject({
      url: 'https://auction-close-123456.us-central1.run.app/tasks/auction-close',
      oidcToken: { audience: 'https://auction-close-123456.us-central1.run.app' },
    });
    await expect(queue.schedule({ ...closeTask, name: 'other', target: '/tasks/nobody' })).rejects.toThrow(/no task function serves \/tasks\/nobody/);
  });

  it('answers already-scheduled when Cloud Tasks reports the name exists', async () => {
    const client = new FakeTasksClient();
    const queue = new CloudTasksQueue({ ...options, client });
    client.fail = { code: 6 };

    await expect(queue.schedule(closeTask)).resolves.toBe('already-scheduled');
  });

  it('rethrows other errors from createTask so the caller is retried', async () => {
    const client = new FakeTasksClient();
    const queue = new CloudTasksQueue({ ...options, client });
    client.fail = { code: 14 };

    await expect(queue.schedule(closeTask)).rejects.toMatchObject({ code: 14 });
  });

  it('cancels by deleting the task under the same id it was scheduled with', async () => {
    const client = new FakeTasksClient();
    const queue = new CloudTasksQueue({ ...options, client });

    await queue.schedule(closeTask);
    await expect(queue.cancel('auction-close', 'auction-close-a1')).resolves.toBe(true);

    expect(client.deleted).toEqual([{ name: client.created[0].task?.name }]);
  });

  it('answers false when cancelling a task Cloud Tasks does not have', async () => {
    const client = new FakeTasksClient();
    const queue = new CloudTasksQueue({ ...options, client });
    client.fail = { code: 5 };

    await expect(queue.cancel('auction-close', 'auction-close-missing')).resolves.toBe(false);
  });

  it('rethrows other errors from deleteTask', async () => {
    const client = new FakeTasksClient();
    const queue = new CloudTasksQueue({ ...options, client });
    client.fail = { code: 7 };

    await expect(queue.cancel('auction-close', 'auction-close-a1')).rejects.toMatchObject({ code: 7 });
  });
});

describe('taskId', () => {
  const allowed = /^[A-Za-z0-9_-]{1,500}$/;

  it('maps the same name to the same id every time', () => {
    expect(taskId('auction:close/a1@g1')).toBe(taskId('auction:close/a1@g1'));
  });

  it('keeps only letters, digits, hyphens and underscores', () => {
    for (const name of ['auction:close/a1', 'race window #3 ✨', 'a.b.c', '__', 'x'.repeat(2_000)]) {
      expect(taskId(name)).toMatch(allowed);
    }
  });

  it('gives different ids to names that differ only in replaced characters', () => {
    expect(taskId('a:b')).not.toBe(taskId('a.b'));
    expect(taskId('a:b')).not.toBe(taskId('a_b'));
  });

  it('gives different ids to long names that differ only past the length limit', () => {
    const prefix = 'y'.repeat(600);
    expect(taskId(`${prefix}1`)).not.toBe(taskId(`${prefix}2`));
  });

  it('keeps the name readable after a hash prefix', () => {
    expect(taskId('auction-close:a1')).toMatch(/^[0-9a-f]{16}-auction-close_a1$/);
  });
});
