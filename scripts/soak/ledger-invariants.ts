/**
 * Invariants that hold the product's records to facts it could not have written: the soak's
 * own ledger (what it listed and sold, when it sent each interaction and when the answer
 * came), the bodies the local Discord was sent (pings read from them by Discord's rules,
 * written out here, not by the product's own guard), what people were told in words, and
 * Stripe's stand-in's own records (its transfers, and the refusals it keeps under their
 * idempotency keys). A bug that writes a wrong record of its own cannot make these agree.
 */
import type { Order } from '../../shared/orders';
import type { Payout, SaleRecord } from '../../shared/races';
import { racerLines } from './racer-lines';
import type { LocalDispute, LocalTransfer } from '../../shared/local/stripe/objects';
import type { DiscordMessage } from '../../shared/ports';
import { collection, debtByJournal, stripeObjects, type SoakWorld } from './world';
import { verdict, type Check, type NamedCheck } from './check';
import { textOf } from './client';
import { pingsOf } from './discord-pings';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Every message people were shown: what C500 sent to Discord, and the answers it gave at once. */
function shown(world: SoakWorld): Array<{ where: string; message: DiscordMessage }> {
  return [
    ...world.outbox.map((e) => ({ where: `${e.kind} #${e.seq}${e.userId ? ` to ${e.userId}` : ''}`, message: e.message })),
    ...world.sent.flatMap((s) => (s.answer ? [{ where: `the answer to ${s.what} (interaction ${s.id})`, message: s.answer }] : [])),
  ];
}

/** A builder's release, as Stripe made it: transfers for the order that are not a host's cut nor a won dispute's return. */
const releasesOf = (transfers: readonly LocalTransfer[], orderId: string) => transfers.filter((t) => t.metadata.order_id === orderId && !t.metadata.part);

/** A request Stripe refused and keeps the refusal of, under its idempotency key: `[method, request]` as the stand-in fingerprints it. */
export interface RefusedRequest {
  method: string;
  amountCents: number;
  metadata: Record<string, string>;
  /** The transfer a refused reversal was asked of. */
  transferId?: string;
}

export function refusedRequests(world: SoakWorld): RefusedRequest[] {
  return collection<{ request?: string; refused?: string }>(world, '_localStripeIdempotency').flatMap(({ data }) => {
    if (data.refused === undefined || !data.request) return [];
    try {
      const [method, request] = JSON.parse(data.request) as [string, { amountCents?: number; metadata?: Record<string, string>; transferId?: string }];
      return [
        { method, amountCents: request.amountCents ?? 0, metadata: request.metadata ?? {}, ...(request.transferId ? { transferId: request.transferId } : {}) },
      ];
    } catch {
      return [];
    }
  });
}

/** "12,345.67 EUR" or "$90.00" -> 1234567 or 9000: formatted money always shows every minor digit. */
const centsIn = (label: string) => Number(label.replace(/[^\d]/g, ''));

/**
 * Nobody is told their money was released unless Stripe made that transfer, for that amount,
 * and nobody is told Stripe refused a release unless Stripe did refuse one for that order.
 */
const toldReleasedOnlyWhenStripeMadeIt: Check = (world) => {
  const transfers = stripeObjects<LocalTransfer>(world, 'Transfers');
  const refusedReleases = new Set(refusedRequests(world).flatMap((r) => (r.method === 'transfers.create' && !r.metadata.part ? [r.metadata.order_id] : [])));
  const problems: string[] = [];
  let checked = 0;
  for (const { where, message } of shown(world)) {
    const text = textOf(message);
    for (const [line = '', orderId = '', label = ''] of text.matchAll(/✅ `([^`]+)`[^\n]*, ([^,\n]+) released to you/g)) {
      checked++;
      // A commission's milestone answers for its tranche (Stripe's metadata names the milestone); `done` for the release.
      const milestone = /\*\*([a-z-]+)\*\* proved/.exec(line)?.[1];
      const made = sum(
        releasesOf(transfers, orderId)
          .filter((t) => t.metadata.milestone === milestone)
          .map((t) => t.amount),
      );
      if (made === 0) problems.push(`${where} says ${label} of order ${orderId} was released; Stripe made no transfer for it`);
      else if (made !== centsIn(label)) problems.push(`${where} says ${label} of order ${orderId} was released; Stripe transferred ${made}`);
    }
    for (const [, orderId = ''] of text.matchAll(/✖️ `([^`]+)`: Stripe refused the release/g)) {
      checked++;
      if (!refusedReleases.has(orderId)) problems.push(`${where} says Stripe refused to release order ${orderId}; Stripe refused no transfer for it`);
    }
  }
  return verdict(checked, problems);
};

/**
 * Every debt on an order is a reversal Stripe refused: the refused reversals of its part,
 * less those of a dispute Stripe says was won (forgiven with the win).
 */
const debtsAreRefusedReversals: Check = (world) => {
  const won = new Set(stripeObjects<LocalDispute>(world, 'Disputes').flatMap((d) => (d.status === 'won' ? [d.id] : [])));
  const owed = new Map<string, number>();
  for (const r of refusedRequests(world)) {
    if (r.method !== 'transfers.createReversal' || !r.metadata.order_id) continue;
    if (r.metadata.dispute_id && won.has(r.metadata.dispute_id)) continue;
    const key = `${r.metadata.order_id}:${r.metadata.host_pseudonym !== undefined || r.metadata.host_id !== undefined ? 'host' : 'builder'}`;
    owed.set(key, (owed.get(key) ?? 0) + r.amountCents);
  }
  const problems: string[] = [];
  const orders = collection<Order>(world, 'orders').map((d) => d.data);
  const debt = debtByJournal(world);
  let indebted = 0;
  for (const order of orders) {
    // Per person: a host who is also the lot's builder owes both parts on one account; a part with nobody owes nothing.
    const people = new Map<string | undefined, Array<'builder' | 'host'>>([[order.builderId, ['builder']]]);
    people.set(order.hostId, [...(people.get(order.hostId) ?? []), 'host']);
    for (const [personId, parts] of people) {
      const recorded = debt(order, personId);
      const refused = sum(parts.map((part) => owed.get(`${order.orderId}:${part}`) ?? 0));
      if (recorded > 0) indebted++;
      if (recorded !== refused)
        problems.push(`order ${order.orderId}: the ${parts.join(' and ')} owes ${recorded} in the journal; Stripe refused reversals of ${refused}`);
    }
  }
  return verdict(indebted + owed.size, problems);
};

/**
 * Each merch sale the soak made is recorded once, by its shop's own id and for the amount
 * paid, and credited once: the racers' credits under every record of it add up to one pool.
 */
const eachSaleSentCreditedOnce: Check = (world) => {
  const records = collection<SaleRecord>(world, 'sales').map((d) => d.data);
  const credits = new Map<string, number>();
  for (const data of racerLines(world))
    if (data.kind === 'credit' && data.saleKey) credits.set(data.saleKey, (credits.get(data.saleKey) ?? 0) + data.amountCents);
  const problems: string[] = [];
  const sent = new Set(world.salesSent.map((s) => `${s.shop}:${s.saleId}`));
  for (const sale of world.salesSent) {
    const mine = records.filter((r) => r.shop === sale.shop && r.saleId === sale.saleId);
    const name = `${sale.shop} sale ${sale.saleId}`;
    if (mine.length !== 1) {
      problems.push(`${name} is recorded ${mine.length} times${mine.length > 1 ? ` (${mine.map((r) => r.saleKey).join(', ')})` : ''}`);
      if (mine.length === 0) continue;
    }
    const first = mine[0] as SaleRecord;
    if (first.amountCents !== sale.amountCents) problems.push(`${name} of ${sale.amountCents} is recorded as ${first.amountCents}`);
    const credited = sum(mine.map((r) => credits.get(r.saleKey) ?? 0));
    const pool = first.attributedTo === 'race' ? first.poolCents : 0;
    if (credited !== pool) problems.push(`${name} (pool ${pool}) was credited ${credited}`);
  }
  for (const r of records) if (!sent.has(`${r.shop}:${r.saleId}`)) problems.push(`${r.shop} sale ${r.saleId} is recorded, but no such sale was made`);
  return verdict(world.salesSent.length, problems);
};

/**
 * A racer's payout is money Stripe sent once: each payout to a Stripe account the ledger
 * keeps (and did not undo) is one Stripe transfer for its amount, and Stripe sent no payout
 * the ledger lacks.
 */
const payoutsSentOnceByStripe: Check = (world) => {
  const sent = new Map<string, number[]>();
  for (const t of stripeObjects<LocalTransfer>(world, 'Transfers')) {
    if (t.metadata.kind !== 'race-payout' || !t.metadata.payout_id) continue;
    sent.set(t.metadata.payout_id, [...(sent.get(t.metadata.payout_id) ?? []), t.amount]);
  }
  const entries = racerLines(world);
  const undone = new Set(entries.flatMap((e) => (e.kind === 'payout-reversal' && e.payoutId ? [e.payoutId] : [])));
  // Paid by hand (the racer has no Stripe account) is the admin's to send: Stripe sends nothing for it (ours: how it was paid).
  const byHand = new Set(collection<Payout>(world, 'payouts').flatMap((p) => (p.data.method === 'by-hand' ? [p.id] : [])));
  const kept = entries.filter((e) => e.kind === 'payout' && e.payoutId && !undone.has(e.payoutId) && !byHand.has(e.payoutId));
  const problems: string[] = [];
  for (const entry of kept) {
    const transfers = sent.get(entry.payoutId as string) ?? [];
    if (transfers.length !== 1 || transfers[0] !== -entry.amountCents)
      problems.push(`payout ${entry.payoutId} of ${-entry.amountCents} to racer ${entry.racerId}: Stripe sent ${transfers.join(' + ') || 'nothing'}`);
  }
  const known = new Set(kept.map((e) => e.payoutId));
  for (const [payoutId, amounts] of sent)
    if (!known.has(payoutId)) problems.push(`Stripe sent payout ${payoutId} (${amounts.join(' + ')}), which the ledger does not keep`);
  return verdict(kept.length, problems);
};

/** Discord's window for an interaction's first answer. */
export const interactionAnswerWindowMs = 3_000;

/**
 * Every interaction answered within Discord's 3 s by the ingress's own clock: from its handler
 * taking the request to its answer written (its `http.answered` line). What the soak's clock saw
 * adds this machine's queueing (the emulators, the stand-ins and the soak share two cores), which
 * the report prints as a figure and no verdict rests on.
 */
const answeredWithinDiscordsWindow: Check = (world) => {
  const timed = world.sent.filter((s) => s.ingressMs !== undefined);
  const problems = timed.flatMap((s) =>
    (s.ingressMs as number) > interactionAnswerWindowMs
      ? [`${s.what} by ${s.userId} (interaction ${s.id}) was answered after ${s.ingressMs} ms inside the ingress`]
      : [],
  );
  return verdict(timed.length, problems);
};

/** Nothing C500 showed pings @everyone, @here, a role other than the drop role, or anyone outside the server's people. */
const pingsOnlyWhoItNames: Check = (world) => {
  const messages = shown(world);
  const problems = messages.flatMap(({ where, message }) => {
    const pings = pingsOf(message);
    return [
      ...(pings.everyone ? [`${where} pings @everyone or @here`] : []),
      ...pings.roles.filter((r) => !world.pingable.roles.has(r)).map((r) => `${where} pings the role ${r}`),
      ...pings.users.filter((u) => !world.pingable.users.has(u)).map((u) => `${where} pings ${u}, who is nobody here`),
    ];
  });
  return verdict(messages.length, problems);
};

export const ledgerChecks: NamedCheck[] = [
  { name: '"released" only when Stripe made the transfer', group: 'money', check: toldReleasedOnlyWhenStripeMadeIt },
  { name: 'every debt is a reversal Stripe refused', group: 'money', check: debtsAreRefusedReversals },
  { name: 'each sale the soak made credited once', group: 'money', check: eachSaleSentCreditedOnce },
  { name: 'each payout sent once by Stripe', group: 'money', check: payoutsSentOnceByStripe },
  { name: 'every interaction answered within 3 s inside the ingress', group: 'people', check: answeredWithinDiscordsWindow },
  { name: 'pings only who it names', group: 'people', check: pingsOnlyWhoItNames },
];
