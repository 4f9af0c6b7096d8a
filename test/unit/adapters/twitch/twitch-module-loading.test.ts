import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { moduleGraph, projectRoot as root, runtimeImports } from '../../../support/module-graph';

// What a Twitch cold start pays for, read from the source: the EventSub ingress must
// answer fast and load no store, payments or Twitch SDK; the Helix adapter loads twurple
// (ESM-only) with a native import() only when first used.

describe('loading the Twitch functions', () => {
  it('keeps Firestore, Stripe, gRPC Pub/Sub and twurple off the EventSub ingress’s import graph', () => {
    const { packages } = moduleGraph('functions/twitch-webhook.ts');
    for (const heavy of ['@google-cloud/firestore', 'stripe', '@google-cloud/pubsub', '@twurple/api', '@twurple/auth']) expect(packages).not.toContain(heavy);
    expect(packages).toContain('node:crypto');
  });

  it('loads twurple in the Helix adapter only through a native import() that TypeScript keeps as is', () => {
    const file = 'shared/adapters/twitch/twitch-helix.ts';
    expect(runtimeImports(file, { dynamic: false }).filter((s) => s.startsWith('@twurple'))).toEqual([]);
    const options = ts.parseJsonConfigFileContent(ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config, ts.sys, root).options;
    const emitted = ts.transpileModule(readFileSync(join(root, file), 'utf8'), { compilerOptions: options, fileName: join(root, file) }).outputText;
    expect(emitted).toContain("import('@twurple/api')");
    expect(emitted).toContain("import('@twurple/auth')");
    expect(emitted).not.toMatch(/require\(["']@twurple/);
  });

  it('builds the Helix gateway without calling Twitch', () => {
    const { createTwitchHelix } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded here, after the module-loading checks above
      require('../../../../shared/adapters/twitch/twitch-helix') as typeof import('../../../../shared/adapters/twitch/twitch-helix');
    const gateway = createTwitchHelix({ clientId: 'client', clientSecret: 'secret' });
    expect(Object.keys(gateway).sort()).toEqual([
      'archivesOf',
      'clipById',
      'createClip',
      'currentStream',
      'listSubscriptions',
      'subscribeToAuthorizationRevocations',
      'subscribeToChatMessages',
      'subscribeToStreamEvents',
      'unsubscribe',
      'userFromAuthorizationCode',
    ]);
  });
});
