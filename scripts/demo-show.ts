/**
 * The show part of `npm run demo`: ana hosts a show of three lots from two builders (cleo
 * and dax). Lot 1 sells to eve, lot 2 goes unsold under its reserve, eve wins lot 3 too and
 * pays for both of cleo's lots in one checkout; cleo proves the work live and the release
 * sends cleo's share and ana's cut from that one charge, to the cent.
 */
import type { DiscordMessage } from '../shared/ports';
import type { OutboxEntry } from '../shared/local/discord/discord-outbox';
import { command as commandIn, type Option } from './demo-auction';
import { demoOnboarding, type DemoRun } from './demo-run';
import { lastSeq, linkOf, sessionIdOf, outboxAfter, waitFor } from './demo-outbox';
import { bold, dim, type Person, type Send, type Show } from './demo-words';

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

const text = (name: string, value: string): Option => ({ name, type: 3, value });

type ShowTransfer = { amount: number; destination: string; source_transaction: string | null; metadata: Record<string, string> };

/** The lots' transfers once cleo's share and ana's cut of each have gone (the carrier's webhook is handled by a subscriber, a moment later). */
async function releasesOf(url: string, orderIds: readonly string[]): Promise<ShowTransfer[]> {
  let found: ShowTransfer[] = [];
  for (let tries = 0; tries < 100 && found.length < 2 * orderIds.length; tries++) {
    if (tries > 0) await new Promise((r) => setTimeout(r, 100));
    const { transfers } = (await (await fetch(`${url}/_local/stripe/transfers`)).json()) as { transfers: ShowTransfer[] };
    found = transfers.filter((t) => orderIds.includes(t.metadata.order_id ?? ''));
  }
  return found;
}
const number = (name: string, value: number): Option => ({ name, type: 10, value });

interface LocalSession {
  id: string;
  amount_total: number;
  metadata: Record<string, string>;
  line_items: { data: Array<{ description: string; amount_total: number }> };
}

/** What every step of the show's walkthrough shares: the people, and how they act and hear back. */
interface ShowScene {
  url: string;
  run: DemoRun;
  show: Show;
  ana: Person;
  cleo: Person;
  dax: Person;
  eve: Person;
  fay: Person;
  /** The outbox's sequence when the walkthrough began. */
  started: number;
  /** The answer the subscriber edits in. */
  answer: (interaction: { token: string }) => Promise<DiscordMessage>;
}

export async function showWalkthrough(url: string, run: DemoRun, send: Send, show: Show, people: { ana: Person; cleo: Person }): Promise<void> {
  const started = await lastSeq(url);
  const answer = async (interaction: { token: string }) => {
    const from = await lastSeq(url);
    await send(interaction);
    return (await waitFor(url, from, 'the edited answer', (e) => e.filter((x) => x.interactionToken === interaction.token).pop())).message;
  };
  const scene: ShowScene = {
    url,
    run,
    show,
    ...people,
    dax: { id: '800000000000000006', name: 'dax_keys' },
    eve: { id: run.bidders.eve, name: 'eve_collects' },
    fay: { id: run.bidders.fay, name: 'fay_bids' },
    started,
    answer,
  };
  await setShowRules(scene);
  await createShowAndOnboard(scene);
  await addLots(scene);
  const startedAt = await startShowAndSellLot1(scene);
  const sheet = await runLots2And3(scene, startedAt);
  const { session, charged } = await checkoutOnce(scene);
  await proveAndRelease(scene, session, charged, sheet);
}

const command = (scene: ShowScene, user: Person, name: string, options: Option[], permissions?: string) =>
  commandIn(scene.run, user, name, options, permissions);
const showCommand = (scene: ShowScene, user: Person, sub: string, options: Option[] = [], permissions?: string) =>
  command(scene, user, 'c500', [{ name: 'show', type: 2, options: [{ name: sub, type: 1, options }] }], permissions);

/** Step 38: ana's show and auction settings, short for the demo. */
async function setShowRules(scene: ShowScene): Promise<void> {
  const { show, answer, ana } = scene;
  console.log(
    bold(
      '\n38. ana sets the show rules: /c500 show settings gap:3 host-cut:15 stream-delay:0, and /c500 auction settings stream-delay:0 final-call:5 (short, for the demo)',
    ),
  );
  show(
    'ana',
    await answer(
      showCommand(scene, ana, 'settings', [{ name: 'gap', type: 4, value: 3 }, text('host-cut', '15'), { name: 'stream-delay', type: 4, value: 0 }], '8'),
    ),
  );
  show(
    'ana',
    await answer(
      command(
        scene,
        ana,
        'c500',
        [
          {
            name: 'auction',
            type: 2,
            options: [
              {
                name: 'settings',
                type: 1,
                options: [
                  { name: 'stream-delay', type: 4, value: 0 },
                  { name: 'final-call', type: 4, value: 5 },
                ],
              },
            ],
          },
        ],
        '8',
      ),
    ),
  );
}

/** Step 39: ana creates the show; dax and ana onboard with Stripe, or are found onboarded by an earlier run. */
async function createShowAndOnboard(scene: ShowScene): Promise<void> {
  const { show, answer, ana, dax } = scene;
  /** Onboards with Stripe, or finds them onboarded by an earlier run of the demo. */
  const onboard = async (who: Person): Promise<boolean> => {
    const step = demoOnboarding(linkOf(await answer(command(scene, who, 'c500', [{ name: 'onboard', type: 1, options: [text('country', 'US')] }]))));
    if ('open' in step) await fetch(step.open);
    return 'open' in step;
  };
  console.log(bold('\n39. ana runs /c500 show create title:"Friday night keebs"; dax (a second builder) and ana onboard with Stripe'));
  show('ana', await answer(showCommand(scene, ana, 'create', [text('title', 'Friday night keebs')], '8')));
  const fresh = [(await onboard(dax)) ? 'dax' : '', (await onboard(ana)) ? 'ana' : ''].filter(Boolean);
  if (fresh.length < 2)
    console.log(dim(`  ${['dax', 'ana'].filter((n) => !fresh.includes(n)).join(' and ')} onboarded in an earlier run of the demo: nothing to open this time`));
  console.log(dim('  dax can now be paid for lots; ana can receive her cut by transfer (without an account it would be recorded for a manual payout)'));
}

/** Step 40: cleo and dax add three lots, dax's with a reserve. */
async function addLots(scene: ShowScene): Promise<void> {
  const { show, answer, cleo, dax } = scene;
  console.log(bold('\n40. The builders add three lots with /c500 show add'));
  const lot = (who: Person, item: string, price: number, extra: Option[] = []) =>
    answer(showCommand(scene, who, 'add', [text('item', item), number('price', price), text('duration', '10s'), ...extra]));
  show('cleo', await lot(cleo, 'Tofu65 in e-white', 50));
  await lot(dax, 'Lavender 65%', 40, [number('reserve', 200)]);
  await lot(cleo, 'Brass Bauer', 60);
}

/** The card of `item` once the show's overlay says the lot is live: the card is posted a moment before the book takes bids. */
async function lotLive(scene: ShowScene, item: string): Promise<OutboxEntry> {
  const { url, started } = scene;
  const card = await waitFor(
    url,
    started,
    `the card of ${item}`,
    (e) => e.filter((x) => x.kind === 'channel' && (x.message.embeds?.[0]?.title ?? '') === `🔨 Live auction: ${item}`).pop(),
    40_000,
  );
  const showId = (await outboxAfter(url, started)).map((x) => x.message.embeds?.[0]?.footer?.text?.match(/^Show ([0-9a-z]+)/)?.[1]).find(Boolean);
  for (let i = 0; i < 100; i++) {
    const board = (await (await fetch(`${url}/overlay/show/${showId ?? ''}`)).json()) as { live?: { item: string; status: string } | null };
    if (board.live?.item === item && board.live.status === 'live') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return card;
}

/** Steps 41 and 42: ana starts the show and eve wins lot 1; when the show started. */
async function startShowAndSellLot1(scene: ShowScene): Promise<number> {
  const { url, show, answer, started, ana, eve } = scene;
  console.log(bold('\n41. ana runs /c500 show start: lot 1 goes up'));
  const startedAt = Date.now();
  show('ana', await answer(showCommand(scene, ana, 'start', [], '8')));
  show('everyone in the channel', (await lotLive(scene, 'Tofu65 in e-white'))?.message);

  console.log(bold('\n42. eve bids $55 on lot 1; the hammer drops and the next lot goes up after the gap'));
  show('eve', await answer(command(scene, eve, 'bid', [number('amount', 55)])));
  const sold = await waitFor(
    url,
    started,
    'lot 1’s SOLD post',
    (e) => e.find((x) => x.kind === 'channel' && (x.message.content ?? '').includes(`**SOLD!** Tofu65 in e-white goes to <@${eve.id}>`)),
    30_000,
  );
  show('everyone in the channel', sold.message);
  return startedAt;
}

/** Steps 43 and 44: lot 2 goes unsold under its reserve, eve wins lot 3, and the show wraps up: its run sheet, once over. */
async function runLots2And3(scene: ShowScene, startedAt: number): Promise<OutboxEntry> {
  const { url, show, answer, started, eve, fay } = scene;
  console.log(bold('\n43. Lot 2 (dax’s, reserve $200): fay bids $45, under the reserve'));
  await lotLive(scene, 'Lavender 65%');
  show('fay', await answer(command(scene, fay, 'bid', [number('amount', 45)])));
  show(
    'everyone in the channel',
    (
      await waitFor(
        url,
        started,
        'lot 2 unsold',
        (e) => e.find((x) => x.kind === 'channel' && (x.message.content ?? '').includes('Lavender 65%** didn’t sell')),
        30_000,
      )
    ).message,
  );

  console.log(bold('\n44. Lot 3: eve bids $65 and wins cleo’s second lot; the show wraps up'));
  await lotLive(scene, 'Brass Bauer');
  await answer(command(scene, eve, 'bid', [number('amount', 65)]));
  const wrap = await waitFor(
    url,
    started,
    'the wrap-up',
    (e) => e.find((x) => x.kind === 'channel' && (x.message.content ?? '').includes('That’s a wrap')),
    30_000,
  );
  show('everyone in the channel', wrap.message);
  console.log(dim(`  three lots ran back to back in ${Math.round((Date.now() - startedAt) / 1000)} s`));
  const sheet = await waitFor(url, started, 'the run sheet of a show that is over', (e) =>
    e
      .filter(
        (x) => (x.message.embeds?.[0]?.title ?? '') === '📺 Friday night keebs' && (x.message.embeds?.[0]?.description ?? '').includes('The show is over'),
      )
      .pop(),
  );
  show('the run sheet', sheet?.message);
  return sheet;
}

/** Step 45: eve's one checkout for both of cleo's lots, paid once: the session and what it charged. */
async function checkoutOnce(scene: ShowScene): Promise<{ session: LocalSession | undefined; charged: number }> {
  const { url, show, started, eve } = scene;
  console.log(bold('\n45. eve gets one checkout for both of cleo’s lots, and pays once'));
  const checkoutDm = await waitFor(url, started, 'eve’s checkout link', (e) =>
    e.filter((x) => x.kind === 'dm' && x.userId === eve.id && linkOf(x.message)).pop(),
  );
  show('eve (DM)', checkoutDm.message);
  const sessionId = sessionIdOf(linkOf(checkoutDm.message));
  const { sessions } = (await (await fetch(`${url}/_local/stripe/sessions`)).json()) as { sessions: LocalSession[] };
  const session = sessions.find((s) => s.id === sessionId);
  for (const line of session?.line_items.data ?? []) console.log(`  line item: ${line.description} · ${money(line.amount_total)}`);
  console.log(`  one Checkout Session, items ${money(session?.amount_total ?? 0)}`);
  const paying = await lastSeq(url);
  const paidAnswer = await fetch(`${url}/_local/stripe/sessions/${sessionId}/pay`, { method: 'POST' });
  // Paid, the session counts the shipping cleo's profile charged: her first-item rate once, the further-item rate for the other lot.
  const paid = ((await paidAnswer.json()) as { session?: { amount_total: number; shipping_cost?: { amount_total: number } | null } }).session;
  const charged = paid?.amount_total ?? session?.amount_total ?? 0;
  if (paid?.shipping_cost) console.log(`  eve pays ${money(charged)}: the lots and ${money(paid.shipping_cost.amount_total)} combined shipping`);
  const receipt = await waitFor(url, paying, 'eve’s receipt', (e) =>
    e.filter((x) => x.kind === 'dm' && x.userId === eve.id).find((x) => /receipt|paid/i.test(JSON.stringify(x.message))),
  );
  show('eve (DM)', receipt.message);
  return { session, charged };
}

/** Steps 46 and 47: cleo proves both lots live, ships them, the carrier delivers them, and the release pays cleo's share and ana's cut from the one charge, to the cent. */
async function proveAndRelease(scene: ShowScene, session: LocalSession | undefined, charged: number, sheet: OutboxEntry): Promise<void> {
  const { url, show, answer, cleo } = scene;
  console.log(bold('\n46. cleo proves both lots live: /c500 live mode:orders:<both>; their payout waits for the delivery'));
  const orderIds = (session?.metadata.order_ids ?? '').split(',').filter(Boolean);
  show('cleo', await answer(command(scene, cleo, 'c500', [{ name: 'live', type: 1, options: [text('mode', 'orders'), text('orders', orderIds.join(','))] }])));
  // The delivery gate: the proof sends nothing; cleo ships both lots and the carrier delivers them
  // (this server's delivery window is 0 days, so the delivered scan itself lets the payout go).
  console.log(bold('\n47. cleo ships both lots with UPS numbers; the carrier scans each delivered'));
  for (const [i, orderId] of orderIds.entries()) {
    const tracking = `1Z${Date.now()}${i}`;
    show(
      'cleo',
      await answer(
        command(scene, cleo, 'c500', [{ name: 'ship', type: 1, options: [text('order', orderId), text('tracking', tracking), text('carrier', 'ups')] }]),
      ),
    );
    await fetch(`${url}/_local/carrier/trackers/${tracking}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'delivered' }),
    });
  }
  const fromCharge = await releasesOf(url, orderIds);
  for (const t of fromCharge)
    console.log(
      `  transfer ${money(t.amount)} to ${t.destination} from ${t.source_transaction} (${t.metadata.part === 'host-cut' ? `ana’s cut` : 'cleo’s share'})`,
    );
  const sent = fromCharge.reduce((sum, t) => sum + t.amount, 0);
  if (fromCharge.length !== 4) throw new Error(`expected cleo’s share and ana’s cut of both lots, four transfers, and found ${fromCharge.length}`);
  const fee = charged - sent;
  console.log(`  ${money(sent)} transferred + ${money(fee)} platform fee = ${money(charged)}, the charge, to the cent`);
  const board = await (await fetch(`${url}/overlay/show/${sheet?.message.embeds?.[0]?.footer?.text?.match(/Show ([0-9a-z]+)/)?.[1] ?? ''}`)).json();
  console.log(dim(`  the OBS show overlay JSON: ${JSON.stringify(board).slice(0, 400)}…`));
}
