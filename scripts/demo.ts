/**
 * `npm run demo`: drives the local runtime with really signed interactions and prints
 * what each Discord user would see, step by step. Uses a runtime already answering on
 * PORT (with the dev secrets under C500_DATA_DIR), or starts its own. It can run any number
 * of times against the same runtime: each run plays in a server of its own (demo-run). With
 * the playground open (`/_local/play`), each step shows there as it runs: the demo sends
 * through its relay.
 */
import { readFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { hostFunction } from '../functions/catalog';
import { startLocalRuntime } from '../shared/local/runtime';
import { signInteraction } from '../shared/local/discord-signing';
import { snowflakeAt } from '../shared/common';
import type { DiscordMessage } from '../shared/ports';
import type { OutboxEntry } from '../shared/local/discord/discord-outbox';
import type { PlayInteraction } from '../shared/local/playground/play-feed';
import { auctionWalkthrough } from './demo-auction';
import { chatWalkthrough } from './demo-chat';
import { raceWalkthrough } from './demo-race';
import { showWalkthrough } from './demo-show';
import { demoOnboarding, demoRun, type DemoRun } from './demo-run';
import { lastSeq, linkOf, sessionIdOf, outboxAfter, waitFor } from './demo-outbox';
import { dashboardStep } from './demo-dashboard';
import { bold, dim } from './demo-words';
import { bosAddress, orderLifeWalkthrough, shippingCommand } from './demo-order-life';
import { queueWalkthrough } from './demo-queue';

interface Target {
  url: string;
  privateKey: string;
  /** Started by the demo, and stopped when it ends: its links die with it. */
  own: boolean;
  close(): Promise<void>;
}

async function target(): Promise<Target> {
  const port = process.env.PORT ?? '8080';
  const url = `http://127.0.0.1:${port}`;
  try {
    // Nothing listening refuses at once; a runtime that is there may be slow on a busy machine, so it gets time to answer.
    const health = await fetch(`${url}/_local/health`, { signal: AbortSignal.timeout(10_000) });
    const saved = JSON.parse(readFileSync(join(resolve(process.env.C500_DATA_DIR ?? '.data'), 'dev-secrets.json'), 'utf8')) as { DISCORD_PRIVATE_KEY?: string };
    if (health.ok && saved.DISCORD_PRIVATE_KEY) {
      console.log(dim(`Using the local runtime already running on ${url}.`));
      return { url, privateKey: saved.DISCORD_PRIVATE_KEY, own: false, close: async () => undefined };
    }
  } catch {
    // nothing there: start our own below
  }
  const runtime = await startLocalRuntime({
    hostFunction,
    functionProcessEntry: join(__dirname, 'function-process.js'),
    port: 0,
    print: () => undefined,
    env: { ...process.env, C500_DATA_DIR: mkdtempSync(join(tmpdir(), 'c500-demo-')), DISCORD_PUBLIC_KEY: undefined },
  });
  console.log(dim(`Started a local runtime on ${runtime.url} with a fresh data dir.`));
  return { url: runtime.url, privateKey: runtime.secrets.DISCORD_PRIVATE_KEY as string, own: true, close: runtime.close };
}

let seq = 0;
type Person = { id: string; name: string; permissions: string };
type Send = (body: unknown, headers?: Record<string, string>) => Promise<{ status: number; json?: { type: number; data?: DiscordMessage } }>;

/** This run's server, channels, bidders and sale ids: a second run never meets what the first left. */
const run: DemoRun = demoRun(Date.now());

function interaction(user: Person, path: string[], options: Record<string, string | number> = {}) {
  seq++;
  // Discord types a whole number as an integer option (4), the rest as strings (3).
  const leaf = Object.entries(options).map(([name, value]) => ({ name, type: typeof value === 'number' ? 4 : 3, value }));
  const sub = path.length > 0 ? [{ name: path[0] as string, type: 1, options: leaf }] : leaf;
  return {
    id: snowflakeAt(Date.now(), seq),
    type: 2,
    token: `demo-token-${Date.now()}-${seq}`,
    application_id: '1100000000000000001',
    guild_id: run.guildId,
    channel_id: run.channels.stage,
    member: { user: { id: user.id, username: user.name }, permissions: user.permissions },
    data: { name: 'c500', options: sub },
  };
}

function show(who: string, message: DiscordMessage | undefined): void {
  if (!message) return console.log(`  ${who} sees nothing.`);
  const privately = (message.flags ?? 0) & 64 ? ' (only they can see it)' : '';
  console.log(`  ${bold(who)} sees${privately}:`);
  for (const line of (message.content ?? '').split('\n')) if (line) console.log(`    ${line}`);
  for (const embed of message.embeds ?? []) {
    if (embed.title) console.log(`    ┃ ${bold(embed.title)}`);
    for (const line of (embed.description ?? '').split('\n')) if (line) console.log(`    ┃ ${line}`);
    for (const field of embed.fields ?? []) console.log(`    ┃ ${bold(field.name)}: ${field.value.replace(/\n/g, '\n    ┃   ')}`);
  }
}

async function main(): Promise<void> {
  const t = await target();
  const send = async (body: unknown, headers?: Record<string, string>) => {
    // Through the playground's relay, which signs it as Discord would and shows it to a page watching: `npm start`, open the playground, then run the demo.
    if (!headers) {
      const relayed = await fetch(`${t.url}/_local/play/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ interaction: body }),
      });
      if (relayed.ok) {
        const { answer } = ((await relayed.json()) as { interaction: PlayInteraction }).interaction;
        return {
          status: answer.status,
          json: answer.type === undefined ? undefined : { type: answer.type, ...(answer.data ? { data: answer.data as DiscordMessage } : {}) },
        };
      }
    }
    const raw = JSON.stringify(body);
    const res = await fetch(`${t.url}/discord/interactions`, { method: 'POST', body: raw, headers: headers ?? signInteraction(raw, t.privateKey) });
    return {
      status: res.status,
      json: res.headers.get('content-type')?.includes('json') ? ((await res.json()) as { type: number; data?: DiscordMessage }) : undefined,
    };
  };
  /** Every edit of one interaction's answer since `from` (a redelivery would show as a second). */
  const editsOf = async (token: string, from: number): Promise<OutboxEntry[]> => {
    await waitFor(t.url, from, 'the edited answer', (e) => e.find((x) => x.interactionToken === token));
    await new Promise((r) => setTimeout(r, 100)); // let a duplicate show up if there were one
    return (await outboxAfter(t.url, from)).filter((e) => e.interactionToken === token);
  };
  const ana = { id: '800000000000000001', name: 'ana_admin', permissions: '8' };
  const bo = { id: '800000000000000002', name: 'bo_buyer', permissions: '3072' };
  const channels = { general: run.channels.general, marketplace: run.channels.marketplace };
  console.log(dim(`This run plays in a server of its own (guild ${run.guildId}): an earlier run’s setup, show or race never gets in its way.`));

  console.log(bold('\n1. Discord checks the endpoint with a signed PING'));
  console.log(
    `  → ${JSON.stringify((await send({ id: snowflakeAt(Date.now(), 1), type: 1, token: 'demo-ping', application_id: '1100000000000000001' })).json)}`,
  );

  console.log(bold('\n2. Someone forges a request without Discord’s key'));
  console.log(
    `  → HTTP ${(await send({ id: snowflakeAt(Date.now(), 2), type: 1, token: 'forged', application_id: '1100000000000000001' }, { 'content-type': 'application/json', 'x-signature-ed25519': '00'.repeat(64), 'x-signature-timestamp': '1' })).status}, nothing happens`,
  );

  console.log(bold('\n3. bo types /c500 help (answered in the request)'));
  show('bo', (await send(interaction(bo, ['help']))).json?.data);

  console.log(bold('\n4. bo tries /c500 setup without admin rights'));
  show('bo', (await send(interaction(bo, ['setup'], channels))).json?.data);

  // A delivery window of 0 days: a parcel the carrier delivers releases its last payout at once, so the tour shows it.
  console.log(bold('\n5. ana (admin) runs /c500 setup general:#hangout marketplace:#drops drop-role:@drops delivery-window:0'));
  const setup = interaction(ana, ['setup'], { ...channels, 'drop-role': run.dropRole, 'delivery-window': 0 });
  let from = await lastSeq(t.url);
  const deferred = await send(setup);
  console.log(`  Discord shows “thinking…” (response type ${deferred.json?.type}), then the subscriber edits it:`);
  show('ana', (await editsOf(setup.token, from))[0]?.message);

  console.log(bold('\n6. bo runs /c500 profile, and Discord delivers it twice'));
  const profile = interaction(bo, ['profile']);
  from = await lastSeq(t.url);
  await send(profile);
  await send(profile);
  const edits = await editsOf(profile.token, from);
  show('bo', edits[0]?.message);
  console.log(dim(`  (${edits.length} edit for 2 deliveries)`));

  await marketplaceWalkthrough(t, send, bo);
  await auctionWalkthrough(t.url, run, (body) => send(body).then((r) => r.json), show, { id: '800000000000000003', name: 'cleo_builds' });
  await chatWalkthrough(t.url, run, (body) => send(body).then((r) => r.json), show, { id: '800000000000000003', name: 'cleo_builds' });
  await raceWalkthrough(t.url, run, (body) => send(body).then((r) => r.json), show, {
    ana,
    admin: { id: '800000000000000005', name: 'eli_mod', permissions: '32' },
    racers: [
      { id: '820000000000000001', name: 'rio_racer', permissions: '3072' },
      { id: '820000000000000002', name: 'sam_speed', permissions: '3072' },
      { id: '820000000000000003', name: 'tess_turbo', permissions: '3072' },
    ],
  });

  await showWalkthrough(t.url, run, (body) => send(body).then((r) => r.json), show, { ana, cleo: { id: '800000000000000003', name: 'cleo_builds' } });

  console.log(dim(`\nEvery outbound Discord call is at ${t.url}/_local/outbox`));

  console.log(bold('\nLast: the web dashboard, signed in with (the local) Discord'));
  const dashboard = await dashboardStep(t.url, { id: '800000000000000003', name: 'cleo_builds' }, { ...ana, adminGuilds: [run.guildId] });
  console.log(`  cleo’s dashboard shows ${dashboard.orders} of her orders, what is held and released each week, her auctions and show lots.`);
  console.log(`  ana’s page for this run’s server: ${dashboard.adminLink}`);
  console.log(`  Open your dashboard as cleo, the demo’s builder (the local Discord signs the browser in):\n  ${bold(dashboard.builderLink)}`);
  if (t.own)
    console.log(
      dim('  This demo started a runtime of its own and stops it now: run `npm start` in another terminal, then `npm run demo`, and the link stays open.'),
    );
  await t.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/** What every step of the marketplace's walkthrough shares: the runtime, the two people, and how they hear back. */
interface MarketScene {
  t: Target;
  send: Send;
  bo: Person;
  cleo: Person;
  /** The answer the subscriber edits in. */
  answerTo: (body: { token: string }) => Promise<DiscordMessage>;
}

/** Onboard → link Twitch → drop → buy → pay → go live → /c500 live order:… → the buyer's DM. */
async function marketplaceWalkthrough(t: Target, send: Send, bo: Person): Promise<void> {
  const cleo: Person = { id: '800000000000000003', name: 'cleo_builds', permissions: '3072' };
  const answerTo = async (body: { token: string }) => {
    const from = await lastSeq(t.url);
    await send(body);
    return (await waitFor(t.url, from, 'the edited answer', (e) => e.find((x) => x.interactionToken === body.token))).message;
  };
  const scene: MarketScene = { t, send, bo, cleo, answerTo };
  await onboardAndLinkTwitch(scene);
  console.log(bold('\n9. cleo sets her shipping: /c500 shipping to:US,CA domestic:12 domestic-extra:4 international:30 international-extra:8 handling-days:3'));
  show('cleo', await answerTo(shippingCommand(run, cleo)));
  const dropPost = await dropBoard(scene);
  const { orderId, sessionId } = await buyAndPay(scene, dropPost);
  await goLiveAndRelease(scene, orderId);

  await orderLifeWalkthrough(t.url, run, (body) => send(body).then((r) => r.json), show, { orderId, sessionId, cleo, bo });
  await queueWalkthrough(t.url, run, (body) => send(body).then((r) => r.json), show, {
    cleo,
    fay: { id: '800000000000000007', name: 'fay_buyer' },
    dee: { id: '800000000000000006', name: 'dee_buyer' },
  });
}

/** Steps 7 and 8: cleo onboards with Stripe (unless an earlier run did) and links her Twitch channel. */
async function onboardAndLinkTwitch({ t, cleo, answerTo }: MarketScene): Promise<void> {
  console.log(bold('\n7. cleo, a builder, runs /c500 onboard country:US'));
  const onboarding = await answerTo(interaction(cleo, ['onboard'], { country: 'US' }));
  show('cleo', onboarding);
  const step = demoOnboarding(linkOf(onboarding));
  const from = await lastSeq(t.url);
  if ('open' in step) {
    console.log(dim(`  cleo opens ${step.open} (the local Stripe stands in for Connect onboarding)`));
    await fetch(step.open);
    show('cleo (DM)', (await waitFor(t.url, from, 'cleo’s DM that she can sell', (e) => e.find((x) => x.kind === 'dm' && x.userId === cleo.id))).message);
  } else console.log(dim('  cleo onboarded in an earlier run of the demo, so there is no link to open this time.'));

  console.log(bold('\n8. cleo runs /c500 link-twitch and authorizes as twitch.tv/cleobuilds'));
  const linkTwitch = await answerTo(interaction(cleo, ['link-twitch']));
  show('cleo', linkTwitch);
  // The button is our own short link; it sends the browser on to Twitch's authorize page.
  const authorize = new URL((await fetch(linkOf(linkTwitch), { redirect: 'manual' })).headers.get('location') ?? '');
  authorize.searchParams.set('login', 'cleobuilds');
  const page = await (await fetch(authorize, { method: 'POST' })).text();
  console.log(
    `  The browser shows: ${dim(
      page
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 160),
    )}`,
  );
}

/** Step 10: cleo drops a board through the modal; its post in the marketplace channel. */
async function dropBoard({ t, send, cleo }: MarketScene): Promise<OutboxEntry> {
  console.log(bold('\n10. cleo runs /c500 drop and fills in the modal'));
  const modal = (await send(interaction(cleo, ['drop']))).json;
  console.log(`  Discord opens the modal “${(modal?.data as { title?: string } | undefined)?.title}” (response type ${modal?.type})`);
  const submit = {
    ...interaction(cleo, []),
    type: 5,
    data: {
      custom_id: 'drop:create',
      components: Object.entries({
        title: 'Lavender 65%',
        description: 'Oil Kings on a brass plate, tuned on stream',
        price: '240',
        kind: 'ready-to-ship 1',
        image: '',
      }).map(([id, value]) => ({
        type: 1,
        components: [{ type: 4, custom_id: id, value }],
      })),
    },
  };
  const from = await lastSeq(t.url);
  await send(submit);
  const drop = await waitFor(t.url, from, 'the drop’s post', (e) => e.find((x) => x.kind === 'channel' && x.channelId === run.channels.marketplace));
  show('everyone in #drops', drop.message);
  show('cleo', (await waitFor(t.url, from, 'cleo’s answer', (e) => e.find((x) => x.interactionToken === submit.token))).message);
  return drop;
}

/** Steps 11 and 12: bo buys the drop and pays on Stripe Checkout; the order and its session. */
async function buyAndPay({ t, bo, cleo, answerTo }: MarketScene, drop: OutboxEntry): Promise<{ orderId: string; sessionId: string }> {
  const buyId = JSON.stringify(drop.message.components).match(/buy:[0-9a-z]+/)?.[0] ?? '';

  console.log(bold('\n11. bo presses Buy Now'));
  // Pressed on the drop's post, so in the marketplace channel: a drop is sold only where it was posted.
  const press = { ...interaction(bo, []), channel_id: run.channels.marketplace, type: 3, data: { custom_id: buyId, component_type: 2 } };
  const checkout = await answerTo(press);
  show('bo', checkout);

  console.log(bold('\n12. bo types a US address on the (local) Stripe Checkout page and pays the board and its shipping'));
  const from = await lastSeq(t.url);
  const sessionId = sessionIdOf(linkOf(checkout));
  await fetch(`${t.url}/_local/stripe/sessions/${sessionId}/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(bosAddress),
  });
  const receipt = await waitFor(t.url, from, 'bo’s receipt', (e) => e.find((x) => x.kind === 'dm' && x.userId === bo.id));
  const newOrder = await waitFor(t.url, from, 'cleo’s new order', (e) => e.find((x) => x.kind === 'dm' && x.userId === cleo.id));
  show('bo (DM)', receipt.message);
  show('cleo (DM, the address for her eyes only)', newOrder.message);
  const orderId = JSON.stringify(newOrder.message).match(/mode:order:([0-9a-z]+)/)?.[1] ?? '';
  return { orderId, sessionId };
}

/** Steps 13 to 15: cleo goes live and proves the order on stream (its payout waits for the delivery), and bo checks his profile. */
async function goLiveAndRelease({ t, send, bo, cleo, answerTo }: MarketScene, orderId: string): Promise<void> {
  console.log(bold('\n13. cleo goes live: Twitch sends a signed stream.online to /webhooks/twitch'));
  const online = (await (await fetch(`${t.url}/_local/twitch/streams/cleobuilds/online?type=live`, { method: 'POST' })).json()) as unknown;
  console.log(dim(`  ${JSON.stringify(online).slice(0, 160)}…`));
  await new Promise((r) => setTimeout(r, 200));

  console.log(bold(`\n14. cleo runs /c500 live mode:order:${orderId} (the bot clips the stream as the proof)`));
  const from = await lastSeq(t.url);
  const live = interaction(cleo, ['live'], { mode: `order:${orderId}` });
  await send(live);
  show('cleo', (await waitFor(t.url, from, 'cleo’s answer', (e) => e.find((x) => x.interactionToken === live.token))).message);
  show('bo (DM)', (await waitFor(t.url, from, 'bo’s DM from the workbench', (e) => e.find((x) => x.kind === 'dm' && x.userId === bo.id))).message);
  const { transfers } = (await (await fetch(`${t.url}/_local/stripe/transfers`)).json()) as {
    transfers: Array<{ amount: number; destination: string; metadata: Record<string, string> }>;
  };
  const released = transfers.filter((x) => x.metadata.order_id === orderId);
  // The delivery gate: nothing leaves at the proof; bo's Received (step 17) sends it.
  console.log(
    dim(`  Stripe transfers for the order: ${released.length === 0 ? 'none yet: cleo’s payout waits until the board is delivered' : released.length}`),
  );

  console.log(bold('\n15. bo checks /c500 profile'));
  show('bo', await answerTo(interaction(bo, ['profile'])));
}
