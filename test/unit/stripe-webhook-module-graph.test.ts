import { moduleGraph } from '../support/module-graph';

// The Stripe ingress answers within Stripe's timeout from a cold start: its module graph
// must not reach the Stripe SDK, Firestore or the gRPC Pub/Sub client. Followed on the
// source, so no build is needed.
const heavy = ['stripe', '@google-cloud/firestore', '@google-cloud/pubsub', '@grpc/grpc-js', 'google-gax'];

describe('the Stripe webhook ingress’s module graph', () => {
  it('reaches neither the Stripe SDK nor Firestore nor the gRPC Pub/Sub client', () => {
    const { packages } = moduleGraph('functions/stripe-webhook.ts');
    for (const name of heavy) expect(packages).not.toContain(name);
  });

  it('verifies with our node:crypto check, not the payments adapter', () => {
    const { files, packages } = moduleGraph('functions/stripe-webhook.ts');
    expect(files).toContain('shared/adapters/stripe/stripe-signature.ts');
    expect(files).not.toContain('shared/adapters/stripe/stripe-payments.ts');
    expect(packages).toContain('node:crypto');
  });
});
