/**
 * The order's facts: each handler writes only the fields it owns (applied to an order with every
 * field set, and diffed), each refuses an order in a status it cannot come from or lacking what
 * it needs, and the one writer refuses a handler that writes past what it owns, staging nothing.
 */
import {
  applyOrderFact,
  factUpdate,
  IllegalOrderMove,
  orderFactHandlers,
  orderFactKinds,
  orderStatuses,
  ownerOf,
  refusedGiveBack,
  type FactHandler,
  type Order,
  type OrderFact,
  type OrderFactKind,
  type OrderStatus,
  type OwnedField,
} from '..';
import type { DocPath, Update } from '../../ports';
import { entryOf, JournalRead, post, type JournalEntry } from '../../journal';
import { fullOrder } from './full-order';
import { factSamples, orderFor, type FactSample } from './fact-samples';

/** Who owns what: the table a new fact, or a new field written by an old one, must be added to. */
const ownedFields: Record<OrderFactKind, readonly OwnedField[]> = {
  'checkout-opened': ['checkoutSessionId', 'checkoutUrl', 'checkoutExpiresAt'],
  'awaiting-buyer': ['paymentIntentId', 'checkoutExpiresAt'],
  'joined-show-checkout': ['showCheckoutId'],
  'offer-dm-refused': ['offerDmRefused'],
  paid: [
    'status',
    'paidAt',
    'paidByEvent',
    'paymentIntentId',
    'chargeId',
    'checkoutSessionId',
    'shippingCents',
    'shippingAddress',
    'shippingMismatch',
    'failedRefunds',
    'chargeRefundedCents',
    'refundedAt',
    'refundedByEvent',
    'stockReturned',
    'commission',
  ],
  expired: ['status', 'expiredAt', 'expiredByEvent', 'stockReturned'],
  'stock-returned': ['stockReturned'],
  'paid-late': ['paymentIntentId', 'chargeId', 'shippingCents'],
  'given-back-failed': ['failedRefunds'],
  'refund-asked': ['givenRefunds'],
  'refund-answered': ['givenRefunds', 'refundSnapshot'],
  'refunded-in-part': ['refundSnapshot', 'chargeRefundedCents'],
  refunded: ['status', 'refundedAt', 'refundedByEvent', 'refundSnapshot', 'chargeRefundedCents', 'stockReturned'],
  'refund-failed': ['failedRefunds', 'chargeRefundedCents', 'refundSnapshot', 'status', 'stockReturned', 'stockShard', 'commission'],
  proved: ['status', 'proof', 'proofUrl', 'commission'],
  'proof-found': ['proof', 'proofUrl'],
  'release-fixed': ['payouts.builder', 'payouts.host', 'dispute'],
  released: ['payouts.builder', 'payouts.host'],
  'release-refused': ['status', 'proof', 'proofUrl', 'releaseAttempts', 'lastReleaseRefusal', 'payouts.builder'],
  'milestone-proved': ['commission'],
  'milestone-proof-found': ['commission'],
  'advance-fixed': ['commission'],
  'advance-sent': ['commission'],
  'reversal-fixed': ['pendingReversals', 'dispute', 'payouts.builder', 'payouts.host'],
  reversed: ['pendingReversals'],
  'dispute-changed': ['dispute', 'inquiry', 'pastDisputes', 'status', 'closedAt'],
  'given-back-disputed': ['dispute', 'inquiry', 'pastDisputes'],
  'dispute-money-moved': ['dispute', 'pendingReversals'],
  'fraud-warned': ['fraudWarning', 'givenRefunds'],
  'fraud-held-for-review': ['fraudWarning'],
  'fraud-hold-cleared': ['fraudWarning'],
  shipped: ['status', 'shippedAt', 'tracking', 'carrier', 'trackingUrl', 'shippedByInteraction', 'awaitingReceipt'],
  received: ['receivedAt', 'receivedBy', 'receivedByInteraction', 'awaitingReceipt'],
  'parcel-moved': ['parcel', 'parcelEvents'],
  'parcel-choice-made': ['parcelChoice'],
  'reship-label-asked': ['label', 'parcelChoice'],
  'reship-buying': ['parcelChoice'],
  'reship-refused': ['parcelChoice'],
  reshipped: ['tracking', 'carrier', 'trackingUrl', 'parcel', 'parcelChoice'],
  'label-quoted': ['labelQuote'],
  'label-asked': ['label'],
  'label-bought': ['label'],
  'delivery-ended': ['awaitingReceipt'],
  'address-erased': ['shippingAddress', 'addressErasedAt'],
  'payout-freed': ['payoutFreed'],
  'place-moved': ['commission'],
  'place-kept': ['commission'],
  'place-late': ['commission'],
  'cancelled-late': ['status', 'closedAt', 'commission', 'givenRefunds'],
  'cancel-undone': ['commission', 'status'],
  'called-off': ['status', 'closedAt', 'commission', 'givenRefunds'],
};

const paidFor = ['paid', 'building', 'shipped', 'refunded', 'closed'] as const;
const allBut = (status: OrderStatus) => orderStatuses.filter((s) => s !== status);
/** The statuses each fact may come to (absent: any, a note that holds whatever the order became). */
const comesFrom: Partial<Record<OrderFactKind, readonly OrderStatus[]>> = {
  'checkout-opened': ['awaiting-payment'],
  'awaiting-buyer': ['awaiting-payment'],
  'joined-show-checkout': ['awaiting-payment'],
  paid: ['awaiting-payment'],
  expired: ['awaiting-payment'],
  'stock-returned': allBut('shipped'),
  'paid-late': ['expired'],
  'given-back-failed': ['expired'],
  // An expired lot too, to give again a refund of its late payment that failed at the bank.
  'refund-asked': [...paidFor, 'expired'],
  'refund-answered': [...paidFor, 'expired'],
  'refunded-in-part': paidFor,
  refunded: ['paid', 'building', 'shipped', 'closed'],
  'refund-failed': paidFor,
  proved: ['paid'],
  'release-fixed': paidFor,
  released: paidFor,
  'release-refused': ['building'],
  'milestone-proved': ['paid'],
  'advance-fixed': paidFor,
  'reversal-fixed': paidFor,
  'dispute-changed': paidFor,
  // A lot paid after it was gone: the charge C500 gave back (or tried to) is disputed; the lot stays expired.
  'given-back-disputed': ['expired'],
  'dispute-money-moved': paidFor,
  'fraud-warned': paidFor,
  shipped: ['paid', 'building'],
  received: ['shipped'],
  'payout-freed': ['building', 'shipped'],
  'parcel-moved': ['shipped'],
  'parcel-choice-made': ['shipped'],
  'reship-label-asked': ['shipped'],
  'reship-buying': ['shipped'],
  'reship-refused': ['shipped'],
  reshipped: ['shipped'],
  'label-quoted': ['paid', 'building'],
  'label-asked': ['paid', 'building'],
  'delivery-ended': allBut('shipped'),
  'place-moved': ['paid', 'building'],
  'cancelled-late': ['paid', 'building', 'shipped'],
  'called-off': ['paid', 'building'],
};

/** An update applied as the store applies it: a dotted field into its map. */
function applied(order: Order, update: Update<Order>): Record<string, unknown> {
  const next = JSON.parse(JSON.stringify(order)) as Record<string, unknown>;
  for (const [field, value] of Object.entries(update)) {
    const path = field.split('.');
    let at = next;
    for (const key of path.slice(0, -1)) at = (at[key] ??= {}) as Record<string, unknown>;
    at[path[path.length - 1] as string] = value;
  }
  return next;
}

/** The owners (`status`, `payouts.host`) whose value differs between two orders. */
function changedOwners(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  const flat = (o: Record<string, unknown>) => {
    const { payouts, ...rest } = o as { payouts?: Record<string, unknown> };
    return { ...rest, 'payouts.builder': payouts?.builder, 'payouts.host': payouts?.host };
  };
  const [a, b] = [flat(before), flat(after)] as Array<Record<string, unknown>>;
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  return [...keys].filter((k) => JSON.stringify(a?.[k]) !== JSON.stringify(b?.[k])).sort();
}

function staged() {
  const writes: Array<{ path: string; data: unknown }> = [];
  return {
    writes,
    set: {
      update: <T>(path: DocPath<T>, data: Update<T>) => void writes.push({ path: String(path), data }),
      create: <T>(path: DocPath<T>, data: T) => void writes.push({ path: String(path), data }),
    },
  };
}

const refusalOf = (attempt: () => unknown): string => {
  try {
    attempt();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
};
const sampleOf = (kind: OrderFactKind) => factSamples[kind] as FactSample;
const handlerOf = (kind: OrderFactKind) => orderFactHandlers[kind] as FactHandler<OrderFact>;

describe('each order fact’s handler', () => {
  it('is listed in the table of owned fields, and owns exactly what the table says', () => {
    expect([...orderFactKinds].sort()).toEqual(Object.keys(ownedFields).sort());
    for (const kind of orderFactKinds) expect([kind, [...handlerOf(kind).owns].sort()]).toEqual([kind, [...ownedFields[kind]].sort()]);
  });

  it.each(orderFactKinds)('"%s", applied to an order with every field set, changes only fields it owns, and changes something', (kind) => {
    const order = orderFor(sampleOf(kind));
    const update = factUpdate(order, sampleOf(kind).fact);
    const changed = changedOwners(applied(order, {}), applied(order, update));
    expect(changed.length).toBeGreaterThan(0);
    expect(changed.filter((owner) => !(ownedFields[kind] as readonly string[]).includes(owner))).toEqual([]);
    expect(
      Object.keys(update)
        .map(ownerOf)
        .filter((owner) => !(ownedFields[kind] as readonly string[]).includes(owner)),
    ).toEqual([]);
  });

  it('comes from the statuses the table says, and only those', () => {
    for (const kind of orderFactKinds) expect([kind, [...(handlerOf(kind).from ?? ['any'])].sort()]).toEqual([kind, [...(comesFrom[kind] ?? ['any'])].sort()]);
  });

  it.each(orderFactKinds.filter((kind) => comesFrom[kind] !== undefined))('"%s" refuses an order in a status it cannot come from', (kind) => {
    const from = comesFrom[kind] ?? [];
    for (const status of orderStatuses) {
      const attempt = () => factUpdate(orderFor(sampleOf(kind), { status }), sampleOf(kind).fact);
      // A status it may come from: whatever else is refused (a move the machine does not hold for this example), not its status.
      if (from.includes(status)) expect(refusalOf(attempt)).not.toContain('cannot come to');
      else expect(attempt).toThrow(new IllegalOrderMove(`order o1: "${kind}" cannot come to an order that is ${status}`));
    }
  });

  it.each(orderFactKinds.filter((kind) => sampleOf(kind).refusedFor !== undefined))('"%s" refuses an order that lacks what it needs', (kind) => {
    const sample = sampleOf(kind);
    expect(() => factUpdate(orderFor(sample, sample.refusedFor), sample.fact)).toThrow(
      expect.objectContaining({ name: 'IllegalOrderMove', message: expect.stringContaining('is refused: ') }),
    );
  });

  it('has a content check, or comes from named statuses, or is a note said to hold whatever the order became', () => {
    const notes = orderFactKinds.filter((kind) => !handlerOf(kind).from && !handlerOf(kind).refuses);
    expect(notes.sort()).toEqual(['address-erased', 'offer-dm-refused']);
  });
});

describe('a refund asked of an expired lot', () => {
  const failure = { refundId: 're_late', amountCents: 12_345, reason: 'expired_or_canceled_card', at: '2026-11-10T00:00:00.000Z' };
  const lot = (fields: Partial<Order>) => ({ ...fullOrder, status: 'expired' as const, chargeId: 'ch_late', failedRefunds: [failure], ...fields });
  const again = { idempotencyKey: 'refund:o1:again:re_late', amountCents: 12_345, byInteraction: 'i-a', byUserId: 'a1', askedAt: failure.at };

  it('is taken when it gives again the refund of its late payment that failed at the bank', () => {
    expect(factUpdate(lot({ givenRefunds: [] }), { kind: 'refund-asked', refund: { ...again, givesBack: 're_late' } })).toEqual({
      givenRefunds: [{ ...again, givesBack: 're_late' }],
    });
  });

  it('is refused when it gives nothing back that failed, or the lot was never paid, or nothing of it failed', () => {
    const refusal = (order: Order, refund: typeof again & { givesBack?: string }) => refusalOf(() => factUpdate(order, { kind: 'refund-asked', refund }));
    expect(refusal(lot({ givenRefunds: [] }), again)).toContain('only to give a failed or refused give-back again');
    expect(refusal(lot({ givenRefunds: [], chargeId: undefined }), { ...again, givesBack: 're_late' })).toContain('expired unpaid');
    expect(refusal(lot({ givenRefunds: [], failedRefunds: [] }), { ...again, givesBack: 're_late' })).toContain('nothing given back of it failed');
    expect(refusal(lot({ givenRefunds: [], chargeId: undefined }), { ...again, givesBack: refusedGiveBack })).toContain('expired unpaid');
  });

  it('is taken when it gives back a late payment Stripe refused to refund, nothing of it failed', () => {
    const held = { ...again, idempotencyKey: 'refund:o1:again:held:1', givesBack: refusedGiveBack };
    expect(factUpdate(lot({ givenRefunds: [], failedRefunds: [] }), { kind: 'refund-asked', refund: held })).toEqual({ givenRefunds: [held] });
  });
});

describe('the order’s one writer, handed a fact', () => {
  it('stages the fact’s fields at the order’s path and answers the order as it then stands', () => {
    const { writes, set } = staged();
    const order = orderFor(sampleOf('shipped'));
    const after = applyOrderFact(set, order, { kind: 'shipped', at: '2026-11-27T10:00:00.000Z', tracking: '1Z2', carrier: 'ups', byInteraction: 'i9' });
    expect(writes).toEqual([
      {
        path: 'orders/o1',
        data: { status: 'shipped', shippedAt: '2026-11-27T10:00:00.000Z', tracking: '1Z2', carrier: 'ups', shippedByInteraction: 'i9', awaitingReceipt: true },
      },
    ]);
    expect(after).toMatchObject({ status: 'shipped', tracking: '1Z2', buyerId: fullOrder.buyerId });
  });

  it('keeps, for an order whose buyer must confirm its PaymentIntent on session, that intent and its deadline as the checkout’s', () => {
    const { writes, set } = staged();
    const after = applyOrderFact(set, orderFor(sampleOf('awaiting-buyer')), {
      kind: 'awaiting-buyer',
      paymentIntentId: 'pi_9',
      payBy: '2026-11-30T10:00:00.000Z',
    });
    expect(writes).toEqual([{ path: 'orders/o1', data: { paymentIntentId: 'pi_9', checkoutExpiresAt: '2026-11-30T10:00:00.000Z' } }]);
    expect(after).toMatchObject({ status: 'awaiting-payment', paymentIntentId: 'pi_9' });
  });

  it('writes a party’s payout by its dotted fields, leaving the other party’s as it was', () => {
    const { writes, set } = staged();
    const after = applyOrderFact(set, orderFor(sampleOf('released')), { kind: 'released', party: 'host', at: 't', coveredCents: 0, via: 'manual' });
    expect(writes[0]?.data).toEqual({
      'payouts.host.via': 'manual',
      'payouts.host.releasedAt': 't',
      'payouts.host.refundCoveredCents': 0,
      'payouts.host.releasing': null,
    });
    expect(after.payouts).toEqual({ builder: { releasing: null }, host: { releasing: null, via: 'manual', releasedAt: 't', refundCoveredCents: 0 } });
  });

  it('refuses a handler that writes a field it does not own (a shipping that also sets the builder’s transfer), and stages nothing', () => {
    const handlers = orderFactHandlers as unknown as Record<string, FactHandler<OrderFact>>;
    const honest = handlers.shipped as FactHandler<OrderFact>;
    handlers.shipped = { ...honest, apply: (order, fact) => ({ ...honest.apply(order, fact), 'payouts.builder.transferId': 'tr_planted' }) };
    try {
      const { writes, set } = staged();
      expect(() => applyOrderFact(set, orderFor(sampleOf('shipped')), sampleOf('shipped').fact)).toThrow(
        new IllegalOrderMove('order o1: "shipped" writes fields it does not own: payouts.builder.transferId'),
      );
      expect(writes).toEqual([]);
    } finally {
      handlers.shipped = honest;
    }
  });

  it('refuses a status move the state machine does not hold, even from a status the handler takes', () => {
    const { writes, set } = staged();
    const fact: OrderFact = { kind: 'refund-failed', fields: { failedRefunds: [], status: 'building' } };
    expect(() => applyOrderFact(set, orderFor(sampleOf('refund-failed'), { status: 'paid' }), fact)).toThrow(
      new IllegalOrderMove('order o1: "refund-failed" cannot move an order from paid to building'),
    );
    expect(writes).toEqual([]);
  });

  it('writes the journal’s side of the same movement with the fact, once, and refuses other money under an id already written', () => {
    const refund = (cents: number) =>
      entryOf({ entryId: 'refund:o1:evt_r:0-1000', kind: 'refund', at: 't', guildId: 'g1', currency: 'usd', orderId: 'o1' }, [
        post.held('o1', cents),
        post.stripe(-cents),
      ]) as JournalEntry;
    const sample = sampleOf('refunded-in-part');
    const fresh = staged();
    applyOrderFact(fresh.set, orderFor(sample), sample.fact, { read: JournalRead.ofOrders(['o1'], []), entries: [refund(1_000), undefined] });
    expect(fresh.writes.map((w) => w.path)).toEqual(['orders/o1', 'journal/refund:o1:evt_r:0-1000']);
    const again = staged();
    applyOrderFact(again.set, orderFor(sample), sample.fact, { read: JournalRead.ofOrders(['o1'], [refund(1_000)]), entries: [refund(1_000)] });
    expect(again.writes.map((w) => w.path)).toEqual(['orders/o1']);
    expect(() =>
      applyOrderFact(staged().set, orderFor(sample), sample.fact, { read: JournalRead.ofOrders(['o1'], [refund(1_000)]), entries: [refund(900)] }),
    ).toThrow('is written already with other money');
  });
});
