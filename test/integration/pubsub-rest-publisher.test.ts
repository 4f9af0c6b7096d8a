import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PubSubRestPublisher } from '../../shared/adapters/pubsub/pubsub-rest-publisher';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Google's error body for a status, as the REST surface answers it. */
const grpcStatusOf: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};
const googleError = (status: number) => ({ error: { code: status, status: grpcStatusOf[status] ?? 'UNKNOWN', message: 'from the stand-in' } });

/**
 * A stand-in for the Pub/Sub REST endpoint on 127.0.0.1: it answers what each test sets,
 * and can fail the first N publishes as Pub/Sub does in a blip (a status, or a dropped connection).
 */
function fakePubSub() {
  const received: Received[] = [];
  let answer: { status: number; body: unknown } | 'never' = { status: 200, body: { messageIds: ['4242'] } };
  let failures: Array<number | 'drop'> = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const failure = failures.shift();
      if (failure === 'drop') return void res.destroy();
      if (failure !== undefined) return void res.writeHead(failure, { 'Content-Type': 'application/json' }).end(JSON.stringify(googleError(failure)));
      if (answer === 'never') return setTimeout(() => res.destroy(), 2_000).unref();
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  return {
    received,
    answerWith(status: number, body: unknown) {
      answer = { status, body };
    },
    /** The next publishes fail this way, one each, in order; then the set answer. */
    failNext(...ways: Array<number | 'drop'>) {
      failures = ways;
    },
    neverAnswer() {
      answer = 'never';
    },
    async start(): Promise<string> {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `127.0.0.1:${(server.address() as AddressInfo).port}`;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A clock that moves only when the publisher sleeps (or a test moves it): no test waits for real. */
function fakeClock(startMs = 1_000_000) {
  let now = startMs;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const hour = 60 * 60 * 1000;

describe('PubSubRestPublisher', () => {
  const pubsub = fakePubSub();
  let host: string;

  beforeAll(async () => {
    host = await pubsub.start();
  });
  afterAll(() => pubsub.stop());
  beforeEach(() => {
    pubsub.received.length = 0;
    pubsub.failNext();
    pubsub.answerWith(200, { messageIds: ['4242'] });
  });

  it('posts one base64 JSON message with its attributes and ordering key to the emulator, without auth', async () => {
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: host });

    const messageId = await publisher.publish('live-commands', { command: 'live', guildId: 'g1' }, { attributes: { kind: 'interaction' }, orderingKey: 'g1' });

    expect(messageId).toBe('4242');
    expect(pubsub.received).toHaveLength(1);
    const [request] = pubsub.received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/v1/projects/c500-test/topics/live-commands:publish');
    expect(request.headers.authorization).toBeUndefined();
    expect(request.headers['content-type']).toBe('application/json');
    const body = JSON.parse(request.body) as { messages: Array<{ data: string; attributes?: Record<string, string>; orderingKey?: string }> };
    expect(body.messages).toHaveLength(1);
    const [message] = body.messages;
    expect(JSON.parse(Buffer.from(message.data, 'base64').toString('utf8'))).toEqual({ command: 'live', guildId: 'g1' });
    expect(message.attributes).toEqual({ kind: 'interaction' });
    expect(message.orderingKey).toBe('g1');
  });

  it('leaves attributes and the ordering key out when none are given', async () => {
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: host });

    await publisher.publish('auction-bids', { amount: 1200 });

    const body = JSON.parse(pubsub.received[0].body) as { messages: Array<Record<string, unknown>> };
    expect(Object.keys(body.messages[0])).toEqual(['data']);
  });

  it('sends a Bearer token from its token source when it talks to a real endpoint', async () => {
    const clock = fakeClock();
    const fetchAccessToken = jest.fn(async () => ({ token: 'ya29.test-token', expiresAtMs: clock.now() + hour }));
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', endpoint: `http://${host}/`, fetchAccessToken, clock });

    await expect(publisher.publish('payments', { orderId: 'o1' })).resolves.toBe('4242');

    expect(fetchAccessToken).toHaveBeenCalledTimes(1);
    expect(pubsub.received[0].url).toBe('/v1/projects/c500-test/topics/payments:publish');
    expect(pubsub.received[0].headers.authorization).toBe('Bearer ya29.test-token');
  });

  it.each([409, 429, 500, 503, 504])('retries a publish Pub/Sub answers %i, from 100 ms with growing jittered waits, and delivers it', async (status) => {
    pubsub.failNext(status, status, status);
    const clock = fakeClock();
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: host, clock, random: () => 0.5 });

    await expect(publisher.publish('live-commands', { command: 'live' })).resolves.toBe('4242');

    expect(pubsub.received).toHaveLength(4);
    expect(new Set(pubsub.received.map((r) => r.body)).size).toBe(1);
    expect(clock.sleeps).toEqual([75, 150, 300]);
  });

  it('retries a publish whose connection Pub/Sub dropped', async () => {
    pubsub.failNext('drop');
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: host, clock: fakeClock(), random: () => 0 });

    await expect(publisher.publish('live-commands', {})).resolves.toBe('4242');
    expect(pubsub.received).toHaveLength(2);
  });

  it.each([400, 403, 404])('does not retry a publish Pub/Sub answers %i, and names the status and topic without the payload', async (status) => {
    pubsub.failNext(status);
    const clock = fakeClock();
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: host, clock });

    const failure = publisher.publish('payments', { secretNote: 'do-not-log-me' });

    await expect(failure).rejects.toThrow(new RegExp(`payments.*HTTP ${status}`));
    await expect(failure).rejects.not.toThrow(/do-not-log-me/);
    expect(pubsub.received).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('stops retrying before its 2.5 s deadline, never sleeping past it', async () => {
    pubsub.failNext(...Array.from({ length: 50 }, () => 503));
    const clock = fakeClock();
    const began = clock.now();
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: host, clock, random: () => 1 });

    await expect(publisher.publish('live-commands', {})).rejects.toThrow(/HTTP 503.*gave up after 5 tries in 2500 ms/);

    // Waits of 100, 200, 400 and 800 ms end at 1.5 s; the next, 1.6 s, would end past 2.5 s.
    expect(clock.sleeps).toEqual([100, 200, 400, 800]);
    expect(clock.now() - began).toBeLessThan(2_500);
    expect(pubsub.received).toHaveLength(5);
  });

  it('counts the token fetch inside the deadline: a slow token leaves time for fewer tries', async () => {
    pubsub.failNext(...Array.from({ length: 50 }, () => 503));
    const clock = fakeClock();
    let fetches = 0;
    // The token fetched at start has lapsed by the publish; the one the publish waits for takes 2 s.
    const fetchAccessToken = jest.fn(async () => {
      fetches += 1;
      if (fetches > 1) clock.advance(2_000);
      return { token: `token-${fetches}`, expiresAtMs: clock.now() + (fetches > 1 ? hour : 1_000) };
    });
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', endpoint: `http://${host}`, fetchAccessToken, clock, random: () => 1 });
    await new Promise(setImmediate);
    clock.advance(5_000);

    await expect(publisher.publish('live-commands', {})).rejects.toThrow(/gave up after 3 tries/);

    // The token came 2 s into the deadline; waits of 100 and 200 ms fit before 2.5 s, 400 would not.
    expect(clock.sleeps).toEqual([100, 200]);
    expect(fetchAccessToken).toHaveBeenCalledTimes(2);
    expect(pubsub.received[0]?.headers.authorization).toBe('Bearer token-2');
  });

  it('fetches its token when built, before any publish, and not again while it is fresh', async () => {
    const clock = fakeClock();
    let fetches = 0;
    const fetchAccessToken = jest.fn(async () => ({ token: `token-${++fetches}`, expiresAtMs: clock.now() + hour }));
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', endpoint: `http://${host}`, fetchAccessToken, clock });
    expect(fetchAccessToken).toHaveBeenCalledTimes(1);

    await publisher.publish('payments', {});
    clock.advance(30 * 60 * 1000);
    await publisher.publish('payments', {});

    expect(fetchAccessToken).toHaveBeenCalledTimes(1);
    expect(pubsub.received.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1']);
  });

  it('renews its token behind the publish once it is within five minutes of expiring, and uses the new one after', async () => {
    const clock = fakeClock();
    let fetches = 0;
    const fetchAccessToken = jest.fn(async () => ({ token: `token-${++fetches}`, expiresAtMs: clock.now() + hour }));
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', endpoint: `http://${host}`, fetchAccessToken, clock });
    await publisher.publish('payments', {});

    clock.advance(hour - 4 * 60 * 1000);
    await publisher.publish('payments', {});
    await publisher.publish('payments', {});

    expect(fetchAccessToken).toHaveBeenCalledTimes(2);
    expect(pubsub.received.map((r) => r.headers.authorization)).toEqual(['Bearer token-1', 'Bearer token-1', 'Bearer token-2']);
  });

  it('asks again for a token whose fetch at start failed, and fails the publish without publishing when there is none', async () => {
    const fetchAccessToken = jest.fn(async (): Promise<{ token: string; expiresAtMs: number }> => {
      throw new Error('metadata server unavailable');
    });
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', endpoint: `http://${host}`, fetchAccessToken, clock: fakeClock() });
    await new Promise(setImmediate);

    await expect(publisher.publish('payments', {})).rejects.toThrow(/payments.*access token.*metadata server unavailable/);
    expect(fetchAccessToken).toHaveBeenCalledTimes(2);
    expect(pubsub.received).toHaveLength(0);
  });

  it('gives up at its deadline when Pub/Sub does not answer, naming the topic', async () => {
    pubsub.neverAnswer();
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: host, timeoutMs: 100 });

    await expect(publisher.publish('live-commands', {})).rejects.toThrow(/live-commands/);
    expect(pubsub.received).toHaveLength(1);
  });
});

// The real emulator (`gcloud beta emulators pubsub start`) serves REST on its gRPC port;
// it cannot be downloaded on our build machines, so this runs only where one is set.
const emulatorHost = process.env.PUBSUB_EMULATOR_HOST;
const withEmulator = emulatorHost ? describe : describe.skip;

withEmulator('PubSubRestPublisher against the Pub/Sub emulator (skipped unless PUBSUB_EMULATOR_HOST is set)', () => {
  it('publishes a message that a pull subscription receives with its data, attributes and ordering key', async () => {
    const project = 'c500-emulator';
    const topic = `live-commands-${Date.now()}`;
    const base = `http://${emulatorHost}/v1/projects/${project}`;
    const put = (path: string, body: unknown) =>
      fetch(`${base}/${path}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put(`topics/${topic}`, {})).ok).toBe(true);
    expect((await put(`subscriptions/${topic}-sub`, { topic: `projects/${project}/topics/${topic}`, enableMessageOrdering: true })).ok).toBe(true);
    const publisher = new PubSubRestPublisher({ projectId: project, emulatorHost });

    const id = await publisher.publish(topic, { command: 'live' }, { attributes: { kind: 'interaction' }, orderingKey: 'g1' });

    const pulled = await fetch(`${base}/subscriptions/${topic}-sub:pull`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ maxMessages: 1 }),
    });
    const { receivedMessages } = (await pulled.json()) as {
      receivedMessages: Array<{ message: { messageId: string; data: string; attributes: Record<string, string>; orderingKey: string } }>;
    };
    const [{ message }] = receivedMessages;
    expect(message.messageId).toBe(id);
    expect(JSON.parse(Buffer.from(message.data, 'base64').toString('utf8'))).toEqual({ command: 'live' });
    expect(message.attributes).toEqual({ kind: 'interaction' });
    expect(message.orderingKey).toBe('g1');
  });
});
