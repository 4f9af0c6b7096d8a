/**
 * One round of Stripe's wider world early in every soak, however short, so each kind happens
 * at least once (the marketplace's rounds add more at their own modest rates): a builder lists
 * four units, four buyers pay; Radar flags one before the proof; the builder proves the rest;
 * then one buyer's bank asks (an inquiry, with what follows it), one order is refunded in part
 * and the bank sends the refund back, and the builder's payout fails.
 */
import { sessionIdOf } from '../checkout-link';
import { buttonsOf, linkOf, textOf, type Paid, type SoakClient, type SoakRandom } from './client';
import { proveBuildersOrders, type TrafficCounts } from './marketplace';
import { channels, type SoakPeople } from './setup';
import { failAPayout, failNewestRefund, inquire, warnOfFraud } from './stripe-world';

export async function stripeWorldRound(
  client: SoakClient,
  people: SoakPeople,
  random: SoakRandom,
  until: number,
  counts: TrafficCounts,
  note: (line: string) => void,
) {
  const builder = people.builders[people.builders.length - 1];
  if (!builder) return;
  const from = client.lastSeq;
  const title = 'Soak board of Stripe’s world';
  const fields = { title, description: 'Sold where banks ask, Radar flags and refunds bounce', price: '120.00', kind: 'ready-to-ship 4', image: '' };
  await client.send(client.modal(builder, channels.marketplace, 'drop:create', fields), 'drop modal');
  const post = await client.entry(
    (e) =>
      e.kind === 'channel' &&
      e.channelId === channels.marketplace &&
      buttonsOf(e.message).some((b) => b.startsWith('buy:')) &&
      textOf(e.message).includes(title),
    from,
  );
  const buyId = buttonsOf(post?.message).find((b) => b.startsWith('buy:'));
  if (!buyId) return note('the drop of Stripe’s world was not posted');
  client.dropsListed.push({ dropId: buyId.slice('buy:'.length), stock: 4 });
  const buyers = people.buyers.slice(0, 4);
  const presses = await Promise.all(buyers.map((buyer) => client.ask(client.press(buyer, channels.marketplace, buyId), 'Buy Now')));
  const paid: Array<Paid & { orderId: string }> = [];
  for (const press of presses) {
    const session = sessionIdOf(linkOf(press));
    const made = session ? await client.pay(session) : undefined;
    if (made?.orderId) paid.push({ ...made, orderId: made.orderId });
  }
  counts['checkouts paid'] = (counts['checkouts paid'] ?? 0) + paid.length;
  const mine = new Set(paid.map((p) => p.orderId));
  mine.forEach((id) => client.reserved.add(id));
  const [flagged, asked, bounced] = paid;
  // Paid orders are DMed to their builder once the payment lands: the warning comes after, before the proof.
  if (flagged) {
    await client.entry((e) => e.kind === 'dm' && e.userId === builder.id && textOf(e.message).includes(flagged.orderId), from, 30_000);
    await warnOfFraud(client, flagged, counts, note);
  }
  await proveBuildersOrders(client, people, random, from, counts, { until, orders: mine }, mine);
  mine.forEach((id) => client.reserved.delete(id));
  await Promise.all([
    asked ? inquire(client, random, asked, counts, note) : undefined,
    bounced
      ? client
          .local(`/_local/stripe/sessions/${bounced.session}/refund?amount=${random.int(100, 3_000)}`)
          .then((refunded) => failNewestRefund(client, refunded, counts, note))
      : undefined,
    // The first try of the run: the aftermath tries the other builders if this account had nothing to pay out.
    failAPayout(client, builder, counts),
  ]);
}
