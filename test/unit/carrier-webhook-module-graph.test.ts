import { moduleGraph } from '../support/module-graph';

// The carrier's ingress answers EasyPost from a cold start: its module graph must not reach the
// EasyPost client, Firestore or the gRPC Pub/Sub client. Followed on the source, so no build is needed.
const heavy = ['@easypost/api', '@google-cloud/firestore', '@google-cloud/pubsub', '@grpc/grpc-js', 'google-gax'];

describe('the carrier webhook ingress’s module graph', () => {
  it('reaches neither the EasyPost client nor Firestore nor the gRPC Pub/Sub client', () => {
    const { packages } = moduleGraph('functions/carrier-webhook.ts');
    for (const name of heavy) expect(packages).not.toContain(name);
  });

  it('verifies with our node:crypto check, not the carrier adapter', () => {
    const { files, packages } = moduleGraph('functions/carrier-webhook.ts');
    expect(files).toContain('shared/adapters/easypost/easypost-webhook.ts');
    expect(files).not.toContain('shared/adapters/easypost/easypost-carrier.ts');
    expect(packages).toContain('node:crypto');
  });
});
