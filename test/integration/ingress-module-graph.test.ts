import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ingressProbeEnv } from '../../scripts/probe-env';

// Runs the built entry as Cloud Functions would; `npm test` builds before jest.
const probe = join(__dirname, '..', '..', 'dist', 'scripts', 'ingress-probe.js');

describe('the deployed Discord ingress', () => {
  it('handles a deferred interaction without loading Firestore, Stripe or the gRPC Pub/Sub client', () => {
    if (!existsSync(probe)) throw new Error('dist/ is missing: run `npm run build` (npm test does) before jest');
    const result = JSON.parse(execFileSync(process.execPath, [probe], { env: ingressProbeEnv() }).toString()) as { status: number; answer: unknown; packages: string[] };
    expect(result.status).toBe(200);
    expect(result.answer).toEqual({ type: 5, data: { flags: 64 } });
    expect(result.packages).toContain('discord-interactions');
    for (const heavy of ['@google-cloud/firestore', 'stripe', '@google-cloud/pubsub', '@grpc/grpc-js', 'google-gax']) {
      expect(result.packages).not.toContain(heavy);
    }
  });
});
