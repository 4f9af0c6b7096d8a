/**
 * The commission queue, for `npm run demo`: cleo opens a queue of two slots with 30 % of her
 * share at `parts-in`; fay and dee buy the two places (bo, who disputed, is blocked here); cleo
 * proves `parts-in` and then `done` on fay's build (a clip each time, the share in two tranches); dee's build is late, cleo
 * moves its date, and dee cancels for a refund of everything cleo was not paid.
 * Its steps are numbered Q1 to Q6: the auction's walkthrough numbers its own after the
 * marketplace's. The clock is not moved (a runtime the playground shares keeps its time): cleo's moved
 * date gives dee the same right to cancel that a passed one does.
 */
import { snowflakeAt } from '../shared/common';
import type { DemoRun } from './demo-run';
import { command, type Option } from './demo-auction';
import { lastSeq, linkOf, sessionIdOf, waitFor } from './demo-outbox';
import { bold, dim, type Person, type Send, type Show } from './demo-words';

type Transfer = { amount: number; metadata: Record<string, string> };
let seq = 0;

export async function queueWalkthrough(url: string, run: DemoRun, send: Send, show: Show, people: { cleo: Person; fay: Person; dee: Person }): Promise<void> {
  const { cleo, fay, dee } = people;
  const answerTo = async (body: { token: string }) => {
    const from = await lastSeq(url);
    await send(body);
    return (await waitFor(url, from, 'the edited answer', (e) => e.find((x) => x.interactionToken === body.token))).message;
  };
  const dmTo = (person: Person, from: number, what: string) =>
    waitFor(url, from, what, (e) => e.find((x) => x.kind === 'dm' && x.userId === person.id)).then((e) => e.message);
  const c500 = (who: Person, path: string[], options: Option[]) => {
    let nested: Option[] = options;
    for (let i = path.length - 1; i >= 0; i--) nested = [{ name: path[i] as string, type: i === path.length - 1 ? 1 : 2, options: nested }];
    return command(run, who, 'c500', nested);
  };
  const text = (name: string, value: string): Option => ({ name, type: 3, value });
  const press = (who: Person, customId: string, where: 'drop' | 'dm') => ({
    id: snowflakeAt(Date.now(), 800 + ++seq),
    type: 3,
    token: `demo-queue-${Date.now()}-${seq}`,
    application_id: '1100000000000000001',
    ...(where === 'drop'
      ? { guild_id: run.guildId, channel_id: run.channels.marketplace, member: { user: { id: who.id, username: who.name }, permissions: '3072' } }
      : { channel_id: '960000000000000001', user: { id: who.id, username: who.name } }),
    data: { custom_id: customId, component_type: 2 },
  });
  const transfers = async (orderId: string) =>
    ((await (await fetch(`${url}/_local/stripe/transfers`)).json()) as { transfers: Transfer[] }).transfers.filter((t) => t.metadata.order_id === orderId);

  console.log(bold('\nQ1. cleo opens a commission queue: /c500 drop, kind “commission 2 slots 6 weeks 30% at parts-in”'));
  let from = await lastSeq(url);
  const submit = {
    ...command(run, cleo, 'c500', []),
    type: 5,
    data: {
      custom_id: 'drop:create',
      components: Object.entries({
        title: 'Custom Tofu65 (your colours)',
        description: 'Built to order, every step live on stream',
        price: '300',
        kind: 'commission 2 slots 6 weeks 30% at parts-in',
        image: '',
      }).map(([id, value]) => ({ type: 1, components: [{ type: 4, custom_id: id, value }] })),
    },
  };
  await send(submit);
  const post = await waitFor(url, from, 'the queue’s post', (e) =>
    e.find((x) => x.kind === 'channel' && x.channelId === run.channels.marketplace && JSON.stringify(x.message).includes('Commission queue')),
  );
  show('everyone in #drops', post.message);
  const buyId = JSON.stringify(post.message.components).match(/buy:[0-9a-z]+/)?.[0] ?? '';

  console.log(bold('\nQ2. fay and dee each press Buy Now and pay: each takes the next place, promised six weeks on'));
  const orders: Record<string, string> = {};
  for (const buyer of [fay, dee]) {
    const checkout = await answerTo(press(buyer, buyId, 'drop'));
    from = await lastSeq(url);
    await fetch(`${url}/_local/stripe/sessions/${sessionIdOf(linkOf(checkout))}/pay`, { method: 'POST' });
    const receipt = await dmTo(buyer, from, `${buyer.name}’s receipt`);
    orders[buyer.id] = JSON.stringify(receipt).match(/`([0-9a-z]{8})`/)?.[1] ?? '';
  }
  show('fay, in /c500 queue line builder:@cleo', await answerTo(c500(fay, ['queue', 'line'], [{ name: 'builder', type: 6, value: cleo.id }])));
  const faysOrder = orders[fay.id] ?? '';
  const deesOrder = orders[dee.id] ?? '';

  console.log(bold(`\nQ3. cleo, live, proves the parts are in: /c500 live mode:order:${faysOrder} milestone:parts-in`));
  from = await lastSeq(url);
  show('cleo', await answerTo(c500(cleo, ['live'], [text('mode', `order:${faysOrder}`), text('milestone', 'parts-in')])));
  show('fay (DM, with the clip)', await dmTo(fay, from, 'fay’s milestone DM'));
  console.log(
    dim(
      `  Stripe: ${(await transfers(faysOrder)).map((t) => `$${(t.amount / 100).toFixed(2)} (${t.metadata.milestone ?? 'done'})`).join(', ')} sent to cleo so far.`,
    ),
  );

  console.log(bold(`\nQ4. The build is done, live: /c500 live mode:order:${faysOrder}`));
  from = await lastSeq(url);
  show('cleo', await answerTo(c500(cleo, ['live'], [text('mode', `order:${faysOrder}`)])));
  show('fay (DM)', await dmTo(fay, from, 'fay’s DM that it is done'));
  console.log(
    dim(
      `  Stripe: ${(await transfers(faysOrder)).map((t) => `$${(t.amount / 100).toFixed(2)} (${t.metadata.milestone ?? 'done'})`).join(' + ')}: her whole share, to the cent.`,
    ),
  );

  console.log(bold(`\nQ5. dee’s build runs late: cleo moves its date, /c500 queue delay order:${deesOrder} weeks:3 reason:switch vendor is late`));
  from = await lastSeq(url);
  show(
    'cleo',
    await answerTo(
      c500(cleo, ['queue', 'delay'], [text('order', deesOrder), { name: 'weeks', type: 4, value: 3 } as Option, text('reason', 'switch vendor is late')]),
    ),
  );
  show('dee (DM, with Cancel and refund, Keep waiting)', await dmTo(dee, from, 'dee’s DM that the date moved'));

  console.log(bold('\nQ6. dee presses Cancel and refund in that DM'));
  from = await lastSeq(url);
  show('dee', await answerTo(press(dee, `qcancel:${deesOrder}`, 'dm')));
  show('cleo (DM)', await dmTo(cleo, from, 'cleo’s DM that dee cancelled'));
  console.log(dim(`  The line is cleo’s alone now, and its page is public: ${url}/queue/${cleo.id} (overlay: ${url}/overlay/queue?builder=${cleo.id})`));
}
