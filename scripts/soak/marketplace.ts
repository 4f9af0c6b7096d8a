/**
 * Drops under a hype moment: a builder posts a drop, a crowd presses Buy Now at once (more
 * people than units, some twice), and each checkout is paid, abandoned, or expired; some
 * paid orders are refunded before the builder proves them live, some after; the builder
 * proves the rest, alone or several at once. Around the proof, builders and admins refund
 * with `/c500 refund` and buyers dispute (aftermath.ts).
 */
import { sessionIdOf } from '../checkout-link';
import { buttonsOf, linkOf, pause, textOf, type Paid, type SoakClient, type SoakRandom } from './client';
import { afterRelease, beforeRelease } from './aftermath';
import { channels, type SoakPeople } from './setup';
import { queueKind, queueSteps } from './queue';
import { failNewestRefund } from './stripe-world';
import { shipAndDeliver } from './deliveries';
import type { OutboxEntry } from '../../shared/local/discord/discord-outbox';
import { payAndCount } from './paying';

export interface TrafficCounts {
  [what: string]: number;
}

export async function marketplaceTraffic(
  client: SoakClient,
  people: SoakPeople,
  random: SoakRandom,
  until: number,
  counts: TrafficCounts,
  note: (line: string) => void,
) {
  let round = 0;
  while (Date.now() < until) {
    round++;
    const builder = random.pick(people.builders);
    const readyToShip = random.chance(0.55);
    // Most commissions are a queue's slots (stock of their own); the rest are one-off, unlimited.
    const queue = !readyToShip && random.chance(0.8);
    const stock = queue ? random.int(1, 4) : random.int(2, 6);
    const from = client.lastSeq;
    const fields = {
      title: `Soak board ${round}`,
      description: 'Lubed and filmed, built under a fault storm',
      price: `${random.int(40, 400)}.${String(random.int(0, 99)).padStart(2, '0')}`,
      kind: readyToShip ? `ready-to-ship ${stock}` : queue ? queueKind(stock, random.int(1, 8)) : 'commission',
      image: '',
    };
    await client.send(client.modal(builder, channels.marketplace, 'drop:create', fields), 'drop modal');
    const post = await client.entry(
      (e) =>
        e.kind === 'channel' &&
        e.channelId === channels.marketplace &&
        buttonsOf(e.message).some((b) => b.startsWith('buy:')) &&
        textOf(e.message).includes(fields.title),
      from,
    );
    const buyId = buttonsOf(post?.message).find((b) => b.startsWith('buy:'));
    if (!buyId) {
      note(`drop ${round} was not posted`);
      continue;
    }
    counts.drops = (counts.drops ?? 0) + 1;
    if (readyToShip || queue) client.dropsListed.push({ dropId: buyId.slice('buy:'.length), stock });
    const crowd = Array.from({ length: readyToShip || queue ? stock + random.int(1, 5) : random.int(1, 4) }, () => random.pick(people.buyers));
    const presses = await Promise.all(crowd.map((buyer) => client.ask(client.press(buyer, channels.marketplace, buyId), 'Buy Now')));
    counts['Buy Now presses'] = (counts['Buy Now presses'] ?? 0) + crowd.length;
    // Who was given each checkout: the buyer a late cancel's DM goes to.
    const buyerOf = new Map(
      crowd.flatMap((buyer, i) => (sessionIdOf(linkOf(presses[i])) ? [[sessionIdOf(linkOf(presses[i])) as string, buyer] as const] : [])),
    );
    const sessions = [...buyerOf.keys()];
    const paid: Paid[] = [];
    for (const session of sessions) {
      const fate = random.next();
      if (fate < 0.6) {
        // Some type an address in Canada (the international rate); the rest take the local Stripe's default, in the builder's country.
        const typed = random.chance(0.4) ? canadianAddress(builder.id, (counts['addresses typed'] = (counts['addresses typed'] ?? 0) + 1)) : undefined;
        const made = await payAndCount(client, counts, 'checkouts paid', session, typed);
        if (made) paid.push(made);
        else counts['payments that did not go through'] = (counts['payments that did not go through'] ?? 0) + 1;
      } else if (fate < 0.85) {
        await client.local(`/_local/stripe/sessions/${session}/expire`);
        counts['checkouts expired'] = (counts['checkouts expired'] ?? 0) + 1;
      }
      // The rest stay open: the buyer walked away, and the pay window (30 minutes) outlasts the soak.
    }
    // Some buyers change their minds before the build: refunds in part or in full, from Stripe's dashboard.
    const refundedInFull = new Set<string>();
    for (const { session } of paid.filter(() => random.chance(0.2))) {
      const partial = random.chance(0.5);
      const refunded = await client.local(`/_local/stripe/sessions/${session}/refund${partial ? `?amount=${random.int(100, 2_000)}` : ''}`);
      counts['refunds before proof'] = (counts['refunds before proof'] ?? 0) + 1;
      // Now and then the card's bank sends the refund back: the order is paid again, its unit sold again.
      if (client.stripeWorld && random.chance(0.2)) await failNewestRefund(client, refunded, counts, note);
      else if (!partial) refundedInFull.add(session);
    }
    const priceCents = Math.round(Number(fields.price) * 100);
    const paidFor = paid.flatMap((p) => (p.orderId && !refundedInFull.has(p.session) ? [{ ...p, orderId: p.orderId, builder, priceCents }] : []));
    // Milestones, moved dates, refunds by the builder and disputes before the release: no other traffic's proof may release them first.
    paidFor.forEach((s) => client.reserved.add(s.orderId));
    // A cancelled place is done with: no proof, builder's refund or dispute may follow it (so it stays reserved).
    const cancelled = queue ? await queueSteps(client, random, paidFor, buyerOf, counts, note) : new Set<string>();
    const sold = paidFor.filter((s) => !cancelled.has(s.orderId));
    const mine = new Set(sold.map((s) => s.orderId));
    const before = await beforeRelease(client, random, sold, counts, note);
    await proveBuildersOrders(client, people, random, from, counts, { until, orders: mine }, mine);
    mine.forEach((id) => client.reserved.delete(id));
    // Stripe refuses to refund a disputed charge: the dashboard's refunds after the proof leave those alone.
    const disputed = new Set(before.opened.map((o) => o.sold.session));
    for (const { session } of paid.filter((p) => !disputed.has(p.session) && random.chance(0.1))) {
      const refunded = await client.local(`/_local/stripe/sessions/${session}/refund?amount=${random.int(100, 3_000)}`);
      counts['refunds after proof'] = (counts['refunds after proof'] ?? 0) + 1;
      if (client.stripeWorld && random.chance(0.2)) await failNewestRefund(client, refunded, counts, note);
    }
    await afterRelease(client, people, random, sold, before, counts, note);
    await pause(random.int(500, 3_000));
  }
}

/** What the proofs wait for: the orders known paid (or, when their ids are not known, how many order DMs), until the soak's deadline. */
export interface AwaitedDms {
  /** When the soak's traffic ends: the wait is bounded by it (or by an answer's wait, when that is later), never by a fixed sleep. */
  until: number;
  /** Orders the soak saw paid: each is DMed to its builder before it can be proved. */
  orders?: ReadonlySet<string>;
  /** At least this many order DMs to builders (a show's paid checkouts, whose order ids the soak never sees). */
  dms?: number;
}

/** The order ids each builder was DMed to prove since `from`, and how many such DMs came. */
export function orderIdsDmed(entries: readonly OutboxEntry[], builderIds: readonly string[], from: number): { byBuilder: Map<string, string[]>; dms: number } {
  const byBuilder = new Map<string, string[]>(builderIds.map((id) => [id, []]));
  let dms = 0;
  for (const e of entries) {
    const ids = e.seq > from && e.kind === 'dm' && e.userId !== undefined ? byBuilder.get(e.userId) : undefined;
    if (!ids) continue;
    const found = [...textOf(e.message).matchAll(/mode:orders?:([0-9a-z,]+)/g)].flatMap((match) => (match[1] ?? '').split(',').filter(Boolean));
    if (found.length > 0) dms++;
    for (const id of found) if (!ids.includes(id)) ids.push(id);
  }
  return { byBuilder, dms };
}

/** Whether every awaited order was DMed to a builder, and at least the awaited number of order DMs came. */
export function awaitedDmsArrived(dmed: ReturnType<typeof orderIdsDmed>, awaited: Omit<AwaitedDms, 'until'>): boolean {
  const all = new Set([...dmed.byBuilder.values()].flat());
  return [...(awaited.orders ?? [])].every((id) => all.has(id)) && dmed.dms >= (awaited.dms ?? 0);
}

/**
 * Order ids builders were DMed since `from`, proved live one at a time or several at once,
 * once the awaited orders' DMs came (or the soak's deadline passed: counted, so a weak run shows).
 */
export async function proveBuildersOrders(
  client: SoakClient,
  people: SoakPeople,
  random: SoakRandom,
  from: number,
  counts: TrafficCounts,
  awaited: AwaitedDms,
  mine: ReadonlySet<string> = new Set(),
): Promise<void> {
  // Paid orders are DMed to their builders once the payment lands, which takes what this machine's load makes it take.
  const builderIds = people.builders.map((b) => b.id);
  const deadline = Math.max(awaited.until, Date.now() + client.answerTimeoutMs);
  while (!awaitedDmsArrived(orderIdsDmed(client.entriesSince(from), builderIds, from), awaited) && Date.now() < deadline) await pause(100);
  const dmed = orderIdsDmed(client.entriesSince(from), builderIds, from);
  if (!awaitedDmsArrived(dmed, awaited))
    counts['proofs that found an order’s DM missing at the deadline'] = (counts['proofs that found an order’s DM missing at the deadline'] ?? 0) + 1;
  for (const builder of people.builders) {
    const list = (dmed.byBuilder.get(builder.id) ?? []).filter((id) => !client.reserved.has(id) || mine.has(id));
    while (list.length > 0) {
      const batch = list.splice(0, random.chance(0.5) ? 1 : Math.min(list.length, random.int(2, 4)));
      const mode = batch.length === 1 ? `order:${batch[0]}` : `orders:${batch.join(',')}`;
      await client.ask(client.c500(builder, channels.general, ['live'], { mode }), '/c500 live');
      counts['proofs of work'] = (counts['proofs of work'] ?? 0) + batch.length;
      // The last payout waits for the parcel (issue 78): shipped, then received, delivered, returned or left.
      await shipAndDeliver(client, people, builder, random, batch, counts);
    }
  }
}

/** A Canadian address no other payment types: its first line is how the soak finds it in any message, so none is part of another (`No. 5` is not in `No. 15`). */
function canadianAddress(builderId: string, n: number) {
  return {
    builderId,
    name: `Soak Buyer ${n}`,
    address: { line1: `No. ${n} Soak Keycap Crescent`, city: 'Winnipeg', postal_code: 'R3C 4T3', state: 'MB', country: 'CA' },
  };
}
