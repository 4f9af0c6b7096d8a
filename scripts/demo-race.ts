/**
 * The race lobby part of `npm run demo`: ana opens a lobby, three racers join, the window
 * opens, merch sells on Stripe, Ko-fi and Shopify (one sale delivered twice, one partly
 * refunded), the OBS pot shows it, the race ends, a racer checks their wallet and is paid
 * out, and a second admin is stopped from paying more than is pending.
 */
import type { DiscordMessage } from '../shared/ports';
import type { OutboxEntry } from '../shared/local/discord/discord-outbox';
import { snowflakeAt } from '../shared/common';
import type { DemoRun } from './demo-run';
import { lastSeq, outboxAfter, waitFor } from './demo-outbox';
import { bold, dim, pause, type Show } from './demo-words';

type Send = (body: unknown) => Promise<{ type: number; data?: DiscordMessage } | undefined>;
interface Person {
  id: string;
  name: string;
  permissions: string;
}
export interface RacePeople {
  ana: Person;
  admin: Person;
  racers: [Person, Person, Person];
}

let seq = 0;

interface Option {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: Option[];
}

/** Interactions in this run's server and channel. */
function interactions(run: DemoRun) {
  const base = (user: Person) => {
    seq++;
    return {
      // Never the same as the ids of the other parts of the demo, made in the same millisecond.
      id: snowflakeAt(Date.now(), 70_000 + seq),
      token: `demo-race-${Date.now()}-${seq}`,
      application_id: '1100000000000000001',
      guild_id: run.guildId,
      channel_id: run.channels.stage,
      member: { user: { id: user.id, username: user.name }, permissions: user.permissions },
    };
  };
  const command = (user: Person, name: string, options: Option[] = []) => ({ ...base(user), type: 2, data: { name, options } });
  return {
    command,
    race: (user: Person, sub: string, options: Option[] = []) => command(user, 'race', [{ name: sub, type: 1, options }]),
    press: (user: Person, customId: string) => ({ ...base(user), type: 3, data: { custom_id: customId, component_type: 2 } }),
  };
}

async function post(url: string, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${url}${path}`, { method: 'POST' });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

interface PotBoard {
  title: string;
  status: string;
  pool: string;
  rate: string;
  salesCount: number;
  racers: Array<{ name: string; share: string }>;
  headline: string;
}

/** What every step of the race's walkthrough shares: the people, how they act and hear back, and the lobby's message. */
interface RaceScene {
  url: string;
  run: DemoRun;
  show: Show;
  people: RacePeople;
  calls: ReturnType<typeof interactions>;
  /** The outbox's sequence when the walkthrough began. */
  started: number;
  /** The private answer: at once, or the deferred one the subscriber edits in. */
  answer: (body: { token: string }) => Promise<DiscordMessage | undefined>;
  lobbyId: string;
  /** The edits of the lobby's message among `entries`. */
  lobbyEdits: (entries: OutboxEntry[]) => OutboxEntry[];
}

export async function raceWalkthrough(url: string, run: DemoRun, send: Send, show: Show, people: RacePeople): Promise<void> {
  const calls = interactions(run);
  const started = await lastSeq(url);
  const answer = async (body: { token: string }): Promise<DiscordMessage | undefined> => {
    const from = await lastSeq(url);
    const first = await send(body);
    if (first?.type !== 5) return first?.data;
    return (await waitFor(url, from, 'the edited answer', (e) => e.filter((x) => x.interactionToken === body.token).pop())).message;
  };
  const posted = await openLobby(url, show, answer, () => calls.race(people.ana, 'open', [{ name: 'title', type: 3, value: 'Friday Mario Kart' }]));
  const scene: RaceScene = {
    url,
    run,
    show,
    people,
    calls,
    started,
    answer,
    lobbyId: posted?.message.embeds?.[0]?.footer?.text?.replace('Lobby ', '') ?? '',
    lobbyEdits: (entries) => entries.filter((x) => x.kind === 'edit' && x.messageId === posted?.messageId),
  };
  const buttons = ((posted?.message.components ?? []) as Array<{ components: Array<{ label?: string; custom_id?: string }> }>).flatMap((r) => r.components);
  console.log(dim(`    [${buttons.map((b) => `${b.label} (${b.custom_id})`).join('] [')}]   footer: Lobby ${scene.lobbyId}`));

  await joinAndStart(scene);
  const { sessionId, settled } = await sellMerch(scene);
  await refundPart(scene, sessionId, settled);
  await potOverlayAndEnd(scene);
  await payOut(scene);
}

const potField = (m: DiscordMessage | undefined) => m?.embeds?.[0]?.fields?.find((f) => f.name === 'Live pot')?.value ?? '';
const salesOn = (m: DiscordMessage | undefined) => Number(potField(m).match(/from (\d+) sales?/)?.[1] ?? 0);

/** Step 28: ana opens the lobby; the lobby's message as everyone sees it. */
async function openLobby(url: string, show: Show, answer: RaceScene['answer'], open: () => { token: string }): Promise<OutboxEntry> {
  console.log(bold('\n28. ana (admin) runs /race open title:"Friday Mario Kart"'));
  const from = await lastSeq(url);
  show('ana', await answer(open()));
  const posted = await waitFor(url, from, 'the lobby message', (e) =>
    e.find((x) => x.kind === 'channel' && (x.message.embeds?.[0]?.footer?.text ?? '').startsWith('Lobby ')),
  );
  show('everyone in the channel', posted?.message);
  return posted;
}

/** Steps 29 and 30: three racers join, and ana starts the race. */
async function joinAndStart(scene: RaceScene): Promise<void> {
  const { url, show, answer, started, lobbyEdits, lobbyId } = scene;
  const { ana, racers } = scene.people;
  const { race, press } = scene.calls;
  console.log(bold(`\n29. ${racers.map((r) => r.name).join(', ')} press Join`));
  const joins: Array<DiscordMessage | undefined> = [];
  for (const r of racers) joins.push(await answer(press(r, `race:join:${lobbyId}`)));
  show(racers[2].name, joins[2]);
  const grid = await waitFor(url, started, 'the lobby’s grid of three', (e) =>
    lobbyEdits(e)
      .filter((x) => (x.message.embeds?.[0]?.fields?.[0]?.name ?? '').includes('(3/'))
      .pop(),
  );
  console.log(dim(`  the lobby message now lists: ${(grid?.message.embeds?.[0]?.fields?.[0]?.value ?? '').replace(/\n/g, '  ')}`));

  console.log(bold('\n30. ana runs /race start'));
  const from = await lastSeq(url);
  show('ana', await answer(race(ana, 'start')));
  show(
    'everyone in the channel',
    (await waitFor(url, from, 'the race’s start', (e) => e.find((x) => x.kind === 'channel' && (x.message.content ?? '').includes('is on!')))).message,
  );
}

/** What a shop's delivery to its webhook was answered. */
function webhookOf(r: { status: number; body: Record<string, unknown> }): string {
  const hook = r.body.webhook as { status: number; text: string } | undefined;
  return hook ? `HTTP ${hook.status}${hook.text ? ` ${dim(hook.text.slice(0, 80))}` : ''}` : `HTTP ${r.status} ${JSON.stringify(r.body).slice(0, 160)}`;
}

/** Step 31: merch sells on Stripe, Ko-fi and Shopify (one Shopify order delivered twice), and the pot counts three sales. */
async function sellMerch(scene: RaceScene): Promise<{ sessionId: string; settled: OutboxEntry | undefined }> {
  const { url, run, show, started, lobbyEdits } = scene;
  const GUILD = run.guildId;
  console.log(bold('\n31. Merch sells in three shops while the window is open'));
  const link = await post(url, `/_local/stripe/payment-links/${GUILD}?amount=40.00&item=Hoodie`);
  const sessionId = (link.body.session as { id: string }).id;
  console.log(`  A buyer opens the guild's Stripe Payment Link (metadata.guild_id = ${GUILD}) for a $40.00 Hoodie: session ${sessionId}`);
  const paid = await post(url, `/_local/stripe/sessions/${sessionId}/pay`);
  console.log(
    `    and pays: Stripe sends a signed checkout.session.completed → ${paid.status === 200 && paid.body.delivered ? 'HTTP 200 from /webhooks/stripe' : `HTTP ${paid.status} ${JSON.stringify(paid.body).slice(0, 160)}`}`,
  );
  const { kofiTransaction, kofiMessage, shopifyOrder, shopifyWebhooks } = run.sales;
  const kofi = await post(url, `/_local/kofi/${GUILD}/payments?amount=25.00&transaction=${kofiTransaction}&message=${kofiMessage}`);
  console.log(`  A $25.00 Ko-fi shop order: Ko-fi posts the form with the verification token to /webhooks/kofi/${GUILD} → ${webhookOf(kofi)}`);
  const shopify = await post(url, `/_local/shopify/${GUILD}/orders/${shopifyOrder}/paid?amount=60.00&webhook=${shopifyWebhooks[0]}`);
  console.log(`  Shopify order #${shopifyOrder} for $60.00: orders/paid, HMAC-signed, to /webhooks/shopify/${GUILD} → ${webhookOf(shopify)}`);
  const again = await post(url, `/_local/shopify/${GUILD}/orders/${shopifyOrder}/paid?amount=60.00&webhook=${shopifyWebhooks[1]}`);
  console.log(
    `  Shopify retries order #${shopifyOrder} under a new webhook id (${shopifyWebhooks[1]}) → ${webhookOf(again)}: accepted, but the sale is keyed by the order`,
  );
  await waitFor(url, started, 'the pot from three sales', (e) =>
    lobbyEdits(e)
      .filter((x) => salesOn(x.message) >= 3)
      .pop(),
  );
  await pause(1_200); // the repeated order, had it counted, would show in the next second's edit
  const settled = lobbyEdits(await outboxAfter(url, started)).pop();
  show('everyone in the channel (the lobby message, edited at most once a second)', settled?.message);
  const counted = salesOn(settled?.message);
  if (counted !== 3) throw new Error(`the pot counts ${counted} sales for 4 deliveries of 3: Shopify #${shopifyOrder} should be credited once`);
  console.log(dim(`  4 deliveries, ${counted} sales on the pot: the repeated Shopify #${shopifyOrder} is credited once`));
  return { sessionId, settled };
}

/** Step 32: a partial Stripe refund of the Hoodie, taken back from the racers' shares. */
async function refundPart(scene: RaceScene, sessionId: string, settled: OutboxEntry | undefined): Promise<void> {
  const { url, lobbyEdits } = scene;
  console.log(bold('\n32. The Hoodie buyer gets $10.00 back: a partial Stripe refund'));
  const potBefore = potField(settled?.message);
  const from = await lastSeq(url);
  const refund = await post(url, `/_local/stripe/sessions/${sessionId}/refund?amount=1000`);
  const charge = refund.body.charge as { amount_refunded?: number } | undefined;
  console.log(
    `  Stripe sends a signed charge.refunded (amount_refunded ${charge?.amount_refunded ?? '?'}) → ${refund.status === 200 && refund.body.delivered ? 'HTTP 200 from /webhooks/stripe' : `HTTP ${refund.status} ${JSON.stringify(refund.body).slice(0, 160)}`}`,
  );
  const afterRefund = await waitFor(url, from, 'the pot after the refund', (e) =>
    lobbyEdits(e)
      .filter((x) => potField(x.message) !== potBefore)
      .pop(),
  );
  console.log(
    `  Each racer loses a quarter of their credit from that sale (rounded half up), as new ledger entries: the live pot goes from ${potBefore.replace(/\*\*/g, '')} to ${potField(afterRefund?.message).replace(/\*\*/g, '')}`,
  );
}

/** Steps 33 and 34: the pot as the stream's overlay reads it, and ana ends the race. */
async function potOverlayAndEnd(scene: RaceScene): Promise<void> {
  const { url, show, answer, lobbyEdits, lobbyId } = scene;
  console.log(bold(`\n33. The stream's OBS browser source shows ${url}/overlay/pot?id=${lobbyId} (1280×120)`));
  const board = (await (await fetch(`${url}/overlay/pot/${lobbyId}`)).json()) as PotBoard;
  console.log(dim(`  GET /overlay/pot/${lobbyId}: “${board.headline}”, pool ${board.pool} from ${board.salesCount} sales at ${board.rate}`));
  console.log(dim(`  shares: ${board.racers.map((r) => `${r.name} ${r.share}`).join(' · ')}`));

  console.log(bold('\n34. ana runs /race end'));
  const from = await lastSeq(url);
  show('ana', await answer(scene.calls.race(scene.people.ana, 'end')));
  show(
    'everyone in the channel',
    (await waitFor(url, from, 'the race’s end', (e) => e.find((x) => x.kind === 'channel' && (x.message.content ?? '').includes('is over')))).message,
  );
  const over = await waitFor(url, from, 'the lobby message’s “Race over”', (e) =>
    lobbyEdits(e)
      .filter((x) => (x.message.embeds?.[0]?.title ?? '').includes('Race over'))
      .pop(),
  );
  console.log(dim(`  the lobby message becomes “${over?.message.embeds?.[0]?.title ?? '?'}”; later sales go to the house`));
}

/** Steps 35 to 37: a racer checks their wallet, ana pays them out, and a second admin is stopped from paying more than is pending. */
async function payOut(scene: RaceScene): Promise<void> {
  const { url, show, answer } = scene;
  const { ana, admin, racers } = scene.people;
  const [rio] = racers;
  const { command } = scene.calls;
  console.log(bold(`\n35. ${rio.name} runs /wallet`));
  show(rio.name, await answer(command(rio, 'wallet')));

  console.log(bold(`\n36. ana runs /payout user:@${rio.name} amount:5 note:"store credit"`));
  const from = await lastSeq(url);
  const payout = (who: Person, amount: number, note?: string) =>
    command(who, 'payout', [
      { name: 'user', type: 6, value: rio.id },
      { name: 'amount', type: 10, value: amount },
      ...(note ? [{ name: 'note', type: 3, value: note }] : []),
    ]);
  show('ana', await answer(payout(ana, 5, 'store credit')));
  show(
    'everyone in the channel',
    (await waitFor(url, from, 'the cash-out post', (e) => e.find((x) => x.kind === 'channel' && (x.message.content ?? '').includes('cashed out')))).message,
  );

  console.log(bold(`\n37. ${admin.name}, another admin, tries /payout user:@${rio.name} amount:10`));
  show(admin.name, await answer(payout(admin, 10)));
}
