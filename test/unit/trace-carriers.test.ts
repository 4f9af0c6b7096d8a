/**
 * Every carrier of a trace, on its own: the publishers put the current span in the message's
 * `googclient_traceparent` attribute, the task queues in the task's `traceparent` header, and
 * the triggers make the work they run a child span of what they were handed.
 */
import type { Request, Response } from '@google-cloud/functions-framework';
import { PubSubClientPublisher, type PublishingTopic } from '../../shared/adapters/pubsub/pubsub-client-publisher';
import { PubSubRestPublisher } from '../../shared/adapters/pubsub/pubsub-rest-publisher';
import { CloudTasksQueue, type CloudTasksApi } from '../../shared/adapters/cloud-tasks/cloud-tasks-queue';
import { LocalEventBus, pubsubMessage } from '../../shared/local/pubsub/event-bus';
import { LocalTaskQueue } from '../../shared/local/cloud-tasks/task-queue';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { grantedTaskQueue } from '../../shared/local/grants';
import { httpFunction } from '../../shared/triggers/http-trigger';
import { pubsubFunction } from '../../shared/triggers/pubsub-trigger';
import { currentSpan, nameTraceEvent, parseTraceparent, runInTrace, type CurrentSpan, type SpanContext } from '../../shared/trace-context';
import { log } from '../../shared/log';
import type { PubSubCloudEvent, ScheduledTask, TaskQueue } from '../../shared/ports';

const caller = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
const span: SpanContext = parseTraceparent(caller)!;
const inCallerSpan = <T>(work: () => T) => runInTrace(span, 'stripeWebhook', work);
const task: ScheduledTask = { queue: 'auction-close', name: 'close-a1', target: '/tasks/auction-close', payload: {}, runAt: new Date(Date.now() + 60_000) };

afterEach(() => jest.restoreAllMocks());

describe('the publishers', () => {
  it('GIVEN work in a trace THEN the gRPC client’s message carries googclient_traceparent beside its own attributes', async () => {
    const published: Array<{ attributes?: Record<string, string> }> = [];
    const topic: PublishingTopic = { publishMessage: async (m) => (published.push(m), 'id-1'), resumePublishing: () => undefined };
    const publisher = new PubSubClientPublisher({ pubsub: { topic: () => topic } });
    await inCallerSpan(() => publisher.publish('stripe-events', {}, { attributes: { eventId: 'evt_1' } }));
    expect(published[0]?.attributes).toEqual({ eventId: 'evt_1', googclient_traceparent: caller });
  });

  it('GIVEN work in a trace THEN the REST publisher’s message carries googclient_traceparent', async () => {
    const bodies: string[] = [];
    jest.spyOn(globalThis, 'fetch').mockImplementation(async (_url, init) => {
      bodies.push(String(init?.body));
      return new Response(JSON.stringify({ messageIds: ['m-1'] }), { status: 200 });
    });
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: '127.0.0.1:1' });
    await inCallerSpan(() => publisher.publish('auction-bids', { bid: 1 }));
    expect(JSON.parse(bodies[0]!).messages[0].attributes).toEqual({ googclient_traceparent: caller });
  });

  it('GIVEN work outside a trace THEN a message carries no trace attribute', () => {
    expect(pubsubMessage({}, { attributes: { eventId: 'evt_1' } }).attributes).toEqual({ eventId: 'evt_1' });
  });

  it('GIVEN the local bus THEN the subscriber is handed the publisher’s trace in the message', async () => {
    const bus = new LocalEventBus({ projectId: 'c500-test' });
    const seen: Array<string | undefined> = [];
    bus.subscribe('stripe-events', 'stripe-events-sub', async (event) => void seen.push(event.data.message.attributes?.googclient_traceparent), {
      maxDeliveryAttempts: 1,
    });
    await inCallerSpan(() => bus.publish('stripe-events', {}));
    await bus.idle();
    expect(seen).toEqual([caller]);
  });
});

describe('the task queues', () => {
  it('GIVEN Cloud Tasks THEN the task’s HTTP request carries the traceparent header', async () => {
    const created: Array<Parameters<CloudTasksApi['createTask']>[0]> = [];
    const client: CloudTasksApi = {
      queuePath: (p, l, q) => `projects/${p}/locations/${l}/queues/${q}`,
      taskPath: (p, l, q, t) => `projects/${p}/locations/${l}/queues/${q}/tasks/${t}`,
      createTask: async (request) => void created.push(request),
      deleteTask: async () => undefined,
    };
    const queue = new CloudTasksQueue({ projectId: 'p', location: 'l', tasksBaseUrl: 'https://f.example', invokerServiceAccount: 'i@p', client });
    await inCallerSpan(() => queue.schedule(task));
    expect(created[0]?.task?.httpRequest?.headers).toEqual({ 'Content-Type': 'application/json', traceparent: caller });
  });

  it('GIVEN the local queue THEN a task’s run is sent the scheduler’s traceparent, even after it was kept and re-armed', async () => {
    const headers: Array<Record<string, string>> = [];
    const store = new LocalDocumentStore();
    const deliver = async (_target: string, _body: string, sent: Record<string, string>) => (headers.push(sent), 200);
    const before = new LocalTaskQueue({ store, deliver, maxAttempts: () => 1 });
    await inCallerSpan(() => before.schedule(task));
    before.close();
    // A runtime started again on the same store arms what was waiting, outside any trace.
    const after = new LocalTaskQueue({ store, deliver, maxAttempts: () => 1, clock: { now: () => new Date(Date.now() + 120_000) } });
    await after.rearm();
    await after.runDueNow();
    expect(headers[0]?.traceparent).toBe(caller);
    after.close();
  });

  it('GIVEN a queue across a process boundary THEN the function’s side takes the traceparent before the call crosses', async () => {
    const handed: ScheduledTask[] = [];
    const remote: TaskQueue = { schedule: async (t) => (handed.push(t), 'scheduled'), cancel: async () => false };
    const granted = grantedTaskQueue({ name: 'auctionBids', publishes: [], schedules: ['auction-close'], cancels: [] } as never, remote);
    await inCallerSpan(() => granted.schedule(task));
    expect(handed[0]?.traceparent).toBe(caller);
  });
});

describe('the triggers', () => {
  const request = (headers: Record<string, string>) => ({ get: (name: string) => headers[name.toLowerCase()], headers }) as unknown as Request;
  const response = () => ({ writeHead: () => undefined, end: () => undefined }) as unknown as Response;

  it('GIVEN a valid traceparent THEN an HTTP function runs in a child span of it, and names its event in one answered line', async () => {
    const info = jest.spyOn(log, 'info').mockImplementation(() => undefined);
    let seen: CurrentSpan | undefined;
    const fn = httpFunction('discordInteractions', async () => {
      seen = currentSpan();
      nameTraceEvent({ interactionId: '123' });
      return { status: 200, json: {} };
    });
    await fn(request({ traceparent: caller }), response());
    expect(seen).toMatchObject({ traceId: span.traceId, parentSpanId: span.spanId, function: 'discordInteractions' });
    expect(info).toHaveBeenCalledWith('answered', expect.objectContaining({ function: 'discordInteractions', status: 200, interactionId: '123' }));
  });

  it('GIVEN a malformed traceparent THEN an HTTP function runs in a fresh trace and answers as ever', async () => {
    let seen: CurrentSpan | undefined;
    const fn = httpFunction('stripeWebhook', async () => ((seen = currentSpan()), { status: 200, text: 'ok' }));
    await fn(request({ traceparent: '00-nonsense' }), response());
    expect(seen?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(seen?.parentSpanId).toBeUndefined();
  });

  it('GIVEN a message with googclient_traceparent THEN the subscriber runs in a child span of the publisher’s', async () => {
    jest.spyOn(log, 'info').mockImplementation(() => undefined);
    let seen: CurrentSpan | undefined;
    const event = {
      data: { message: { messageId: 'm-1', data: '', attributes: { googclient_traceparent: caller } }, subscription: 's', deliveryAttempt: 1 },
    } as unknown as PubSubCloudEvent;
    await pubsubFunction('stripeEvents', async () => void (seen = currentSpan()))(event);
    expect(seen).toMatchObject({ traceId: span.traceId, parentSpanId: span.spanId, function: 'stripeEvents' });
    expect(seen?.spanId).not.toBe(span.spanId);
  });
});
