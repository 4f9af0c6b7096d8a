import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PubSubRestPublisher } from '../../shared/adapters/pubsub/pubsub-rest-publisher';

interface Received {
  method: string | undefined;
  url: string | undefined;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A stand-in for the Pub/Sub REST endpoint on 127.0.0.1 that answers what each test sets. */
function fakePubSub() {
  const received: Received[] = [];
  let answer: { status: number; body: unknown } | 'never' = { status: 200, body: { messageIds: ['4242'] } };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method, url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      if (answer === 'never') return setTimeout(() => res.destroy(), 2_000).unref();
      res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  return {
    received,
    answerWith(status: number, body: unknown) {
      answer = { status, body };
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

describe('PubSubRestPublisher', () => {
  const pubsub = fakePubSub();
  let host: string;

  beforeAll(async () => {
    host = await pubsub.start();
  });
  afterAll(() => pubsub.stop());
  beforeEach(() => {
    pubsub.received.length = 0;
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

  it('sends a Bearer token from its auth when it talks to a real endpoint', async () => {
    const auth = { getAccessToken: jest.fn(async () => 'ya29.test-token') };
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', endpoint: `http://${host}/`, auth });

    await expect(publisher.publish('payments', { orderId: 'o1' })).resolves.toBe('4242');

    expect(auth.getAccessToken).toHaveBeenCalledTimes(1);
    expect(pubsub.received[0].url).toBe('/v1/projects/c500-test/topics/payments:publish');
    expect(pubsub.received[0].headers.authorization).toBe('Bearer ya29.test-token');
  });

  it('throws an error naming the status and topic, without the payload, when Pub/Sub answers 500', async () => {
    pubsub.answerWith(500, { error: { code: 500, status: 'INTERNAL', message: 'backend error' } });
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: host });

    const failure = publisher.publish('payments', { secretNote: 'do-not-log-me' });

    await expect(failure).rejects.toThrow(/payments.*500/);
    await expect(failure).rejects.not.toThrow(/do-not-log-me/);
  });

  it('gives up after its timeout when Pub/Sub does not answer, naming the topic', async () => {
    pubsub.neverAnswer();
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', emulatorHost: host, timeoutMs: 100 });
    const started = Date.now();

    await expect(publisher.publish('live-commands', {})).rejects.toThrow(/live-commands/);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('throws when there is no access token rather than publishing unauthenticated', async () => {
    const publisher = new PubSubRestPublisher({ projectId: 'c500-test', endpoint: `http://${host}`, auth: { getAccessToken: async () => null } });

    await expect(publisher.publish('payments', {})).rejects.toThrow(/access token/);
    expect(pubsub.received).toHaveLength(0);
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
    const put = (path: string, body: unknown) => fetch(`${base}/${path}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    expect((await put(`topics/${topic}`, {})).ok).toBe(true);
    expect((await put(`subscriptions/${topic}-sub`, { topic: `projects/${project}/topics/${topic}`, enableMessageOrdering: true })).ok).toBe(true);
    const publisher = new PubSubRestPublisher({ projectId: project, emulatorHost });

    const id = await publisher.publish(topic, { command: 'live' }, { attributes: { kind: 'interaction' }, orderingKey: 'g1' });

    const pulled = await fetch(`${base}/subscriptions/${topic}-sub:pull`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ maxMessages: 1 }) });
    const { receivedMessages } = (await pulled.json()) as { receivedMessages: Array<{ message: { messageId: string; data: string; attributes: Record<string, string>; orderingKey: string } }> };
    const [{ message }] = receivedMessages;
    expect(message.messageId).toBe(id);
    expect(JSON.parse(Buffer.from(message.data, 'base64').toString('utf8'))).toEqual({ command: 'live' });
    expect(message.attributes).toEqual({ kind: 'interaction' });
    expect(message.orderingKey).toBe('g1');
  });
});
