import { acceptTwitchMessage, type TwitchEventMessage } from '../use-cases/accept-twitch-message';
import { RecentIds } from '../../common';
import { eventSubSignature, verifyEventSubSignature } from '../../adapters/twitch/eventsub-signature';
import type { EventPublisher, PublishOptions } from '../../ports';

const secret = 'eventsub-secret-for-tests';
const now = new Date('2026-11-21T12:00:00.000Z');
const subscription = {
  id: 'sub-1',
  status: 'enabled',
  type: 'stream.online',
  version: '1',
  condition: { broadcaster_user_id: '1337' },
  transport: { method: 'webhook', callback: 'https://c500.example/webhooks/twitch' },
  created_at: '2026-11-20T00:00:00Z',
};
const event = {
  id: '9001',
  broadcaster_user_id: '1337',
  broadcaster_user_login: 'lavkeebs',
  broadcaster_user_name: 'LavKeebs',
  type: 'live',
  started_at: '2026-11-21T11:59:58Z',
};

interface Sent {
  id?: string;
  type?: string;
  timestamp?: string;
  payload?: unknown;
  signature?: string | null;
  rawBody?: string;
}

function request(sent: Sent = {}) {
  const id = sent.id ?? 'msg-1';
  const timestamp = sent.timestamp ?? '2026-11-21T11:59:59.123456789Z';
  const body = Buffer.from(sent.rawBody ?? JSON.stringify(sent.payload ?? { subscription, event }));
  const signature = sent.signature === undefined ? eventSubSignature(secret, id, timestamp, body) : sent.signature;
  return {
    body,
    headers: {
      'twitch-eventsub-message-id': id,
      'twitch-eventsub-message-timestamp': timestamp,
      'twitch-eventsub-message-type': sent.type ?? 'notification',
      ...(signature === null ? {} : { 'twitch-eventsub-message-signature': signature }),
    },
  };
}

function ingress(publish?: EventPublisher['publish']) {
  const published: Array<{ topic: string; data: unknown; options?: PublishOptions }> = [];
  const publisher: EventPublisher = {
    publish:
      publish ??
      (async (topic, data, options) => {
        published.push({ topic, data, ...(options ? { options } : {}) });
        return String(published.length);
      }),
  };
  const deps = {
    publisher,
    recent: new RecentIds(),
    clock: { now: () => now },
    verifySignature: (id: string, ts: string, body: Buffer, sig: string | undefined) => verifyEventSubSignature(secret, id, ts, body, sig),
  };
  return { published, accept: (r: ReturnType<typeof request>) => acceptTwitchMessage(r, deps) };
}

describe('the Twitch EventSub ingress', () => {
  it('refuses a message with a wrong or missing signature with 401 and publishes nothing', async () => {
    const { accept, published } = ingress();
    expect((await accept(request({ signature: eventSubSignature('wrong-secret', 'msg-1', '2026-11-21T11:59:59Z', Buffer.from('{}')) }))).status).toBe(401);
    expect((await accept(request({ signature: null }))).status).toBe(401);
    const tampered = request();
    expect((await accept({ ...tampered, body: Buffer.from(tampered.body.toString().replace('1337', '1338')) })).status).toBe(401);
    expect(published).toEqual([]);
  });

  it('checks the signature before reading the body: a bad signature on garbage is 401, not 400', async () => {
    const { accept } = ingress();
    expect((await accept(request({ rawBody: 'not json', signature: 'sha256=00' }))).status).toBe(401);
  });

  it('refuses a correctly signed message older than 10 minutes as stale, and publishes nothing', async () => {
    const { accept, published } = ingress();
    const answer = await accept(request({ timestamp: '2026-11-21T11:49:59.999Z' }));
    expect(answer).toMatchObject({ status: 401, text: expect.stringContaining('stale') });
    expect(published).toEqual([]);
  });

  it('refuses a message dated more than 10 minutes in the future, and one with no real timestamp', async () => {
    const { accept, published } = ingress();
    expect((await accept(request({ timestamp: '2026-11-21T12:10:00.001Z' }))).status).toBe(401);
    expect((await accept(request({ timestamp: 'yesterday' }))).status).toBe(401);
    expect(published).toEqual([]);
  });

  it('accepts a message up to 10 minutes old', async () => {
    const { accept, published } = ingress();
    expect((await accept(request({ timestamp: '2026-11-21T11:50:00.000Z' }))).status).toBe(204);
    expect(published).toHaveLength(1);
  });

  it('answers the subscription challenge with the challenge alone, as text/plain', async () => {
    const { accept, published } = ingress();
    const answer = await accept(
      request({
        type: 'webhook_callback_verification',
        payload: { challenge: 'pogchamp-kappa-360noscope-vohiyo', subscription: { ...subscription, status: 'webhook_callback_verification_pending' } },
      }),
    );
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('pogchamp-kappa-360noscope-vohiyo');
    expect(answer.headers?.['content-type']).toMatch(/^text\/plain/);
    expect(published).toEqual([]);
  });

  it('publishes a notification to twitch-events once and answers 204, even when Twitch sends it again', async () => {
    const { accept, published } = ingress();
    expect((await accept(request())).status).toBe(204);
    expect((await accept(request())).status).toBe(204);
    expect(published).toHaveLength(1);
    const expected: TwitchEventMessage = { messageId: 'msg-1', messageType: 'notification', timestamp: '2026-11-21T11:59:59.123456789Z', subscription, event };
    expect(published[0]).toEqual({
      topic: 'twitch-events',
      data: expected,
      options: { attributes: { messageId: 'msg-1', messageType: 'notification', subscriptionType: 'stream.online' } },
    });
  });

  it('publishes a revocation, which has no event', async () => {
    const { accept, published } = ingress();
    const revoked = { ...subscription, status: 'authorization_revoked' };
    expect((await accept(request({ id: 'msg-2', type: 'revocation', payload: { subscription: revoked } }))).status).toBe(204);
    expect(published.map((p) => p.data)).toEqual([
      { messageId: 'msg-2', messageType: 'revocation', timestamp: '2026-11-21T11:59:59.123456789Z', subscription: revoked },
    ]);
  });

  it('lets Twitch retry when the publish fails, and publishes the retry', async () => {
    let fail = true;
    const delivered: unknown[] = [];
    const { accept } = ingress(async (_topic, data) => {
      if (fail) throw new Error('pubsub unavailable');
      delivered.push(data);
      return '1';
    });
    await expect(accept(request())).rejects.toThrow('pubsub unavailable');
    fail = false;
    expect((await accept(request())).status).toBe(204);
    expect(delivered).toHaveLength(1);
  });

  it('answers 400 to a signed body that is not an EventSub message', async () => {
    const { accept, published } = ingress();
    expect((await accept(request({ rawBody: 'not json' }))).status).toBe(400);
    expect((await accept(request({ payload: { subscription } }))).status).toBe(400);
    expect(published).toEqual([]);
  });
});
