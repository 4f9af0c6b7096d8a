/**
 * The auction part of `npm run demo`: cleo auctions a board live, a burst of viewers
 * bids at once (one with a max), the hammer drops after ten seconds, the winner lets the
 * checkout lapse and the runner-up gets a second chance.
 */
import { snowflakeAt } from '../shared/common';
import type { DemoRun } from './demo-run';
import { lastSeq, linkOf, sessionIdOf, outboxAfter, waitFor } from './demo-outbox';
import { bold, dim, pause, type Person, type Send, type Show } from './demo-words';

let seq = 0;

export interface Option {
  name: string;
  type: number;
  value?: string | number | boolean;
  options?: Option[];
}

/** A signed-ready slash command in this run's channel; `permissions` '8' for an admin. */
export function command(run: DemoRun, user: Person, name: string, options: Option[], permissions = '3072') {
  seq++;
  return {
    id: snowflakeAt(Date.now(), seq),
    type: 2,
    token: `demo-auction-${Date.now()}-${seq}`,
    application_id: '1100000000000000001',
    guild_id: run.guildId,
    channel_id: run.channels.stage,
    member: { user: { id: user.id, username: user.name }, permissions },
    data: { name, options },
  };
}

/** `/c500 auction start item:<item> price:<price> duration:10s sudden-death:true stream-delay:0 final-call:5`, as a builder types it (the least final call, for the demo). */
export function suddenDeathAuction(run: DemoRun, builder: Person, item: string, price: number) {
  return command(run, builder, 'c500', [
    {
      name: 'auction',
      type: 2,
      options: [
        {
          name: 'start',
          type: 1,
          options: [
            { name: 'item', type: 3, value: item },
            { name: 'price', type: 10, value: price },
            { name: 'duration', type: 3, value: '10s' },
            { name: 'sudden-death', type: 5, value: true },
            { name: 'stream-delay', type: 4, value: 0 },
            { name: 'final-call', type: 4, value: 5 },
          ],
        },
      ],
    },
  ]);
}

export async function auctionWalkthrough(url: string, run: DemoRun, send: Send, show: Show, cleo: Person): Promise<void> {
  const started = await lastSeq(url);
  const lastEdit = async (token: string, from: number) =>
    (await waitFor(url, from, 'the edited answer', (e) => e.filter((x) => x.interactionToken === token).pop())).message;

  console.log(bold('\n19. cleo runs /c500 auction start item:"Tofu65 in e-white" price:50 duration:10s sudden-death:true stream-delay:0 final-call:5'));
  const start = suddenDeathAuction(run, cleo, 'Tofu65 in e-white', 50);
  await send(start);
  show('cleo', await lastEdit(start.token, started));
  const embed = await waitFor(url, started, 'the live auction’s card', (e) =>
    e.find((x) => x.kind === 'channel' && x.channelId === run.channels.stage && (x.message.embeds?.[0]?.title ?? '').includes('Live auction')),
  );
  show('everyone in the channel', embed.message);

  console.log(bold('\n20. dee bids $52 with a max of $90; then thirty viewers bid at once'));
  const viewers = run.bidders.viewers.map((id, i) => ({ id, name: `viewer${i}` }));
  const dee = { id: run.bidders.dee, name: 'dee_bids' };
  const deeBid = command(run, dee, 'bid', [
    { name: 'amount', type: 10, value: 52 },
    { name: 'max', type: 10, value: 90 },
  ]);
  await send(deeBid);
  show('dee', await lastEdit(deeBid.token, started));
  const bids = viewers.map((v, i) => command(run, v, 'bid', [{ name: 'amount', type: 10, value: 54 + 2 * (i % 15) }]));
  await Promise.all(bids.map((b) => send(b)));
  await pause(1_500);
  const entries = await outboxAfter(url, started);
  const answers = bids.map((b) => entries.filter((x) => x.interactionToken === b.token).pop()?.message.content ?? '');
  show('viewer29', entries.filter((x) => x.interactionToken === bids[29]?.token).pop()?.message);
  console.log(
    `  of 30: ${answers.filter((a) => a.includes('Outbid at once')).length} were met at once by dee's max, ${answers.filter((a) => a.includes('Too low')).length} were too low by the time Redis decided them`,
  );
  show('dee (their answer stays: no one passed their max)', entries.filter((x) => x.interactionToken === deeBid.token).pop()?.message);
  const embedEdits = entries.filter((x) => x.kind === 'edit' && x.messageId === embed.messageId).length;
  console.log(dim(`  the live embed was edited ${embedEdits} times for ${bids.length + 1} bids (at most once a second)`));
  const typo = command(run, viewers[0] as Person, 'bid', [{ name: 'amount', type: 10, value: 12.345 }]);
  console.log(
    `  viewer0 types /bid amount:12.345 → ${JSON.stringify((await send(typo)) ?? '').includes('two decimals') ? 'told at once that money goes to the cent, nothing placed' : 'answered'}`,
  );

  console.log(bold('\n21. Ten seconds pass, then a 5 s sealed final call: the hammer task drops'));
  const sold = await waitFor(url, started, 'the hammer’s SOLD post', (e) =>
    e.find((x) => x.kind === 'channel' && x.channelId === run.channels.stage && (x.message.content ?? '').includes('SOLD')),
  );
  show('everyone in the channel', sold.message);
  const winnerDm = await waitFor(url, started, 'dee’s checkout link', (e) => e.find((x) => x.kind === 'dm' && x.userId === dee.id && linkOf(x.message)));
  show('dee (DM)', winnerDm.message);

  console.log(bold('\n22. dee never pays: the checkout expires, and the runner-up gets a second chance'));
  const lapsed = await lastSeq(url);
  await fetch(`${url}/_local/stripe/sessions/${sessionIdOf(linkOf(winnerDm.message))}/expire`, { method: 'POST' });
  const second = await waitFor(url, lapsed, 'the runner-up’s second chance', (e) =>
    e.find((x) => x.kind === 'dm' && (x.message.content ?? '').includes('Second chance')),
  );
  show(`${viewers.find((v) => v.id === second.userId)?.name ?? second.userId} (DM)`, second.message);
  show('dee (DM)', (await waitFor(url, lapsed, 'dee’s strike', (e) => e.find((x) => x.kind === 'dm' && x.userId === dee.id))).message);
  const board = await (await fetch(`${url}/overlay/auction/${JSON.stringify(embed.message).match(/Auction ([0-9a-z]+)/)?.[1] ?? ''}`)).json();
  console.log(dim(`  the OBS overlay JSON: ${JSON.stringify(board)}`));
}
