/**
 * How every deployed subscriber receives its messages: a Pub/Sub push subscription POSTs
 * each one to the function's URL (terraform/pubsub.tf), the Functions Framework hands the
 * request to `pushEndpoint` (functions/index.ts), which turns it into the CloudEvent the
 * subscriber reads, and answers Pub/Sub: 2xx acknowledges, anything else asks for the
 * message again (and, after max_delivery_attempts, dead-letters it).
 *
 * The requests here are what Pub/Sub sends for a wrapped push (the default, which terraform
 * keeps): `{ message: { data (base64), attributes, messageId, message_id, publishTime,
 * publish_time }, subscription, deliveryAttempt }` as application/json, with an
 * `Authorization: Bearer <OIDC token>` header. That token is Cloud Run's to check before the
 * request reaches the function (the subscriber takes internal traffic only, and only the
 * pusher account holds run.invoker on it), so the function reads nothing from it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { pushEndpoint } from '../../shared/triggers/pubsub-trigger';
import { encodeMessageData } from '../../shared/adapters/pubsub/pubsub-envelope';
import { deployedName, functionRegistry, subscriptionName, type PubSubFunctionEntry } from '../../shared/registry';
import { secretNames } from '../../shared/config';
import type { PubSubCloudEvent } from '../../shared/ports';
import { asArray, asObject, loadTerraform } from '../support/terraform';

const bidsEntry = functionRegistry.find((e): e is PubSubFunctionEntry => e.name === 'auctionBids' && e.kind === 'pubsub');
if (!bidsEntry) throw new Error('auctionBids is not a Pub/Sub function of the registry');
const subscription = `projects/c500-push-test/subscriptions/${subscriptionName(bidsEntry)}`;

/** A push body exactly as Pub/Sub wraps a message, camelCase and snake_case ids both. */
function pushBody(data: string, extra: { attributes?: Record<string, string>; deliveryAttempt?: number } = {}) {
  return {
    message: {
      attributes: extra.attributes ?? {},
      data,
      messageId: '2070443601311540',
      message_id: '2070443601311540',
      publishTime: '2026-11-23T10:00:00.123Z',
      publish_time: '2026-11-23T10:00:00.123Z',
    },
    subscription,
    deliveryAttempt: extra.deliveryAttempt ?? 1,
  };
}

const pushHeaders = (token?: string): Record<string, string> => ({
  'content-type': 'application/json',
  'user-agent': 'APIs-Google; (+https://developers.google.com/webmasters/APIs-Google.html)',
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});

/** A token shaped like the one Pub/Sub mints for the pusher account (its signature is never checked here). */
const pusherToken = [
  'eyJhbGciOiJSUzI1NiIsImtpZCI6InB1c2gifQ',
  Buffer.from(JSON.stringify({ email: 'pubsub-pusher@c500-push-test.iam.gserviceaccount.com', aud: 'https://auction-bids-1.a.run.app' })).toString('base64url'),
  'c2ln',
].join('.');

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function post(url: string, body: unknown, headers = pushHeaders(pusherToken)): Promise<number> {
  return (await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) })).status;
}

describe('a push delivery to pushEndpoint, served by the Functions Framework', () => {
  let url: string;
  let server: Server;
  const received: PubSubCloudEvent[] = [];
  let fail: Error | undefined;

  beforeAll(async () => {
    http(
      'recordingSubscriber',
      pushEndpoint(async (event) => {
        received.push(event);
        if (fail) throw fail;
      }),
    );
    server = getTestServer('recordingSubscriber');
    url = await listen(server);
  });
  afterAll(() => close(server));
  beforeEach(() => {
    received.length = 0;
    fail = undefined;
  });

  it('GIVEN a message as Pub/Sub pushes it THEN the subscriber gets its data, attributes, ids and attempt as a CloudEvent', async () => {
    await post(url, pushBody(encodeMessageData({ job: 'place-bid' }), { attributes: { interactionId: '1300000000000000000' }, deliveryAttempt: 3 }));
    expect(received).toEqual([
      {
        specversion: '1.0',
        id: '2070443601311540',
        source: `//pubsub.googleapis.com/${subscription}`,
        type: 'google.cloud.pubsub.topic.v1.messagePublished',
        time: '2026-11-23T10:00:00.123Z',
        datacontenttype: 'application/json',
        data: {
          message: {
            data: encodeMessageData({ job: 'place-bid' }),
            attributes: { interactionId: '1300000000000000000' },
            messageId: '2070443601311540',
            publishTime: '2026-11-23T10:00:00.123Z',
          },
          subscription,
          deliveryAttempt: 3,
        },
      },
    ]);
  });

  it('GIVEN the subscriber succeeds THEN Pub/Sub is answered 204, an acknowledgement', async () => {
    expect(await post(url, pushBody(encodeMessageData({ ok: true })))).toBe(204);
  });

  it('GIVEN the subscriber throws THEN Pub/Sub is answered 500, so it delivers the message again', async () => {
    fail = new Error('Discord answered 503');
    expect(await post(url, pushBody(encodeMessageData({ ok: true })))).toBe(500);
  });

  it('GIVEN a delivery without an Authorization header THEN it is handled as any other: the OIDC token is Cloud Run’s to check, not the function’s', async () => {
    expect(await post(url, pushBody(encodeMessageData({ ok: true })), pushHeaders())).toBe(204);
    expect(received).toHaveLength(1);
  });

  it('GIVEN a body that is no Pub/Sub envelope THEN it is acknowledged (204) without reaching the subscriber, as redelivery cannot mend it', async () => {
    expect(await post(url, { hello: 'world' })).toBe(204);
    expect(received).toEqual([]);
  });
});

describe('a deployed subscriber, as functions/index.ts registers it with FUNCTION_TARGET set', () => {
  let url: string;
  let server: Server;
  const saved = { ...process.env };

  beforeAll(async () => {
    // What the deployed function's environment holds (terraform's runtime_env and its secrets).
    Object.assign(process.env, {
      ...Object.fromEntries(secretNames.map((name) => [name, 'x'.repeat(40)])),
      TOKEN_SEAL_KEYS: `k1=${'ab'.repeat(32)}`,
      DISCORD_PUBLIC_KEY: 'ab'.repeat(32),
      PROBE_PUBLIC_KEY: 'cd'.repeat(32),
      UPSTASH_BOOK_SHARDS: '[]',
      UPSTASH_REDIS_REST_URL: 'https://example.upstash.io',
      GOOGLE_CLOUD_PROJECT: 'c500-push-test',
      C500_PUBLIC_BASE_URL: 'https://c500.example.com',
      C500_CONTROLLER_NAME: 'C500 Test Ltd',
      C500_PRIVACY_CONTACT: 'privacy@c500.example',
      C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH, eu-rep@c500.example',
      C500_TASKS_INVOKER_SA: 'tasks-invoker@c500-push-test.iam.gserviceaccount.com',
      FUNCTION_TARGET: 'auctionBids',
    });
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the environment it reads at load
    require('../../functions/index');
    server = getTestServer('auctionBids');
    url = await listen(server);
  });
  afterAll(async () => {
    await close(server);
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  });

  it('GIVEN a push whose data is not JSON THEN the subscriber acknowledges it (204) as a poison message, touching nothing', async () => {
    expect(await post(url, pushBody(Buffer.from('not json').toString('base64')))).toBe(204);
  });

  it('GIVEN a push of JSON that is no bid job THEN auctionBids acknowledges it (204) instead of retrying it into the dead letter', async () => {
    expect(await post(url, pushBody(encodeMessageData({ job: 'place-bid', interaction: { id: 'not a snowflake' } })))).toBe(204);
  });
});

describe('terraform’s push subscriptions', () => {
  it('push wrapped messages to each subscriber’s own URL with an OIDC token for that URL, the request pushEndpoint reads', async () => {
    const tf = await loadTerraform();
    const push = tf.resources.get('google_pubsub_subscription')?.get('push');
    if (!push) throw new Error('no google_pubsub_subscription.push in terraform/');
    expect(push.for_each).toBe('${local.deployed_pubsub_functions}');
    const [config] = asArray(push.push_config, 'push_config');
    const pushConfig = asObject(config, 'push_config');
    const uri = '${google_cloudfunctions2_function.function[each.key].service_config[0].uri}';
    expect(pushConfig.push_endpoint).toBe(uri);
    // Unwrapped delivery (no_wrapper) would send the bare data, which pushEndpoint refuses as no envelope.
    expect(pushConfig.no_wrapper).toBeUndefined();
    expect(asObject(asArray(pushConfig.oidc_token, 'oidc_token')[0], 'oidc_token')).toEqual({
      service_account_email: '${google_service_account.pubsub_pusher.email}',
      audience: uri,
    });
    // The subscription name the CloudEvent's source carries is the registry's.
    expect(push.name).toBe('${local.deployed_names[each.key]}-on-${each.value.topic}');
    expect(subscriptionName(bidsEntry)).toBe(`${deployedName(bidsEntry)}-on-${bidsEntry.topic}`);
  });
});
