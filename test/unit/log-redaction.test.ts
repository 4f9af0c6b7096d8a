/**
 * No secret or token is ever written to a log. The two leaks found in production's clients
 * are reproduced here with their real code and `fetch` stubbed as the parties answer: a used
 * Twitch code (twurple's error quotes the token URL, client secret in its query) and an
 * Upstash refusal (`@upstash/redis` quotes the whole request, interaction tokens included).
 */
import { logLinesOf } from '../support/log-lines';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { connectAuctionBook } from '../../shared/adapters/upstash/upstash-connection';
import { createUpstashAuctionBook } from '../../shared/adapters/upstash/upstash-auction-book';
import { placeBid } from '../../shared/auctions';
import { snowflakeAt } from '../../shared/common';
import { log, redact, redactSecrets } from '../../shared/log';
import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import type { TaskQueue } from '../../shared/ports';
import { discordMembersOnly } from '../support/bidders';
import { addressParts, sampleAddress } from '../support/shipping-address';
import { testIdKey } from '../support/auction-book-fixtures';

const clientSecret = 'twitch-client-secret-9f8e7d6c5b4a';
const stateKey = 'oauth-state-key-0123456789abcdef0123456789';
const interactionToken = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldC10b2tlbi1mb3ItdGVzdHM';

/** Everything the log writes while `run` runs, at every level. */
const logged = async (run: () => Promise<unknown>): Promise<string> => (await logLinesOf(run)).text;

afterEach(() => jest.restoreAllMocks());

describe('the log', () => {
  it('never shows the Twitch client secret or the code when Twitch refuses a used code', () => {
    // twurple is ESM-only, which jest's CommonJS sandbox cannot import: the real thing runs in
    // a child process on the built code, with fetch answering as id.twitch.tv does.
    const probe = `
      const dist = ${JSON.stringify(join(__dirname, '..', '..', 'dist'))};
      const { redactSecrets } = require(dist + '/shared/log/index.js');
      const { createTwitchHelix } = require(dist + '/shared/adapters/twitch/twitch-helix.js');
      const { linkTwitchChannel } = require(dist + '/shared/onboarding/use-cases/link-twitch-channel.js');
      const { LocalDocumentStore } = require(dist + '/shared/local/firestore/document-store.js');
      const { signOAuthState } = require(dist + '/shared/onboarding/rules/oauth-state.js');
      redactSecrets([${JSON.stringify(clientSecret)}]);
      globalThis.fetch = async (input) => {
        const url = String(input instanceof Request ? input.url : input);
        if (!url.startsWith('https://id.twitch.tv/oauth2/token')) throw new Error('unexpected fetch of ' + url);
        return new Response(JSON.stringify({ status: 400, message: 'Invalid authorization code' }), { status: 400, headers: { 'content-type': 'application/json' } });
      };
      const state = signOAuthState({ discordUserId: '800000000000000001', expiresAt: new Date(Date.now() + 600000) }, ${JSON.stringify(stateKey)});
      const deps = { store: new LocalDocumentStore(), twitch: createTwitchHelix({ clientId: 'twitch-client-id', clientSecret: ${JSON.stringify(clientSecret)} }), clock: { now: () => new Date() }, stateKey: ${JSON.stringify(stateKey)}, eventSubSecret: 'eventsub-secret-0123456789', publicBaseUrl: 'https://c500.example.com' };
      linkTwitchChannel(deps, { code: 'one-time-code-abc123', state });`;
    const run = spawnSync(process.execPath, ['-e', probe], { env: { ...process.env, C500_LOG_LEVEL: 'debug' }, encoding: 'utf8', timeout: 20_000 });
    const output = run.stdout + run.stderr;
    expect(output).toContain('Twitch refused the authorization code');
    // twurple's error did carry them: the log took them out.
    expect(output).toContain('[redacted]');
    expect(output).not.toContain(clientSecret);
    expect(output).not.toContain('one-time-code-abc123');
  });

  it('never shows interaction tokens when Upstash refuses a request', async () => {
    jest
      .spyOn(globalThis, 'fetch')
      .mockImplementation(
        async () => new Response(JSON.stringify({ error: 'ERR max request size exceeded' }), { status: 400, headers: { 'content-type': 'application/json' } }),
      );
    const book = createUpstashAuctionBook(connectAuctionBook({ url: 'https://example.upstash.io', token: 'upstash-token-abcdef0123456789' }), {
      idKey: testIdKey,
      keyPrefix: 'redaction:',
    });
    const noTasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
    const interaction = {
      id: snowflakeAt(Date.now(), 1),
      type: 2,
      token: interactionToken,
      application_id: '1100000000000000001',
      guild_id: '900000000000000001',
      channel_id: '910000000000000001',
      member: { user: { id: '800000000000000002', username: 'bidder' }, permissions: '0' },
      data: {
        name: 'bid',
        options: [
          { name: 'amount', type: 10, value: 30 },
          { name: 'auction', type: 3, value: 'k2q9xmbr' },
        ],
      },
    };
    const output = await logged(() =>
      placeBid(
        { book, discord: new DiscordOutbox(), tasks: noTasks, clock: { now: () => new Date() }, currency: 'usd', bidders: discordMembersOnly },
        interaction,
      ),
    );
    expect(output).toContain('auction book unavailable');
    expect(output).toContain('command was: [redacted]');
    expect(output).not.toContain(interactionToken);
    expect(output).not.toContain('upstash-token-abcdef0123456789');
  });

  it('redacts registered secrets, URL queries, bearer tokens and webhook tokens wherever they appear', async () => {
    redactSecrets(['sk_live_registered_secret_value']);
    const error = new Error('POST https://api.example.com/v1/x?client_secret=abc&code=def failed for sk_live_registered_secret_value');
    const output = await logged(async () =>
      log.error('outside call failed', {
        error,
        header: 'Bearer abcdefghijklmnop',
        url: 'https://discord.com/api/v10/webhooks/1100000000000000001/aW50ZXJhY3Rpb246dG9rZW4tdGhhdC1pcy1sb25n/messages/@original',
      }),
    );
    for (const secret of ['sk_live_registered_secret_value', 'client_secret=abc', 'code=def', 'abcdefghijklmnop', 'aW50ZXJhY3Rpb246dG9rZW4tdGhhdC1pcy1sb25n'])
      expect(output).not.toContain(secret);
    expect(redact('nothing secret here')).toBe('nothing secret here');
  });

  it('redacts the shortest secret registered when it is a whole field, and a long one inside an id-like field', async () => {
    const short = 'pw8chars';
    const long = 'whsec_0123456789abcdef0123456789abcdef';
    redactSecrets([long, short]);
    const output = await logged(async () => log.info('fields', { exact: short, inside: `id.${long}.x`, justShorter: short.slice(1) }));
    expect(output).not.toContain(short);
    expect(output).not.toContain(long);
    expect(output).toContain(`"justShorter":"${short.slice(1)}"`);
  });

  it('redacts a secret registered after the same message was already written once (messages are kept redacted)', async () => {
    const late = 'late-registered-secret-5a4b3c2d1e';
    const message = `calling with ${late}`;
    const first = await logged(async () => log.info(message));
    redactSecrets([late]);
    const second = await logged(async () => log.info(message));
    expect(first).toContain(late);
    expect(second).not.toContain(late);
  });

  it('never shows a shipping address, as our order keeps it, as Stripe sends it, or quoted in an error’s text', async () => {
    const stripeShipping = {
      name: sampleAddress.name,
      address: {
        line1: sampleAddress.line1,
        line2: sampleAddress.line2,
        city: sampleAddress.city,
        state: 'VT',
        postal_code: sampleAddress.postalCode,
        country: 'US',
      },
    };
    const output = await logged(async () => {
      log.info('order paid', { orderId: 'ship-0001', order: { orderId: 'ship-0001', shippingAddress: sampleAddress, shippingCents: 1500 } });
      log.warn('session read', {
        session: { id: 'cs_1', shipping_details: stripeShipping, customer_details: { email: 'b@example.com', address: stripeShipping.address } },
      });
      log.info('an address on its own', { to: sampleAddress, list: [sampleAddress] });
      log.error('Stripe refused', {
        error: new Error(
          `Invalid request: ${JSON.stringify({ shipping: stripeShipping })} and shipping[address][line1]=${encodeURIComponent(sampleAddress.line1)}&shipping[name]=Quenby`,
        ),
        body: JSON.stringify({ order: { shippingAddress: sampleAddress } }),
      });
    });
    expect(output).toContain('ship-0001');
    expect(output).toContain('[redacted]');
    for (const part of [...addressParts(), encodeURIComponent(sampleAddress.line1), 'Quenby']) expect(output).not.toContain(part);
    // What is not an address stays readable.
    expect(output).toContain('"shippingCents":1500');
  });
});

describe('each line’s severity', () => {
  it('is one of Cloud Logging’s LogSeverity names, so a warning ranks as WARNING and not as DEFAULT', async () => {
    const written = await logged(async () => {
      log.debug('a detail for the severity test');
      log.info('a fact for the severity test');
      log.warn('a warning for the severity test');
      log.error('an error for the severity test');
    });
    const severities = written
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { severity: string }).severity);
    expect(severities).toEqual(['DEBUG', 'INFO', 'WARNING', 'ERROR']);
  });
});
