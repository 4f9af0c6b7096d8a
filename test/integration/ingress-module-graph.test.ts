import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ingressProbeEnv, type IngressTarget } from '../../scripts/probe-env';

// Runs the built entry as Cloud Functions would; `npm test` builds before jest.
const probe = join(__dirname, '..', '..', 'dist', 'scripts', 'ingress-probe.js');

describe('the deployed ingresses', () => {
  const heavy = ['@google-cloud/firestore', 'stripe', '@google-cloud/pubsub', '@grpc/grpc-js', 'google-gax'];
  const probeRun = (request: boolean, target?: IngressTarget) => {
    if (!existsSync(probe)) throw new Error('dist/ is missing: run `npm run build` (npm test does) before jest');
    return JSON.parse(execFileSync(process.execPath, [probe], { env: ingressProbeEnv({ request, ...(target ? { target } : {}) }) }).toString()) as {
      status?: number;
      answer?: unknown;
      published?: string[];
      packages: string[];
    };
  };

  it.each(['stripeWebhook', 'twitchWebhook', 'kofiWebhook', 'shopifyWebhook'] as const)(
    'keeps the %s ingress off Firestore, Stripe, twurple and the gRPC client too',
    (target) => {
      const { packages } = probeRun(false, target);
      expect(packages).toContain('google-auth-library');
      for (const name of [...heavy, '@twurple/api', '@twurple/auth']) expect(packages).not.toContain(name);
    },
  );

  // The guild's secret is read with one REST call and the sale published with another: neither may pull in an SDK on first use.
  it.each(['kofiWebhook', 'shopifyWebhook'] as const)('has the %s ingress take a signed sale and publish it to sales without loading them either', (target) => {
    const result = probeRun(true, target);
    expect(result).toMatchObject({ status: 200, answer: 'received', published: ['shop-events'] });
    for (const name of [...heavy, '@twurple/api', '@twurple/auth']) expect(result.packages).not.toContain(name);
  });

  it('starts with Google auth for its REST publisher and without Firestore, Stripe or the gRPC Pub/Sub client', () => {
    const { packages } = probeRun(false);
    expect(packages).toContain('google-auth-library');
    // Ed25519 is Node's own crypto: the WebCrypto path of discord-interactions costs several times more a request.
    for (const name of [...heavy, 'discord-interactions']) expect(packages).not.toContain(name);
  });

  it('handles a deferred interaction and publishes it without loading them either', () => {
    const result = probeRun(true);
    expect(result.status).toBe(200);
    expect(result.answer).toEqual({ type: 5, data: { flags: 64 } });
    for (const name of heavy) expect(result.packages).not.toContain(name);
  });
});
