/**
 * `npm run demo`: drives the local runtime with really signed interactions and prints
 * what each Discord user would see, step by step. Uses a runtime already answering on
 * PORT (with the dev secrets under C500_DATA_DIR), or starts its own.
 */
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostFunction } from '../functions/catalog';
import { startLocalRuntime } from '../shared/local/runtime';
import { signInteraction } from '../shared/local/discord-signing';
import type { DiscordMessage } from '../shared/ports';
import type { OutboxEntry } from '../shared/adapters/discord/discord-outbox';

const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;

interface Target { url: string; privateKey: string; close(): Promise<void> }

async function target(): Promise<Target> {
  const port = process.env.PORT ?? '8080';
  const url = `http://127.0.0.1:${port}`;
  try {
    const health = await fetch(`${url}/_local/health`, { signal: AbortSignal.timeout(500) });
    const saved = JSON.parse(readFileSync(join(resolve(process.env.C500_DATA_DIR ?? '.data'), 'dev-secrets.json'), 'utf8')) as { DISCORD_PRIVATE_KEY?: string };
    if (health.ok && saved.DISCORD_PRIVATE_KEY) {
      console.log(dim(`Using the local runtime already running on ${url}.`));
      return { url, privateKey: saved.DISCORD_PRIVATE_KEY, close: async () => undefined };
    }
  } catch {
    // nothing there: start our own below
  }
  const runtime = await startLocalRuntime({
    hostFunction,
    port: 0,
    print: () => undefined,
    env: { ...process.env, C500_DATA_DIR: mkdtempSync(join(tmpdir(), 'c500-demo-')), DISCORD_PUBLIC_KEY: undefined },
  });
  console.log(dim(`Started a local runtime on ${runtime.url} with a fresh data dir.`));
  return { url: runtime.url, privateKey: runtime.secrets.DISCORD_PRIVATE_KEY as string, close: runtime.close };
}

let seq = 0;
function interaction(user: { id: string; name: string; permissions: string }, path: string[], options: Record<string, string> = {}) {
  seq++;
  const leaf = Object.entries(options).map(([name, value]) => ({ name, type: 3, value }));
  const sub = path.length > 0 ? [{ name: path[0] as string, type: 1, options: leaf }] : leaf;
  return {
    id: `${Date.now()}${seq}`,
    type: 2,
    token: `demo-token-${Date.now()}-${seq}`,
    application_id: '1100000000000000001',
    guild_id: '900000000000000001',
    channel_id: '910000000000000001',
    member: { user: { id: user.id, username: user.name }, permissions: user.permissions },
    data: { name: 'c500', options: sub },
  };
}

function show(who: string, message: DiscordMessage | undefined): void {
  if (!message) return console.log(`  ${who} sees nothing.`);
  const privately = (message.flags ?? 0) & 64 ? ' (only they can see it)' : '';
  console.log(`  ${bold(who)} sees${privately}:`);
  if (message.content) console.log(`    ${message.content}`);
  for (const embed of message.embeds ?? []) {
    if (embed.title) console.log(`    ┃ ${bold(embed.title)}`);
    for (const line of (embed.description ?? '').split('\n')) if (line) console.log(`    ┃ ${line}`);
    for (const field of embed.fields ?? []) console.log(`    ┃ ${bold(field.name)}: ${field.value}`);
  }
}

async function main(): Promise<void> {
  const t = await target();
  const send = async (body: unknown, headers?: Record<string, string>) => {
    const raw = JSON.stringify(body);
    const res = await fetch(`${t.url}/discord/interactions`, { method: 'POST', body: raw, headers: headers ?? signInteraction(raw, t.privateKey) });
    return { status: res.status, json: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as { type: number; data?: DiscordMessage }) : undefined };
  };
  const editFor = async (token: string): Promise<OutboxEntry[]> => {
    for (let i = 0; i < 100; i++) {
      const { entries } = (await (await fetch(`${t.url}/_local/outbox`)).json()) as { entries: OutboxEntry[] };
      const edits = entries.filter((e) => e.interactionToken === token);
      if (edits.length > 0) {
        await new Promise((r) => setTimeout(r, 100)); // let a duplicate show up if there were one
        return ((await (await fetch(`${t.url}/_local/outbox`)).json()) as { entries: OutboxEntry[] }).entries.filter((e) => e.interactionToken === token);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    return [];
  };
  const ana = { id: '800000000000000001', name: 'ana_admin', permissions: '8' };
  const bo = { id: '800000000000000002', name: 'bo_buyer', permissions: '3072' };

  console.log(bold('\n1. Discord checks the endpoint with a signed PING'));
  console.log(`  → ${JSON.stringify((await send({ id: 'ping', type: 1, token: 'x', application_id: '1' })).json)}`);

  console.log(bold('\n2. Someone forges a request without Discord’s key'));
  console.log(`  → HTTP ${(await send({ id: 'forged', type: 1, token: 'x', application_id: '1' }, { 'content-type': 'application/json', 'x-signature-ed25519': '00'.repeat(64), 'x-signature-timestamp': '1' })).status}, nothing happens`);

  console.log(bold('\n3. bo types /c500 help (answered in the request)'));
  show('bo', (await send(interaction(bo, ['help']))).json?.data);

  console.log(bold('\n4. bo tries /c500 setup without admin rights'));
  show('bo', (await send(interaction(bo, ['setup'], { general: '920000000000000001', marketplace: '920000000000000002' }))).json?.data);

  console.log(bold('\n5. ana (admin) runs /c500 setup general:#hangout marketplace:#drops drop-role:@drops'));
  const setup = interaction(ana, ['setup'], { general: '920000000000000001', marketplace: '920000000000000002', 'drop-role': '930000000000000001' });
  const deferred = await send(setup);
  console.log(`  Discord shows “thinking…” (response type ${deferred.json?.type}), then the subscriber edits it:`);
  show('ana', (await editFor(setup.token))[0]?.message);

  console.log(bold('\n6. bo runs /c500 profile, and Discord delivers it twice'));
  const profile = interaction(bo, ['profile']);
  await send(profile);
  await send(profile);
  const edits = await editFor(profile.token);
  show('bo', edits[0]?.message);
  console.log(dim(`  (${edits.length} edit for 2 deliveries)`));

  console.log(dim(`\nEvery outbound Discord call is at ${t.url}/_local/outbox`));
  await t.close();
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
