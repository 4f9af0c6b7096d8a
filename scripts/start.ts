/**
 * `npm start [-- --production-clients]`: every function on the embedded defaults, or, with the
 * switch (or C500_PRODUCTION_CLIENTS=1), on the production clients over Google's emulators
 * (started here unless FIRESTORE_EMULATOR_HOST / PUBSUB_EMULATOR_HOST name running ones, and
 * stopped with the runtime).
 */
import { join } from 'node:path';
import { hostFunction } from '../functions/catalog';
import { ConfigError } from '../shared/config';
import { startLocalRuntime } from '../shared/local/runtime';
import { RuntimeStartError } from '../shared/local/public-socket';
import { playgroundPath } from '../shared/local/playground/play-routes';
import { productionEmulators, wantsProductionClients } from './production-emulators';

async function main(): Promise<void> {
  const started = Date.now();
  const emulators = wantsProductionClients(process.argv.slice(2), process.env)
    ? await productionEmulators(process.env, (line) => process.stderr.write(`${line}\n`))
    : undefined;
  const stopEmulators = async () => emulators?.stop();
  const runtime = await startLocalRuntime({
    hostFunction,
    functionProcessEntry: join(__dirname, 'function-process.js'),
    env: emulators?.env ?? process.env,
  }).catch(async (error: unknown) => {
    await stopEmulators();
    throw error;
  });
  const lines = [
    `Open the playground: ${runtime.url}${playgroundPath}`,
    '',
    `C500 Collective local runtime on ${runtime.url} (ready in ${Date.now() - started} ms)`,
    `  Discord interactions  POST ${runtime.url}/discord/interactions`,
    `  Stripe webhook        POST ${runtime.url}/webhooks/stripe`,
    `  Twitch EventSub       POST ${runtime.url}/webhooks/twitch`,
    `  Ko-fi, Shopify sales  POST ${runtime.url}/webhooks/kofi/<guild id>, ${runtime.url}/webhooks/shopify/<guild id>`,
    `  Outbox                GET  ${runtime.url}/_local/outbox`,
    `  Processes             runtime ${process.pid}${runtime.processes.map((p) => `, ${p.role} ${p.pid()}`).join('')}${runtime.processes.some((p) => p.role === 'subscribers') ? '' : ' (no Redis answered: bids are decided in memory, here)'}`,
    `  Checkout simulator    GET  ${runtime.url}/_local/stripe/sessions`,
    `  Twitch simulator      POST ${runtime.url}/_local/twitch/streams/<login>/online`,
    `  Web dashboard         GET  ${runtime.url}/dashboard (sign in through the local Discord: ?user_id=<id>&admin_guilds=<ids>)`,
    `  Data                  ${runtime.config.dataDir}`,
  ];
  if (emulators) lines.push(`  Production clients    Firestore SDK on ${emulators.env.FIRESTORE_EMULATOR_HOST}, project ${runtime.config.projectId}`);
  if (runtime.generatedSecrets.length > 0) {
    lines.push('', 'Development secrets (set these variables to use your own):');
    for (const name of runtime.generatedSecrets) lines.push(`  ${name}=${runtime.secrets[name as keyof typeof runtime.secrets]}`);
  }
  if (runtime.secrets.DISCORD_PRIVATE_KEY) {
    lines.push('', 'Sign test interactions with this Ed25519 private key (PKCS#8 DER, hex):', `  DISCORD_PRIVATE_KEY=${runtime.secrets.DISCORD_PRIVATE_KEY}`);
  }
  lines.push('', `Try it: open ${runtime.url}${playgroundPath}, or run npm run demo and watch it there`);
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = () =>
    void runtime
      .close()
      .finally(stopEmulators)
      .then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  // What a person can fix is said in a sentence; anything else keeps its stack.
  const said = error instanceof ConfigError || error instanceof RuntimeStartError;
  process.stderr.write(`${said ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
