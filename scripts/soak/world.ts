/**
 * What the soak knows at its end, read from outside the runtime as an auditor would: every
 * stored document (the store's snapshot, Stripe's stand-in's objects among them), every
 * call to Discord, the dead letters, and what the soak itself sent and was answered.
 */
import { asRead, type DiscordMessage, type DocumentData } from '../../shared/ports';
import type { OutboxEntry, OutboxRefusal } from '../../shared/local/discord/discord-outbox';
import type { DeadLetter } from '../../shared/local/pubsub/event-bus';
import { disputeDebtOf, refundedOf, type JournalEntry } from '../../shared/journal';
import type { Order } from '../../shared/orders';

/** An interaction the soak sent as Discord would, and how the ingress answered it. */
export interface SentInteraction {
  id: string;
  token: string;
  /** What it was, for the report: `bid`, `buy`, `/c500 live`… */
  what: string;
  userId: string;
  /** The HTTP status; 0 when no answer came at all. */
  status: number;
  /** Why no answer came (post-as-discord): a wait past Cloud Run's timeout, or the connection's error. */
  failure?: string;
  /** The interaction response type the ingress answered (4 at once, 5 or 6 deferred, 9 a modal). */
  responseType?: number;
  /** When the soak sent it and when the ingress's answer came back, on the soak's own clock. */
  sentAtMs?: number;
  answeredAtMs?: number;
  /** How long the ingress itself took, by its own `http.answered` line: the product's part of Discord's 3 s. */
  ingressMs?: number;
  /** The message an answer of type 4 or 7 carried, as Discord would show it. */
  answer?: DiscordMessage;
}

/** A drop the soak listed, by the id on its Buy Now button, with the units it typed. */
export interface DropListed {
  dropId: string;
  stock: number;
}

/** A merch sale the soak made at a shop's stand-in, by the shop's own id for it (a Ko-fi transaction, a Shopify order, a Payment Link's session). */
export interface SaleSent {
  shop: 'kofi' | 'shopify' | 'stripe';
  saleId: string;
  amountCents: number;
}

/** A `/c500 refund` the soak sent: what it asked for, read back from Stripe's refunds by the interaction's id. */
export interface RefundAsked {
  interactionId: string;
  orderId: string;
  /** Absent when it asked for all that was left. */
  amountCents?: number;
}

/** An address a soak buyer typed at a checkout, and the builder it was for: the only person who may ever be shown it. */
export interface AddressTyped {
  session: string;
  builderId: string;
  /** Its first line, unique to this payment, so any message holding it is found. */
  line1: string;
}

export interface SoakWorld {
  /** Path -> document, as the store keeps them. */
  docs: ReadonlyMap<string, DocumentData>;
  outbox: readonly OutboxEntry[];
  refused: readonly OutboxRefusal[];
  deadLetters: readonly DeadLetter[];
  sent: readonly SentInteraction[];
  /** Every `/c500 refund` the soak sent (once, or twice when it redelivered one). */
  refundsAsked: readonly RefundAsked[];
  /** Every address a buyer typed at a checkout. */
  addressesTyped: readonly AddressTyped[];
  /** The soak's own ledger: every drop it listed and every merch sale it made. */
  dropsListed: readonly DropListed[];
  salesSent: readonly SaleSent[];
  /** Who may ever be pinged: the soak's people, and the roles its admin chose for drop pings. */
  pingable: { users: ReadonlySet<string>; roles: ReadonlySet<string> };
  /** When the checks run (the traffic and the drain are over). */
  nowMs: number;
  /** How late a thing may be past its deadline before it counts as stuck: the sweeper's interval and the retries' back-off. */
  graceMs: number;
  /** When the soak itself had the auction book down (its Redis killed, until the new one answered): its own record, not the runtime's. */
  bookOutages?: ReadonlyArray<{ fromMs: number; toMs: number }>;
  /** How long the traffic ran, on the soak's clock: a run that short may prove nothing. */
  trafficMs?: number;
  /** Whether Stripe's wider world (stripe-world.ts) joined the traffic: its payouts and fees are then owed. */
  stripeWorld?: boolean;
}

/** The documents of one collection (not of its sub-collections), with their ids, read as the store reads them (old shapes upgraded). */
export function collection<T>(world: Pick<SoakWorld, 'docs'>, name: string): Array<{ id: string; data: T }> {
  const prefix = `${name}/`;
  const found: Array<{ id: string; data: T }> = [];
  for (const [path, data] of world.docs) {
    if (path.startsWith(prefix) && !path.slice(prefix.length).includes('/')) found.push({ id: path.slice(prefix.length), data: asRead(path, data as T) });
  }
  return found;
}

/** The documents of every collection named `name` under any parent (`wallets/<id>/shards`). */
export function collectionGroup<T>(world: Pick<SoakWorld, 'docs'>, name: string): Array<{ path: string; data: T }> {
  const found: Array<{ path: string; data: T }> = [];
  for (const [path, data] of world.docs) {
    const parts = path.split('/');
    if (parts.length >= 2 && parts[parts.length - 2] === name) found.push({ path, data: data as T });
  }
  return found;
}

type StripeCollection =
  | 'Sessions'
  | 'Charges'
  | 'Transfers'
  | 'TransferReversals'
  | 'Accounts'
  | 'Refunds'
  | 'Disputes'
  | 'PaymentIntents'
  | 'BalanceTransactions'
  | 'SetupIntents'
  | 'PaymentMethods';

/** Stripe's stand-in keeps each object as `{ stripe: <the object as Stripe shapes it> }`. */
export function stripeObjects<T>(world: Pick<SoakWorld, 'docs'>, name: StripeCollection): T[] {
  return storedStripeObjects<T>(world, name).map((d) => d.stripe);
}

/**
 * The same with what the stand-in keeps beside each object: `sequence`, the order Stripe
 * created them in (one counter for every kind), and a dispute's `closedSequence`.
 */
export function storedStripeObjects<T>(
  world: Pick<SoakWorld, 'docs'>,
  name: StripeCollection,
): Array<{ stripe: T; sequence: number; closedSequence?: number }> {
  return collection<{ stripe: T; sequence: number; closedSequence?: number }>(world, `_localStripe${name}`).map((d) => d.data);
}

/**
 * What the journal says was refunded of each order, net of refunds that failed: the order keeps
 * no counter of it (issue 60), so the checks read it where the product does.
 */
export function refundedByJournal(world: Pick<SoakWorld, 'docs'>): (order: { orderId: string; currency: string }) => number {
  const byOrder = new Map<string, JournalEntry[]>();
  for (const { data } of collection<JournalEntry>(world, 'journal')) {
    if (data.orderId === undefined) continue;
    byOrder.set(data.orderId, [...(byOrder.get(data.orderId) ?? []), data]);
  }
  return (order) => refundedOf(byOrder.get(order.orderId) ?? [], order.currency, order.orderId);
}

/** The kinds of entry that raise a person's debt on an order: a reversal Stripe refused, a loss after a payout made by hand. */
const raisingKinds: ReadonlySet<string> = new Set(['refused-reversal', 'loss-after-payout']);

/**
 * What the journal says each order raised as debts of a person (its builder or host), less
 * what a won dispute made a debt, which the win forgives (or sends back, once paid): the order
 * keeps no debt of its own (issue 60).
 */
export function debtByJournal(world: Pick<SoakWorld, 'docs'>): (order: Order, personId: string | undefined) => number {
  const raised = new Map<string, number>();
  const entries = collection<JournalEntry>(world, 'journal').map(({ data }) => data);
  for (const data of entries) {
    if (!raisingKinds.has(data.kind) || data.orderId === undefined) continue;
    for (const p of data.postings)
      if (p.account === 'owed-to-c500') raised.set(`${data.orderId}:${p.personId}`, (raised.get(`${data.orderId}:${p.personId}`) ?? 0) + p.amountCents);
  }
  return (order, personId) => {
    if (personId === undefined) return 0;
    const dispute = order.dispute;
    const forgiven =
      dispute?.state === 'won' && dispute.returning
        ? (['builder', 'host'] as const)
            .filter((part) => (part === 'builder' ? order.builderId : order.hostId) === personId)
            .reduce((sum, part) => sum + disputeDebtOf(entries, order.currency, dispute.disputeId, part), 0)
        : 0;
    return Math.max(0, (raised.get(`${order.orderId}:${personId}`) ?? 0) - forgiven);
  };
}
