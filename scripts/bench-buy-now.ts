/**
 * `npm run bench:buy-now`: a hype moment on one drop. BUYERS people press Buy Now at once
 * on a ready-to-ship drop with STOCK units, through the whole local pipeline (really signed
 * interaction → verify → bus → reservation transaction → checkout simulator → response
 * edit). Prints how long the answers and the edits took and checks nothing was oversold.
 * Prints figures; asserts nothing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hostFunction } from '../functions/catalog';
import { signInteraction } from '../shared/local/discord-signing';
import { startLocalRuntime } from '../shared/local/runtime';
import { dropsCollection } from '../shared/domain/marketplace/drop';
import { builderPath } from '../shared/domain/onboarding/builder';
import { snowflakeAt } from '../shared/domain/common/ids';
import { dropWithStock } from '../shared/app/marketplace/drop-stock';

const buyers = Number(process.env.BUYERS ?? 500);
const stock = Number(process.env.STOCK ?? 50);
const guild = '900000000000000001';
const builderId = '800000000000000009';

const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] as number;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'c500-bench-'));
  const rt = await startLocalRuntime({
    hostFunction,
    port: 0,
    print: () => undefined,
    env: { ...process.env, C500_DATA_DIR: dataDir, C500_LOG_LEVEL: 'silent', DISCORD_PUBLIC_KEY: undefined },
  });
  const key = rt.secrets.DISCORD_PRIVATE_KEY as string;
  let seq = 0;
  const send = (body: Record<string, unknown>) => {
    const raw = JSON.stringify({
      id: snowflakeAt(Date.now(), ++seq),
      token: `bench-${seq}`,
      application_id: '1100000000000000001',
      guild_id: guild,
      channel_id: '910000000000000002',
      ...body,
    });
    return fetch(`${rt.url}/discord/interactions`, { method: 'POST', body: raw, headers: signInteraction(raw, key) });
  };
  const member = (id: string) => ({ user: { id, username: `u${id}` }, permissions: '8' });

  // A set-up guild and an onboarded builder with one drop.
  await send({
    type: 2,
    member: member('800000000000000001'),
    data: {
      name: 'c500',
      options: [
        {
          name: 'setup',
          type: 1,
          options: [
            { name: 'general', type: 7, value: '920000000000000001' },
            { name: 'marketplace', type: 7, value: '910000000000000002' },
          ],
        },
      ],
    },
  });
  await rt.store.set(builderPath(builderId), {
    discordUserId: builderId,
    displayName: 'Bench Builder',
    stripeAccountId: (await rt.payments.createConnectedAccount({ builderId, country: 'US', serviceAgreement: 'full', idempotencyKey: 'bench' })).accountId,
    chargesEnabled: true,
    payoutsEnabled: true,
  });
  const fields = { title: 'Bench board', description: 'A hype drop', price: '120', kind: `ready-to-ship ${stock}`, image: '' };
  await send({
    type: 5,
    member: member(builderId),
    data: { custom_id: 'drop:create', components: Object.entries(fields).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })) },
  });
  await rt.settle();
  const [drop] = await rt.store.query(dropsCollection, { limit: 1 });
  if (!drop) throw new Error('the drop was not posted');

  const start = performance.now();
  const presses = Array.from({ length: buyers }, (_, i) => {
    const token = `press-${i}`;
    const raw = JSON.stringify({
      id: snowflakeAt(Date.now(), 100_000 + i),
      type: 3,
      token,
      application_id: '1100000000000000001',
      guild_id: guild,
      channel_id: '910000000000000002',
      member: member(`7${String(i).padStart(17, '0')}`),
      data: { custom_id: `buy:${drop.id}`, component_type: 2 },
    });
    return fetch(`${rt.url}/discord/interactions`, { method: 'POST', body: raw, headers: signInteraction(raw, key) }).then((res) => ({
      token,
      status: res.status,
      answeredMs: performance.now() - start,
    }));
  });
  const answered = await Promise.all(presses);
  await rt.settle();
  const total = performance.now() - start;

  const editedAt = new Map(
    rt.outbox.entries.filter((e) => e.kind === 'edit' && e.interactionToken?.startsWith('press-')).map((e) => [e.interactionToken as string, Date.parse(e.at)]),
  );
  const edits = rt.outbox.entries.filter((e) => e.kind === 'edit' && e.interactionToken?.startsWith('press-'));
  const checkouts = edits.filter((e) => JSON.stringify(e.message.components ?? []).includes('/_local/stripe/checkout/')).length;
  const soldOut = edits.filter((e) => (e.message.content ?? '').includes('sold out')).length;
  const sessions = (await rt.payments.listSessions()).filter((s) => s.metadata?.drop_id === drop.id).length;
  const left = (await dropWithStock(rt.store, drop.id))?.stockAvailable;

  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown cpu'}, node ${process.version}`);
  console.log(`${buyers} buyers pressed Buy Now at once on a drop with ${stock} in stock`);
  console.log(
    `interaction answers (deferred): all ${answered.filter((a) => a.status === 200).length} HTTP 200; p50 ${percentile(
      answered.map((a) => a.answeredMs),
      50,
    ).toFixed(0)} ms, p99 ${percentile(
      answered.map((a) => a.answeredMs),
      99,
    ).toFixed(0)} ms after the first press`,
  );
  console.log(
    `every buyer's response edited within ${total.toFixed(0)} ms (${editedAt.size} edits): ${checkouts} checkout links, ${soldOut} sold-out messages`,
  );
  console.log(`checkout sessions for the drop: ${sessions}; stock left: ${left}; oversold: ${Math.max(0, checkouts - stock)}`);
  await rt.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
