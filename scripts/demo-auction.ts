/**
 * The auction part of `npm run demo`: cleo auctions a board live, a burst of viewers
 * bids at once (one with a max), the hammer drops after ten seconds, the winner lets the
 * checkout lapse and the runner-up gets a second chance.
 */
import type { DiscordMessage } from '../shared/ports';
import type { OutboxEntry } from '../shared/adapters/discord/discord-outbox';
import { snowflakeAt } from '../shared/domain/common/ids';

type Send = (body: unknown) => Promise<unknown>;
type Show = (who: string, message: DiscordMessage | undefined) => void;
interface Person {
  id: string;
  name: string;
}

const bold = (s: string) => `\x1b[1m${s}\x1b[0m`;
const dim = (s: string) => `\x1b[2m${s}\x1b[0m`;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
let seq = 0;

export interface Option {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: Option[];
}

/** A signed-ready slash command in the demo's channel; `permissions` '8' for an admin. */
export function command(user: Person, name: string, options: Option[], permissions = '3072') {
  seq++;
  return {
    id: snowflakeAt(Date.now(), seq),
    type: 2,
    token: `demo-auction-${Date.now()}-${seq}`,
    application_id: '1100000000000000001',
    guild_id: '900000000000000001',
    channel_id: '910000000000000001',
    member: { user: { id: user.id, username: user.name }, permissions },
    data: { name, options },
  };
}

export async function outbox(url: string): Promise<OutboxEntry[]> {
  return ((await (await fetch(`${url}/_local/outbox`)).json()) as { entries: OutboxEntry[] }).entries;
}

export async function waitFor(url: string, until: (entries: OutboxEntry[]) => OutboxEntry | undefined, timeoutMs = 20_000): Promise<OutboxEntry | undefined> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await pause(100)) {
    const found = until(await outbox(url));
    if (found) return found;
  }
  return undefined;
}

export const linkOf = (m: DiscordMessage | undefined): string =>
  ((m?.components ?? []) as Array<{ components: Array<{ url?: string }> }>).flatMap((r) => r.components).find((c) => c.url)?.url ?? '';

export async function auctionWalkthrough(url: string, send: Send, show: Show, cleo: Person): Promise<void> {
  const lastEdit = (token: string) => waitFor(url, (e) => e.filter((x) => x.interactionToken === token).pop());

  console.log(bold('\n15. cleo runs /c500 auction start item:"Tofu65 in e-white" price:50 duration:10s sudden-death:true'));
  const start = command(cleo, 'c500', [
    {
      name: 'auction',
      type: 2,
      options: [
        {
          name: 'start',
          type: 1,
          options: [
            { name: 'item', type: 3, value: 'Tofu65 in e-white' },
            { name: 'price', type: 10, value: 50 },
            { name: 'duration', type: 3, value: '10s' },
            { name: 'sudden-death', type: 5, value: true },
          ],
        },
      ],
    },
  ]);
  await send(start);
  show('cleo', (await lastEdit(start.token))?.message);
  const embed = await waitFor(url, (e) => e.filter((x) => x.kind === 'channel' && (x.message.embeds?.[0]?.title ?? '').includes('Live auction')).pop());
  show('everyone in the channel', embed?.message);

  console.log(bold('\n16. dee bids $52 with a max of $90; then thirty viewers bid at once'));
  const viewers = Array.from({ length: 30 }, (_, i) => ({ id: `81000000000000${String(i).padStart(4, '0')}`, name: `viewer${i}` }));
  const dee = { id: '800000000000000004', name: 'dee_bids' };
  const deeBid = command(dee, 'bid', [
    { name: 'amount', type: 10, value: 52 },
    { name: 'max', type: 10, value: 90 },
  ]);
  await send(deeBid);
  show('dee', (await lastEdit(deeBid.token))?.message);
  const bids = viewers.map((v, i) => command(v, 'bid', [{ name: 'amount', type: 10, value: 54 + 2 * (i % 15) }]));
  await Promise.all(bids.map((b) => send(b)));
  await pause(1_500);
  const entries = await outbox(url);
  const answers = bids.map((b) => entries.filter((x) => x.interactionToken === b.token).pop()?.message.content ?? '');
  show('viewer29', entries.filter((x) => x.interactionToken === bids[29]?.token).pop()?.message);
  console.log(
    `  of 30: ${answers.filter((a) => a.includes('Outbid at once')).length} were met at once by dee's max, ${answers.filter((a) => a.includes('Too low')).length} were too low by the time Redis decided them`,
  );
  show('dee (their answer stays: no one passed their max)', entries.filter((x) => x.interactionToken === deeBid.token).pop()?.message);
  const embedEdits = entries.filter((x) => x.kind === 'edit' && x.messageId === embed?.messageId).length;
  console.log(dim(`  the live embed was edited ${embedEdits} times for ${bids.length + 1} bids (at most once a second)`));
  const typo = command(viewers[0] as Person, 'bid', [{ name: 'amount', type: 10, value: 12.345 }]);
  console.log(
    `  viewer0 types /bid amount:12.345 → ${JSON.stringify((await send(typo)) ?? '').includes('two decimals') ? 'told at once that money goes to the cent, nothing placed' : 'answered'}`,
  );

  console.log(bold('\n17. Ten seconds pass: the hammer task drops'));
  const sold = await waitFor(url, (e) => e.find((x) => x.kind === 'channel' && (x.message.content ?? '').includes('SOLD')));
  show('everyone in the channel', sold?.message);
  const winnerDm = await waitFor(url, (e) => e.find((x) => x.kind === 'dm' && x.userId === dee.id));
  show('dee (DM)', winnerDm?.message);

  console.log(bold('\n18. dee never pays: the checkout expires, and the runner-up gets a second chance'));
  await fetch(`${url}/_local/stripe/sessions/${linkOf(winnerDm?.message).split('/').pop()}/expire`, { method: 'POST' });
  const second = await waitFor(url, (e) => e.find((x) => x.kind === 'dm' && (x.message.content ?? '').includes('Second chance')));
  show(`${second?.userId} (DM)`, second?.message);
  show(
    'dee (DM)',
    (
      await waitFor(url, (e) =>
        e
          .filter((x) => x.kind === 'dm' && x.userId === dee.id)
          .slice(1)
          .pop(),
      )
    )?.message,
  );
  const board = await (await fetch(`${url}/overlay/auction/${JSON.stringify(embed?.message).match(/Auction ([0-9a-z]+)/)?.[1] ?? ''}`)).json();
  console.log(dim(`  the OBS overlay JSON: ${JSON.stringify(board)}`));
}
