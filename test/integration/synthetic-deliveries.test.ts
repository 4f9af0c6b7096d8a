/**
 * The deploy's synthetic deliveries (scripts/deploy/deliveries.ts) against the real ingress
 * functions, served as the local runtime serves them: each is answered 2xx and changes nothing
 * (no publish; the store is never even made), and the same delivery signed with a wrong secret
 * is refused 401, so a canary holding a wrong secret answers the deploy's deliveries non-2xx and
 * the request gate judges it worse than the revision it would replace.
 */
import { carrierWebhook } from '../../functions/carrier-webhook';
import { stripeWebhook } from '../../functions/stripe-webhook';
import { twitchWebhook } from '../../functions/twitch-webhook';
import { loadConfig } from '../../shared/config';
import type { Platform } from '../../shared/platform';
import type { EventPublisher } from '../../shared/ports';
import { isHandledStripeEvent } from '../../shared/payments/rules/stripe-event';
import { functionRegistry, type HttpFunctionEntry, type SignedSource } from '../../shared/registry';
import { secretId, syntheticSources } from '../../scripts/deploy/deliveries';
import { serveApp } from '../support/twitch-chat';

const secrets: Record<string, string> = {
  STRIPE_WEBHOOK_SECRET: 'whsec_platform_endpoint_of_the_test',
  STRIPE_CONNECT_WEBHOOK_SECRET: 'whsec_connect_endpoint_of_the_test',
  TWITCH_EVENTSUB_SECRET: 'eventsub-secret-of-the-test-0123456789',
  EASYPOST_WEBHOOK_SECRET: 'easypost-webhook-secret-of-the-test',
};

const functions: Partial<Record<SignedSource, (platform: Platform) => ReturnType<typeof stripeWebhook>>> = {
  stripe: stripeWebhook,
  twitch: twitchWebhook,
  carrier: carrierWebhook,
};

/** Serves the source's real function on its route with every other port refusing to be made; `published` records every publish. */
async function served(source: SignedSource) {
  const entry = functionRegistry.find((f): f is HttpFunctionEntry => f.kind === 'http' && f.signedBy === source) as HttpFunctionEntry;
  const published: unknown[] = [];
  const publisher: EventPublisher = {
    publish: (topic, data) => {
      published.push({ topic, data });
      return Promise.resolve(`m${published.length}`);
    },
  };
  const untouched = (port: string) => () => {
    throw new Error(`the ingress made its ${port}`);
  };
  const platform: Platform = {
    config: loadConfig(secrets),
    clock: { now: () => new Date() },
    store: untouched('store'),
    publisher: () => publisher,
    tasks: untouched('tasks'),
    discord: untouched('discord'),
    chatOutbox: untouched('chat outbox'),
    auctionBook: untouched('auction book'),
    payments: untouched('payments'),
    carrier: untouched('carrier'),
    twitch: untouched('twitch'),
    twitchChat: untouched('twitch chat'),
    shopConnections: untouched('shop connections'),
    shopSecrets: untouched('shop secrets'),
    discordOAuth: untouched('discord oauth'),
  };
  const server = await serveApp((app) => app.all(entry.route, (functions[source] as NonNullable<(typeof functions)['stripe']>)(platform)));
  return { entry, published, server };
}

describe('the deploy’s synthetic deliveries against the real ingress functions', () => {
  it('GIVEN every ingress the deploy sends deliveries to THEN it has a function here to be held to, and Ko-fi and Shopify (a secret per guild) have none', () => {
    expect(Object.keys(syntheticSources).sort()).toEqual(Object.keys(functions).sort());
    expect(syntheticSources.kofi).toBeUndefined();
    expect(syntheticSources.shopify).toBeUndefined();
  });

  it('GIVEN each source THEN it signs with a secret its function reads (the registry’s, whose Secret Manager id the deploy reads)', () => {
    for (const [source, delivery] of Object.entries(syntheticSources)) {
      const entry = functionRegistry.find((f) => f.kind === 'http' && f.signedBy === source);
      expect([source, entry?.secrets]).toEqual([source, expect.arrayContaining([delivery.secret])]);
    }
    expect(secretId('STRIPE_WEBHOOK_SECRET')).toBe('stripe-webhook-secret');
  });

  it('GIVEN the Stripe delivery THEN its event type is one the ingress does not act on', () => {
    const { body } = syntheticSources.stripe!.sign(secrets.STRIPE_WEBHOOK_SECRET, new Date());
    expect(isHandledStripeEvent((JSON.parse(body) as { type: string }).type)).toBe(false);
  });

  it.each(Object.keys(functions) as SignedSource[])(
    'GIVEN the %s delivery signed with the secret the function holds THEN it answers 2xx and publishes nothing; signed with a wrong one, 401',
    async (source) => {
      const delivery = syntheticSources[source]!;
      const { entry, published, server } = await served(source);
      try {
        const post = (secret: string) => {
          const { headers, body } = delivery.sign(secret, new Date());
          return fetch(`${server.url}${entry.route}`, { method: 'POST', headers, body });
        };
        const right = await post(secrets[delivery.secret]);
        expect(right.status).toBeGreaterThanOrEqual(200);
        expect(right.status).toBeLessThan(300);
        const again = await post(secrets[delivery.secret]);
        expect(again.status).toBeLessThan(300);
        expect(published).toEqual([]);

        const wrong = await post(`${secrets[delivery.secret]}-but-wrong`);
        expect(wrong.status).toBe(401);
        expect(published).toEqual([]);
      } finally {
        await server.close();
      }
    },
  );
});
