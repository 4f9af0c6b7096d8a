/**
 * What must hold however the outside services misbehaved, checked over what the soak read
 * at its end (see world.ts). Each check answers whether it held, over how many things, and
 * the first counterexample in words. Money is checked against Stripe's own records (the
 * stand-in's charges, refunds, transfers, reversals and disputes: money-invariants.ts), not
 * only against ours.
 */
import { journalChecks } from './journal-invariants';
import type { Order } from '../../shared/orders';
import type { Drop, StockShard } from '../../shared/marketplace';
import { type Auction, auctionRefusals, finalCallMsOf } from '../../shared/auctions';
import { type Show, type ShowCheckout, payNowRefusals } from '../../shared/shows';
import { type RaceLobby, type SaleRecord, type UnfoldedSale, walletDelta, type RacerLine, type Wallet } from '../../shared/races';
import { racerLines } from './racer-lines';
import type { LocalCharge, LocalCheckoutSession } from '../../shared/local/stripe/objects';
import { collection, collectionGroup, stripeObjects, type SentInteraction, type SoakWorld } from './world';
import { buttonsOf } from './client';
import type { TaskRecord } from '../../shared/local/cloud-tasks/task-queue';
import { verdict, type Check, type InvariantResult, type NamedCheck } from './check';
import { moneyChecks } from './money-invariants';
import { ledgerChecks } from './ledger-invariants';
import { stripeWorldChecks } from './stripe-world-invariants';
import { reachChecks, type ReachEvidence } from './reach-invariants';
import { privacyChecks, type PrivacyWorld } from './privacy-invariants';
import { groupBuyChecks } from './groupbuy-invariants';
import { releaseChecks } from './release-invariants';

export type { InvariantResult } from './check';

const ordersOf = (world: SoakWorld) => collection<Order>(world, 'orders').map((d) => d.data);

/** Each racer's wallet shards (with the sales not yet folded in) hold exactly the journal's fold of their entries (pending, paid, earned). */
const walletsMatchLedger: Check = (world) => {
  const wallets = new Map<string, { pending: number; paid: number; earned: number }>();
  for (const { path, data } of collectionGroup<Wallet>(world, 'shards')) {
    if (!path.startsWith('wallets/')) continue;
    const key = `${data.guildId}/${data.racerId}`;
    const w = wallets.get(key) ?? { pending: 0, paid: 0, earned: 0 };
    w.pending += data.pendingCents ?? 0;
    w.paid += data.paidCents ?? 0;
    w.earned += data.earnedCents ?? 0;
    wallets.set(key, w);
  }
  // A race's sales not yet folded into the wallets (see the races' sale-fold) are part of them.
  for (const { data } of collection<UnfoldedSale>(world, 'unfoldedSales')) {
    for (const part of data.credits) {
      const key = `${data.guildId}/${part.racerId}`;
      const w = wallets.get(key) ?? { pending: 0, paid: 0, earned: 0 };
      w.pending += part.cents;
      w.earned += part.cents;
      wallets.set(key, w);
    }
  }
  const ledger = new Map<string, { pending: number; paid: number; earned: number }>();
  for (const data of racerLines(world)) {
    const key = `${data.guildId}/${data.racerId}`;
    const delta = walletDelta(data.kind, data.amountCents);
    const l = ledger.get(key) ?? { pending: 0, paid: 0, earned: 0 };
    l.pending += delta.pendingCents;
    l.paid += delta.paidCents;
    l.earned += delta.earnedCents;
    ledger.set(key, l);
  }
  const keys = new Set([...wallets.keys(), ...ledger.keys()]);
  const zero = { pending: 0, paid: 0, earned: 0 };
  const problems = [...keys].flatMap((key) => {
    const w = wallets.get(key) ?? zero;
    const l = ledger.get(key) ?? zero;
    return w.pending === l.pending && w.paid === l.paid && w.earned === l.earned
      ? []
      : [`racer ${key}: wallet pending/paid/earned ${w.pending}/${w.paid}/${w.earned}, journal ${l.pending}/${l.paid}/${l.earned}`];
  });
  return verdict(keys.size, problems);
};

/** A sale credits its pool once: the racers' credits for it add up to its pool, never twice. */
const salesCreditedOnce: Check = (world) => {
  const credits = new Map<string, number>();
  for (const data of racerLines(world)) {
    if (data.kind === 'credit' && data.saleKey) credits.set(data.saleKey, (credits.get(data.saleKey) ?? 0) + data.amountCents);
  }
  const sales = collection<SaleRecord>(world, 'sales').map((d) => d.data);
  const problems = sales.flatMap((sale) => {
    const credited = credits.get(sale.saleKey) ?? 0;
    const expected = sale.attributedTo === 'race' ? sale.poolCents : 0;
    return credited === expected ? [] : [`sale ${sale.saleKey} (${sale.attributedTo}, pool ${sale.poolCents}) was credited ${credited}`];
  });
  return verdict(sales.length, problems);
};

/** No payout took more than was pending when it was made. */
const payoutsNeverOverdraw: Check = (world) => {
  const byRacer = new Map<string, RacerLine[]>();
  for (const data of racerLines(world)) {
    const key = `${data.guildId}/${data.racerId}`;
    byRacer.set(key, [...(byRacer.get(key) ?? []), data]);
  }
  const problems: string[] = [];
  let payouts = 0;
  for (const [key, entries] of byRacer) {
    let pending = 0;
    // Credits first within the same instant: a payout is decided against what was recorded before it.
    const order = (e: RacerLine) => (e.kind === 'payout' ? 1 : 0);
    for (const entry of [...entries].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : order(a) - order(b)))) {
      if (entry.kind === 'payout') {
        payouts++;
        if (-entry.amountCents > pending) problems.push(`racer ${key} was paid ${-entry.amountCents} with ${pending} pending`);
      }
      pending += walletDelta(entry.kind, entry.amountCents).pendingCents;
    }
  }
  return verdict(payouts, problems);
};

/** What the ingress's own line says of an interaction the soak heard nothing back for: whether it ever ran it. */
const ingressSaw = (s: SentInteraction): string =>
  s.ingressMs === undefined ? '; the ingress wrote no answer line for it' : `; the ingress answered it in ${s.ingressMs} ms by its own line`;

/** Everyone who pressed or typed something heard back: at once, or by an edit of their deferred answer. */
const everyoneAnswered: Check = (world) => {
  const answered = new Set(world.outbox.filter((e) => e.interactionToken).map((e) => e.interactionToken as string));
  const problems = world.sent.flatMap((s) => {
    if (s.status === 0) return [`${s.what} by ${s.userId} (interaction ${s.id}) got no answer (${s.failure ?? 'no reason kept'}${ingressSaw(s)})`];
    if (s.status !== 200) return [`${s.what} by ${s.userId} (interaction ${s.id}) got HTTP ${s.status}`];
    if ((s.responseType === 5 || s.responseType === 6) && !answered.has(s.token))
      return [`${s.what} by ${s.userId} (interaction ${s.id}) was deferred and never answered`];
    return [];
  });
  return verdict(world.sent.length, problems);
};

/**
 * After the soak's Redis answers again, the book's client is back within its reconnect
 * back-off (ioredis waits at most 2 s between attempts) and a bid that failed on the dead
 * connection has been answered: a "try again" this long after the outage is still honest.
 */
export const bookReconnectsWithinMs = 5_000;

/**
 * "Try again" is said only while a service is really down: the soak's own Redis restart (a
 * kill it made and timed itself), never an injected time-out the retries should ride out,
 * nor a slow moment.
 */
const noDishonestTryAgain: Check = (world) => {
  const downTexts = [auctionRefusals.bookUnavailable, payNowRefusals.stripeDown].map((m) => m.content ?? m.embeds?.[0]?.description ?? '');
  const bookDownAt = (atMs: number) => (world.bookOutages ?? []).some((o) => atMs >= o.fromMs && atMs <= o.toMs + bookReconnectsWithinMs);
  const edits = world.outbox.filter((e) => e.interactionToken);
  const problems = edits
    .filter((e) => downTexts.some((t) => t && (e.message.content ?? '') === t))
    .filter((e) => !(e.message.content === downTexts[0] && bookDownAt(Date.parse(e.at))))
    .map((e) => `interaction ${e.interactionId ?? e.interactionToken} was told to try again at ${e.at}`);
  return verdict(edits.length, problems);
};

/**
 * Stripe opened one Checkout Session per thing paid for: an order, or a winner's show checkout.
 * A group buy's setup pages pay for nothing (each member saves a card on one, naming the group buy).
 */
const oneCheckoutEach: Check = (world) => {
  const sessions = stripeObjects<LocalCheckoutSession>(world, 'Sessions').filter((s) => s.client_reference_id && s.mode !== 'setup');
  const count = new Map<string, number>();
  for (const s of sessions) count.set(s.client_reference_id as string, (count.get(s.client_reference_id as string) ?? 0) + 1);
  const problems = [...count].filter(([, n]) => n > 1).map(([id, n]) => `${id} got ${n} Checkout Sessions`);
  // And no lot is paid for in two show checkouts.
  const lotPaidIn = new Map<string, string[]>();
  for (const { data } of collection<ShowCheckout>(world, 'showCheckouts')) {
    if (data.status !== 'paid') continue;
    for (const lot of data.lots) lotPaidIn.set(lot.orderId, [...(lotPaidIn.get(lot.orderId) ?? []), data.checkoutId]);
  }
  for (const [order, checkouts] of lotPaidIn) if (checkouts.length > 1) problems.push(`lot ${order} was paid in ${checkouts.join(' and ')}`);
  return verdict(count.size, problems);
};

/**
 * One DM per fact: the same words to the same person twice is a repeat the person sees,
 * whatever nonce or flags each was sent with.
 */
const noDmTwice: Check = (world) => {
  const seen = new Map<string, number>();
  const nonces = new Map<string, Set<string | undefined>>();
  const dms = world.outbox.filter((e) => e.kind === 'dm');
  for (const dm of dms) {
    const { content, embeds, components, nonce } = dm.message;
    const key = `${dm.userId}|${JSON.stringify({ content, embeds, components })}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    // Only a DM with a link to act on (a pay link, an offer) may be resent: others keep no nonce set, so any repeat counts.
    if (JSON.stringify(components ?? []).includes('"url"'))
      nonces.set(key, (nonces.get(key) ?? new Set()).add(nonce === undefined ? undefined : String(nonce)));
  }
  // A DM with a link to act on, one nonce over every copy: Discord made each because it had forgotten the
  // nonce, which the product sends into only for a DM that must arrive (tellOnce's mustArrive): resent.
  const resent = (key: string) => {
    const used = nonces.get(key);
    return used?.size === 1 && !used.has(undefined);
  };
  const problems = [...seen]
    .filter(([key, n]) => n > 1 && !resent(key))
    .map(([key, n]) => {
      const [user, message] = [key.slice(0, key.indexOf('|')), key.slice(key.indexOf('|') + 1)];
      return `user ${user} got this DM ${n} times: ${message.slice(0, 160)}`;
    });
  return verdict(dms.length, problems);
};

/** Our records agree with Stripe's after the dust settles: a session paid or expired is never still awaited. */
const checkoutsSettled: Check = (world) => {
  const sessions = new Map(stripeObjects<LocalCheckoutSession>(world, 'Sessions').map((s) => [s.id, s]));
  const problems: string[] = [];
  let checked = 0;
  for (const order of ordersOf(world)) {
    if (order.status !== 'awaiting-payment' || !order.checkoutSessionId || order.showCheckoutId) continue;
    checked++;
    const session = sessions.get(order.checkoutSessionId);
    if (session && session.status !== 'open') problems.push(`order ${order.orderId} awaits payment, but its session is ${session.status}`);
    else if (order.checkoutExpiresAt && Date.parse(order.checkoutExpiresAt) + world.graceMs < world.nowMs)
      problems.push(
        `order ${order.orderId} still holds its unit ${Math.round((world.nowMs - Date.parse(order.checkoutExpiresAt)) / 1000)} s past its deadline`,
      );
  }
  for (const { data } of collection<ShowCheckout>(world, 'showCheckouts')) {
    if (data.status !== 'open' || !data.checkoutSessionId) continue;
    checked++;
    const session = sessions.get(data.checkoutSessionId);
    if (session && session.status !== 'open') problems.push(`show checkout ${data.checkoutId} is open, but its session is ${session.status}`);
  }
  return verdict(checked, problems);
};

/** No auction, show or race is left behind its own deadline (plus the sweeper's interval). */
const nothingStuck: Check = (world) => {
  const late = (at: string | undefined, extraMs = 0) => at !== undefined && Date.parse(at) + extraMs + world.graceMs < world.nowMs;
  const problems: string[] = [];
  const auctions = collection<Auction>(world, 'auctions').map((d) => d.data);
  for (const a of auctions) {
    // Its hammer: the final call after the end (an auction from before final calls: its stream delay), then the settle window.
    if (a.status === 'live' && late(a.finalEndsAt ?? a.endsAt, finalCallMsOf(a) + a.settleMs))
      problems.push(`auction ${a.auctionId} is still live, its end long past`);
  }
  const shows = collection<Show>(world, 'shows').map((d) => d.data);
  for (const s of shows) {
    if (s.status === 'running' && !s.lots.some((l) => l.state === 'live') && late(s.nextLotAt ?? undefined))
      problems.push(`show ${s.showId} runs with no lot up, its next lot due long ago`);
    for (const lot of s.lots.filter((l) => l.state === 'live')) {
      const auction = auctions.find((a) => a.auctionId === lot.auctionId);
      if (auction && auction.status !== 'live' && late(auction.closedAt))
        problems.push(`show ${s.showId}: lot ${lot.lotId} is live, its auction ${auction.status}`);
    }
    if (s.status === 'ended' && collection<ShowCheckout>(world, 'showCheckouts').some((c) => c.data.showId === s.showId && c.data.status === 'collecting'))
      problems.push(`show ${s.showId} ended with a checkout never opened`);
  }
  const races = collection<RaceLobby>(world, 'raceLobbies').map((d) => d.data);
  for (const r of races) if (r.status === 'racing' && late(r.closesBy)) problems.push(`race ${r.lobbyId} is still racing past ${r.closesBy}`);
  return verdict(auctions.length + shows.length + races.length, problems);
};

/** Every Checkout Session someone was given a link to: our pay links name it (`/pay/<order>?session=<id>`). */
function sessionsLinked(world: SoakWorld): Set<string> {
  const messages = [...world.outbox.map((e) => e.message), ...world.sent.flatMap((s) => (s.answer ? [s.answer] : []))];
  return new Set(messages.flatMap((m) => [...JSON.stringify(m).matchAll(/[?&]session=([A-Za-z0-9_]+)/g)].map((found) => found[1] as string)));
}

/**
 * Every unit the soak listed is somewhere, by Stripe's word: on the shelf (the drop's own
 * count, which only we keep), in a checkout Stripe still has open that someone can reach, or bought by a charge
 * Stripe made for it. A charge refunded in full gives its unit back unless it had shipped
 * (only our orders know that).
 */
const stockConserved: Check = (world) => {
  const orders = new Map(ordersOf(world).map((o) => [o.orderId, o]));
  const sessions = stripeObjects<LocalCheckoutSession>(world, 'Sessions');
  const charges = stripeObjects<LocalCharge>(world, 'Charges');
  const linked = sessionsLinked(world);
  const problems: string[] = [];
  for (const { dropId, stock } of world.dropsListed) {
    const drop = world.docs.get(`drops/${dropId}`) as Drop | undefined;
    const shards = collection<StockShard>(world, `drops/${dropId}/stock`).map((s) => s.data.available);
    const shelf = shards.length > 0 ? shards.reduce((a, b) => a + b, 0) : (drop?.stockAvailable ?? 0);
    if (shards.some((n) => n < 0) || shelf < 0) problems.push(`drop ${dropId} has a negative stock count (${shards.join(', ')})`);
    const forDrop = (metadata: Record<string, string>) => metadata.drop_id === dropId;
    const paid = new Set(charges.filter((c) => forDrop(c.metadata)).map((c) => c.payment_intent));
    // Open and reachable, or complete and still waiting for its money (a bank debit): a live checkout either way. Reachable:
    // someone was given its link, or its order still awaits it (`/c500 profile` shows the link; ours: the order's state). A
    // session nobody can reach (Stripe made it, its answer was lost, the buyer was told to press again) cannot sell a unit.
    const reachable = (s: LocalCheckoutSession) => {
      const order = orders.get(s.metadata.order_id ?? '');
      return linked.has(s.id) || (order?.status === 'awaiting-payment' && order.checkoutSessionId === s.id);
    };
    // Past its `expires_at` a session Stripe still lists as open can no longer be paid (Stripe expires it then; the local
    // Stripe when next touched): its unit is nobody's, whatever its order's expiry did at our end.
    const payable = (s: LocalCheckoutSession) => s.status === 'open' && s.expires_at * 1000 > world.nowMs && reachable(s);
    const live = sessions.filter((s) => forDrop(s.metadata) && (payable(s) || (s.status === 'complete' && !paid.has(s.payment_intent ?? '')))).length;
    // A commission cancelled late gives its slot back as a full refund does (only our orders know it was cancelled, or shipped).
    const givenBack = (c: LocalCharge) => {
      const order = orders.get(c.metadata.order_id ?? '');
      return !order?.shippedAt && (c.amount_refunded >= c.amount || order?.commission?.ended === 'cancelled');
    };
    const bought = charges.filter((c) => forDrop(c.metadata) && !givenBack(c)).length;
    if (shelf + live + bought !== stock) problems.push(`drop ${dropId} listed ${stock}: ${shelf} on the shelf + ${live} in open checkouts + ${bought} bought`);
  }
  return verdict(world.dropsListed.length, problems);
};

/** An address a buyer typed reaches its order's builder alone: no channel post, no other person's DM or answer holds it. */
const addressSeenByItsBuilderOnly: Check = (world) => {
  const problems = world.addressesTyped.flatMap((typed) =>
    world.outbox
      .filter((e) => JSON.stringify(e.message).includes(typed.line1) && !(e.kind === 'dm' && e.userId === typed.builderId))
      .map((e) => `the address typed for session ${typed.session} ("${typed.line1}") was in a ${e.kind} to ${e.userId ?? e.channelId ?? e.interactionToken}`),
  );
  return verdict(world.addressesTyped.length, problems);
};

/**
 * An auction embed's edit may give up only when it was superseded: a later write left the
 * auction's message showing it closed (no bid buttons), at or after it closed.
 */
function embedEditSuperseded(world: SoakWorld, task: TaskRecord): boolean {
  const auctionId = (task.payload as { auctionId?: unknown } | null)?.auctionId;
  const auction = typeof auctionId === 'string' ? (world.docs.get(`auctions/${auctionId}`) as Auction | undefined) : undefined;
  if (!auction?.messageId || auction.status === 'live' || !auction.closedAt) return false;
  const last = world.outbox.filter((e) => e.kind === 'edit' && e.messageId === auction.messageId).at(-1);
  return last !== undefined && last.at >= auction.closedAt && !buttonsOf(last.message).some((id) => id.startsWith('bid:'));
}

/** Queues whose every task redraws one whole message from the state it finds, by the payload field naming the message's owner. */
const redrawQueues: Readonly<Record<string, string>> = { 'show-sheet': 'showId', 'race-message': 'lobbyId' };

/**
 * A redraw (a show's run sheet, a race's pot message) may give up when a later one for the
 * same message went through: it drew everything the lost one would have, and more.
 */
function redrawSuperseded(tasks: readonly TaskRecord[], task: TaskRecord): boolean {
  const field = redrawQueues[task.queue];
  if (!field) return false;
  const ownerOf = (t: TaskRecord) => (t.payload as Record<string, unknown> | null)?.[field];
  const secondOf = (t: TaskRecord) => Number(t.name.slice(t.name.lastIndexOf('-') + 1));
  return tasks.some((t) => t.queue === task.queue && t.state === 'done' && ownerOf(t) === ownerOf(task) && secondOf(t) > secondOf(task));
}

/**
 * Nothing is given up on without a reason: a Pub/Sub dead letter is a message that could
 * never be handled, and a Cloud Task that ran out of attempts is work never done, unless it
 * was an edit a later one made needless. Read from the bus's dead letters and the
 * task queue's own records.
 */
const nothingGivenUp: Check = (world) => {
  const problems = world.deadLetters.map((d) => `${d.subscription} dead-lettered ${d.message.messageId} after ${d.attempts} attempts: ${d.error}`);
  const tasks = collection<TaskRecord>(world, '_localTasks').map((t) => t.data);
  for (const task of tasks) {
    if (task.state !== 'failed') continue;
    if (task.queue === 'auction-embed' && embedEditSuperseded(world, task)) continue;
    if (redrawSuperseded(tasks, task)) continue;
    problems.push(`the ${task.queue} task ${task.name} gave up after ${task.attempts} attempts`);
  }
  return verdict(world.deadLetters.length + tasks.length, problems);
};

/**
 * A builder's commission queue gives one order a place and skips none: the places of the
 * builder's commissions Stripe says were paid (a charge names its order) are exactly 1, 2, …
 * n, whatever was refunded or cancelled since; and every one of those Stripe has not refunded
 * in full has a place. One refunded in full may have none: a refund that reached us before
 * its payment (webhooks come out of order) leaves nothing to build, so it never queues.
 */
const queuePlacesWhole: Check = (world) => {
  const chargeOf = new Map(stripeObjects<LocalCharge>(world, 'Charges').flatMap((c) => (c.metadata?.order_id ? [[c.metadata.order_id, c] as const] : [])));
  const byBuilder = new Map<string, number[]>();
  const problems: string[] = [];
  for (const { data } of collection<Order>(world, 'orders')) {
    const charge = chargeOf.get(data.orderId);
    // A group buy's order carries commission terms (its tranches and promise) and never takes a place.
    if (!data.commission || !charge || data.source === 'groupbuy') continue;
    const ticket = data.commission.ticket;
    if (ticket === undefined) {
      if (charge.amount_refunded < charge.amount)
        problems.push(
          `commission ${data.orderId} was paid (${charge.amount}, ${charge.amount_refunded} refunded) and has no place in ${data.builderId}'s queue`,
        );
      continue;
    }
    byBuilder.set(data.builderId, [...(byBuilder.get(data.builderId) ?? []), ticket]);
  }
  for (const [builder, tickets] of byBuilder) {
    const sorted = [...tickets].sort((a, b) => a - b);
    if (!sorted.every((t, i) => t === i + 1))
      problems.push(`builder ${builder}'s queue gave its ${tickets.length} paid commissions the places ${sorted.join(', ')}`);
  }
  return verdict(byBuilder.size, problems);
};

const checks: NamedCheck[] = [
  ...moneyChecks,
  ...ledgerChecks,
  ...stripeWorldChecks,
  ...journalChecks,
  { name: "racers' balances equal the ledger", group: 'money', check: walletsMatchLedger },
  { name: 'each sale credited once', group: 'money', check: salesCreditedOnce },
  { name: 'no payout overdraws', group: 'money', check: payoutsNeverOverdraw },
  { name: 'every interaction answered', group: 'people', check: everyoneAnswered },
  { name: '"try again" only when a service is down', group: 'people', check: noDishonestTryAgain },
  { name: 'one checkout per order and per winner per builder', group: 'people', check: oneCheckoutEach },
  { name: 'no DM sent twice', group: 'people', check: noDmTwice },
  { name: 'an address seen by its builder alone', group: 'people', check: addressSeenByItsBuilderOnly },
  { name: 'our checkouts agree with Stripe’s', group: 'state', check: checkoutsSettled },
  { name: 'nothing stuck past its deadline', group: 'state', check: nothingStuck },
  { name: 'stock never negative, never oversold', group: 'state', check: stockConserved },
  { name: 'a commission queue: one order a place, no place skipped', group: 'state', check: queuePlacesWhole },
  { name: 'no dead letter, no task given up unexplained', group: 'state', check: nothingGivenUp },
  ...groupBuyChecks,
  ...releaseChecks,
  ...reachChecks,
  ...privacyChecks,
];

/** Every invariant over the world, the reach checks among them (they read `reach`, what the soak's wider traffic left). */
export function checkInvariants(world: PrivacyWorld & { reach?: ReachEvidence }): InvariantResult[] {
  return checks.map(({ name, group, check }) => ({ name, group, ...check(world) }));
}
