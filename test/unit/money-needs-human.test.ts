/**
 * Every case where a person must move money writes one ERROR line, `event: 'money.needs-human'`,
 * with its reason and the ids to act on (the line one alert pages on). Each reason of the one
 * list is driven here through the use case that meets it; and no other warning or error in the
 * source asks for money to be moved by hand, so a new case cannot slip past the alert.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { moneyNeedsHumanReasons, type MoneyNeedsHumanReason } from '../../shared/money-needs-human';
import { PaymentRefused } from '../../shared/errors';
import { logLinesOf } from '../support/log-lines';
import { codeFiles } from '../support/module-graph';
import { BUILDERS, HOST, showPaymentsWorld, SHOW_ID, type ShowPaymentsWorld } from '../support/show-payments';
import { openShowCheckouts } from '../../shared/shows/use-cases/show-checkout';
import { proveOrder } from '../../shared/live/use-cases/prove-order';
import { LOT, releasedLot } from '../../shared/disputes/test/released-lot';
import { failed as merchRefundFailed, merchWorld, paid as merchPaid, refunded as merchRefunded } from '../../shared/races/test/merch-refund-world';
import { orderPath } from '../../shared/orders';
import type { StripeEvent } from '../../shared/payments';
import type { Payments, TaskQueue } from '../../shared/ports';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import { raceLobbyPath } from '../../shared/races/rules/race';
import { recordSale } from '../../shared/races/use-cases/record-sale';
import { payRacer } from '../../shared/races/use-cases/pay-racer';
import { builderPath } from '../../shared/onboarding';
import { racingLobby } from '../support/races';
import { ADMIN, command } from '../support/interactions';
import { BUILDER as GB_BUILDER, GUILD as GB_GUILD, buyer, closeWorld } from '../../shared/groupbuys/test/close-world';
import { closeTaskOf } from '../../shared/groupbuys/rules/charge-tasks';
import { closeGroupBuy } from '../../shared/groupbuys/use-cases/close-group-buy';
import { cancelGroupBuy } from '../../shared/groupbuys/use-cases/cancel-group-buy';
import { entryOf, journalOfOrder, JournalRead, post, writeEntry } from '../../shared/journal';

const [juno] = BUILDERS;
const refusal = () => new PaymentRefused('Insufficient funds in Stripe account.', { stripeCode: 'balance_insufficient' });

/** A transfer of this part (its `metadata.part`) is refused by Stripe from now on; the rest go through. */
function refuseTransfers(w: ShowPaymentsWorld, part: string): void {
  const make = w.payments.createTransfer.bind(w.payments);
  w.payments.createTransfer = async (request) => {
    if (request.metadata?.part === part) throw refusal();
    return make(request);
  };
}

/** A show lot hammered, its checkout opened and paid at Stripe; the completion not delivered yet. */
async function paidAtStripe() {
  const w = showPaymentsWorld();
  await w.setUp();
  await w.account(juno);
  await w.account(HOST);
  await w.hammer({ auctionId: 'auct0001', builderId: juno, item: 'Tofu65', priceCents: 40_000 });
  await openShowCheckouts(w.deps, SHOW_ID);
  const [session] = await w.payments.listSessions();
  const sessionId = session?.id as string;
  await w.payments.paySession(sessionId);
  const paid = w.event('checkout.session.completed', 'evt_paid');
  return { w, sessionId, paid };
}

const withObject = (event: StripeEvent, id: string, change: Record<string, unknown>): StripeEvent => ({
  ...event,
  id,
  data: { object: { ...event.data.object, ...change } as StripeEvent['data']['object'] },
});

/** For each reason: the use case driven to the case, and the ids its line must carry. */
const drives: Record<MoneyNeedsHumanReason, () => Promise<Record<string, unknown>>> = {
  'paid-after-expiry': async () => {
    const { w, paid } = await paidAtStripe();
    // The checkout's expiry overtook the payment: Stripe's own expired event for the session, then the payment, whose
    // refund C500 asks by itself; a person only when Stripe refuses it (the charge disputed meanwhile, say).
    await w.deliver({ ...withObject(paid, 'evt_expired', { status: 'expired', payment_status: 'unpaid' }), type: 'checkout.session.expired' });
    w.payments.refund = async () => {
      throw new PaymentRefused('This charge is disputed.', { stripeCode: 'charge_disputed' });
    };
    await w.deliver(paid);
    return { orderIds: [LOT], paymentIntentId: paid.data.object.payment_intent, amountCents: 40_000, currency: 'usd' };
  },
  'paid-for-another-bill': async () => {
    const { w, sessionId, paid } = await paidAtStripe();
    await w.deliver(withObject(paid, 'evt_paid_other', { amount_total: 39_999 }));
    return { eventId: 'evt_paid_other', sessionId };
  },
  'paid-orders-not-waiting': async () => {
    const { w, sessionId, paid } = await paidAtStripe();
    // The lot passed on while the buyer paid (the next bidder took it): C500 refunds its part by itself, and a person
    // only when Stripe refuses that refund (the charge disputed meanwhile, say).
    await w.store.update(orderPath(LOT), { status: 'expired' });
    w.payments.refund = async () => {
      throw new PaymentRefused('This charge is disputed.', { stripeCode: 'charge_disputed' });
    };
    await w.deliver(paid);
    return { eventId: 'evt_paid', sessionId, orderIds: [LOT], chargeId: expect.stringMatching(/^ch_/), amountCents: 40_000, currency: 'usd' };
  },
  'refund-failed': async () => {
    const { w, refund } = await releasedLot();
    await w.deliver(await refund(10_000));
    const made = (await w.payments.listRefunds()).find((r) => r.amount === 10_000);
    await w.payments.failRefund(made?.id as string);
    await w.deliver(w.event('charge.refund.updated', 'evt_refund_failed'));
    return { orderIds: [LOT], refundId: made?.id, amountCents: 10_000, stripeReason: 'expired_or_canceled_card' };
  },
  'merch-refund-failed': async () => {
    await merchWorld().deliver(merchPaid, merchRefunded, merchRefundFailed);
    return { eventId: merchRefundFailed.id, refundId: 're_merch', amountCents: 1_500, paymentIntentId: 'pi_3Qmerch' };
  },
  'refund-failed-unmatched': async () => {
    const w = showPaymentsWorld();
    const created = Math.floor(w.deps.clock.now().getTime() / 1000);
    const object = { id: 're_lost', object: 'refund', amount: 700, status: 'failed', failure_reason: 'lost_or_stolen_card', created };
    await w.deliver({ id: 'evt_lost', type: 'charge.refund.updated', created, data: { object: object as StripeEvent['data']['object'] } });
    return { eventId: 'evt_lost', refundId: 're_lost', amountCents: 700, stripeReason: 'lost_or_stolen_card' };
  },
  'host-transfer-refused': async () => {
    const { w, paid } = await paidAtStripe();
    await w.deliver(paid);
    refuseTransfers(w, 'host-cut');
    const builder = await w.store.get(builderPath(juno));
    await proveOrder(w.deps, builder as Parameters<typeof proveOrder>[1], LOT, {});
    return { orderId: LOT, amountCents: 6_000, currency: 'usd' };
  },
  'dispute-return-refused': async () => {
    const { w, dispute } = await releasedLot();
    await w.deliver(dispute('charge.dispute.created', 'dp_1', 'needs_response'));
    await w.deliver(dispute('charge.dispute.funds_withdrawn', 'dp_1', 'needs_response'));
    refuseTransfers(w, 'dispute-return');
    await w.deliver(dispute('charge.dispute.closed', 'dp_1', 'won'));
    return { orderId: LOT, disputeId: 'dp_1', part: 'builder', amountCents: 30_000 };
  },
  'racer-payout-refused': async () => {
    const guildId = '900000000000000001';
    const racer = '810000000000000001';
    const opened = Date.parse('2026-11-22T20:00:00.000Z');
    const store = new LocalDocumentStore();
    const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
    const payments = { createTransfer: async () => Promise.reject(refusal()) } as unknown as Payments;
    const deps = { store, discord: new DiscordOutbox(), tasks, clock: { now: () => new Date(opened + 60_000) }, currency: 'usd', payments };
    await store.set(raceLobbyPath('lobby001'), racingLobby({ guildId, racers: [racer], openedAtMs: opened }));
    await store.set(builderPath(racer), { discordUserId: racer, displayName: 'R1', stripeAccountId: 'acct_1', payoutsEnabled: true, chargesEnabled: true });
    const sale = { kind: 'sale', shop: 'kofi', kofiType: 'Shop Order', guildId, saleId: 's1', eventId: 'e1', amountCents: 10_000, currency: 'usd' } as const;
    await recordSale(deps, { ...sale, paidAt: new Date(opened + 1_000).toISOString(), description: 'merch' });
    await payRacer(
      { ...deps, marketplace: { currency: 'usd' } },
      {
        id: '9000000000000000001',
        type: 2,
        token: 't1',
        application_id: '1',
        guild_id: guildId,
        channel_id: '910000000000000001',
        member: { user: { id: '800000000000000009', username: 'admin' }, permissions: ADMIN },
        data: {
          name: 'payout',
          options: [
            { name: 'user', type: 6, value: racer },
            { name: 'amount', type: 10, value: 10 },
          ],
        },
      },
    );
    return { guildId, amountCents: 1_000, currency: 'usd', payoutId: expect.any(String) };
  },
  'groupbuy-refund-refused': async () => {
    const w = await closeWorld({ groupBuyId: 'gbrefuse' });
    const groupBuy = await w.seed({ moq: 1, pledges: [{ buyerId: buyer(1), shippingCents: 500 }] });
    await closeGroupBuy(w.deps, closeTaskOf(groupBuy).payload);
    await w.runCharging();
    const [order] = await w.orders();
    // The charge was refunded from Stripe's dashboard meanwhile: Stripe refuses another refund of it.
    w.deps.payments.refund = async () => Promise.reject(new PaymentRefused('Charge has already been refunded.', { stripeCode: 'charge_already_refunded' }));
    await cancelGroupBuy(w.deps, command({ name: 'groupbuy', path: ['cancel'], options: { id: 'gbrefuse' }, userId: GB_BUILDER, guildId: GB_GUILD }));
    await w.runCharging();
    return { orderId: order?.orderId, chargeId: order?.chargeId, amountCents: 13_000, currency: 'usd' };
  },
  'journal-entry-conflict': async () => {
    const store = new LocalDocumentStore();
    const charge = (cents: number) =>
      entryOf({ entryId: 'charge:o1', kind: 'charge', at: '2026-11-28T12:00:00.000Z', guildId: 'g1', currency: 'usd', orderId: 'o1' }, [
        post.stripe(cents),
        post.held('o1', -cents),
      ]);
    await store.runTransaction(async (tx) => void writeEntry(tx, JournalRead.ofOrders(['o1'], await journalOfOrder(tx, 'o1')), charge(1_000)));
    // A second cause under the same id with other money: refused, and nothing is written.
    await expect(
      store.runTransaction(async (tx) => void writeEntry(tx, JournalRead.ofOrders(['o1'], await journalOfOrder(tx, 'o1')), charge(1_001))),
    ).rejects.toThrow('never overwritten');
    return { orderId: 'o1', guildId: 'g1', entryId: 'charge:o1' };
  },
};

describe('a case where a person must move money', () => {
  it.each(moneyNeedsHumanReasons)('GIVEN %s THEN one ERROR line money.needs-human with that reason and the ids to act on', async (reason) => {
    let wanted: Record<string, unknown> = {};
    const { lines } = await logLinesOf(async () => {
      wanted = await drives[reason]();
    });
    const paged = lines.filter((line) => line.event === 'money.needs-human');
    expect(paged).toEqual([expect.objectContaining({ severity: 'ERROR', reason, ...wanted })]);
    expect(String(paged[0]?.message)).not.toBe('');
  });

  it('has a reason per case, each a short kebab-case code', () => {
    for (const reason of moneyNeedsHumanReasons) expect(reason).toMatch(/^[a-z]+(-[a-z]+)+$/);
    expect(new Set(moneyNeedsHumanReasons).size).toBe(moneyNeedsHumanReasons.length);
  });
});

/**
 * A warning or error whose message asks a person to move money: "by hand", "owed", "refund
 * them", "left to an operator", "pay them back". The log's message is its first argument: a
 * string or a template, maybe on the next line.
 */
const asksForMoney = /\bby hand\b|\bowed\b|\brefund (?:them|it|or)\b|\bleft to an operator\b|\bpay (?:them|it) back\b/i;
const warningOrError = /\blog\.(?:warn|error)\(\s*(['"`])((?:\\.|(?!\1)[^\\])*)\1/g;

/** Each warning or error in these sources whose message asks for money to be moved, as `file: message`. */
function askingForMoney(files: ReadonlyArray<{ path: string; text: string }>): string[] {
  const found: string[] = [];
  for (const { path, text } of files)
    for (const match of text.matchAll(warningOrError)) if (asksForMoney.test(match[2] ?? '')) found.push(`${path}: ${match[2] ?? ''}`);
  return found;
}

describe('the operators’ page', () => {
  it('has one row for each reason, and no row for a reason the code does not write', () => {
    const page = readFileSync(join(__dirname, '..', '..', 'docs', 'operations', 'money-needs-human.md'), 'utf8');
    const rows = [...page.matchAll(/^\| `([a-z-]+)` \|/gm)].map((match) => match[1]);
    expect(rows).toEqual(moneyNeedsHumanReasons);
  });
});

describe('the source', () => {
  const root = join(__dirname, '..', '..');
  const sources = codeFiles(['shared', 'functions'])
    .filter((path) => !path.includes('/test/') && path !== 'shared/money-needs-human.ts')
    .map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));

  it('writes no warning or error asking for money to be moved by hand except through moneyNeedsHuman', () => {
    expect(askingForMoney(sources)).toEqual([]);
  });

  it('finds such a line, however its message is quoted or wrapped', () => {
    const planted = [
      { path: 'a.ts', text: "log.warn('Stripe refused a host’s transfer; the cut is owed by hand', { orderId })" },
      { path: 'b.ts', text: 'log.error(\n  `a ${bill.label} was paid for orders no longer waiting; refund them by hand`,\n  {})' },
      { path: 'c.ts', text: "log.info('paid by hand', {}); log.warn('a refund was recorded', {})" },
    ];
    expect(askingForMoney(planted)).toEqual([expect.stringMatching(/^a\.ts: /), expect.stringMatching(/^b\.ts: /)]);
  });
});
