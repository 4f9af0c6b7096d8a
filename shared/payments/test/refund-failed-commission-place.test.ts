/**
 * A full refund of a commission that fails later: the order counts as paid again, so it is in
 * its builder's line again, exactly once. A refund that reached us before the payment left the
 * order with no place: it takes the next one when the refund fails, promised from then. A refund
 * after the payment ended a place: the failure gives that place back as it was (its ticket was
 * never given to anyone else). Whatever redelivers the failure, and in whichever order the
 * events come.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { recordingPayments } from '../../../test/support/recording-payments';
import { buyNow } from '../../marketplace/use-cases/buy-now';
import { handleStripeEvent, type StripeEvent } from '..';
import { ordersCollection, type Order } from '../../orders';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { stockShardsOf, dropPath, type Drop } from '../../marketplace/rules/drop';
import { createStockShards } from '../../marketplace/use-cases/drop-stock';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { buttonPress } from '../../../test/support/interactions';
import { builderPath } from '../../onboarding';
import { withPaymentModules } from '../../router/payment-wiring';
import { discordMembersOnly } from '../../../test/support/bidders';
import { commissionQueuePath, lineOf } from '../../queue';
import { logLinesOf } from '../../../test/support/log-lines';

const builderId = '801000000000000001';
const week = 7 * 24 * 60 * 60_000;
const leadWeeks = 3;

/** The builder's commission drop: four places, three weeks' lead, paid in two tranches. */
function commissionDrop(createdAt: string): Drop {
  return {
    dropId: 'drop1',
    guildId: 'g',
    builderId,
    builderName: 'B',
    title: 'Commission',
    description: 'd',
    priceCents: 10996,
    currency: 'usd',
    kind: 'commission',
    commission: {
      slots: 4,
      leadWeeks,
      oneAtATime: false,
      tranches: [
        { milestone: 'parts-in', percent: 30 },
        { milestone: 'done', percent: 70 },
      ],
    },
    stock: 4,
    stockShards: stockShardsOf(4).length,
    channelId: 'c',
    createdAt,
  };
}

async function commissionShop() {
  let now = new Date('2026-11-22T12:00:00Z');
  const clock = { now: () => now };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const { payments, events } = recordingPayments(store, clock);
  const { accountId } = await payments.createConnectedAccount({ builderId, country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await store.set(builderPath(builderId), { discordUserId: builderId, displayName: 'B', stripeAccountId: accountId, chargesEnabled: true });
  const drop = commissionDrop(now.toISOString());
  await store.set(dropPath('drop1'), drop);
  await createStockShards(store, drop);
  const deps = withPaymentModules({
    bidders: discordMembersOnly,
    store,
    discord,
    payments,
    tasks,
    clock,
    book: new InMemoryAuctionBook(),
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
    publicBaseUrl: 'http://local',
    currency: 'usd',
  });
  const deliver = async (list: StripeEvent[]) => {
    for (const event of list) await handleStripeEvent(deps, event);
  };
  const orderOf = async (buyerId: string) => (await store.query(ordersCollection)).map((d) => d.data).find((o) => o.buyerId === buyerId);

  /** A buyer's checkout paid at Stripe, and its events held back: the payment's, and a full refund's with its failure. */
  async function buy(buyerId: string) {
    await buyNow(deps, buttonPress('buy:drop1', buyerId, { channelId: 'c', guildId: 'g' }));
    await deliver(events.splice(0));
    const open = await orderOf(buyerId);
    if (!open?.checkoutSessionId) throw new Error('no checkout opened');
    await payments.paySession(open.checkoutSessionId);
    const payment = events.splice(0);
    const paymentIntentId = payment.map((e) => e.data.object.payment_intent).find((p): p is string => typeof p === 'string');
    if (!paymentIntentId) throw new Error(`no payment seen in ${payment.map((e) => e.type).join(', ')}`);
    const { chargeId } = await payments.chargeOfPayment(paymentIntentId);
    const refund = async () => {
      await payments.refundCharge(chargeId);
      const refunded = events.splice(0).filter((e) => e.type === 'charge.refunded');
      const refundedAt = refunded[0]?.created ?? 0;
      // The bank sends the refund back at Stripe's stand-in (the charge's total goes back down there too); its event comes a minute later.
      const made = (await payments.listRefunds()).find((r) => r.charge === chargeId && r.status === 'succeeded');
      if (!made) throw new Error(`no refund of ${chargeId} to fail`);
      await payments.failRefund(made.id);
      const sent = events.splice(0).find((e) => e.type === 'charge.refund.updated');
      if (!sent) throw new Error('the stand-in sent no charge.refund.updated');
      // On this test's clock of seconds: the refund made with its charge.refunded, failed a minute later.
      const failed: StripeEvent = {
        ...sent,
        id: `evt_refund_failed_${buyerId}`,
        created: refundedAt + 60,
        data: { object: { ...sent.data.object, created: refundedAt } },
      };
      return { refunded, failed };
    };
    return { payment, refund, order: () => orderOf(buyerId) as Promise<Order> };
  }

  const line = async () =>
    lineOf(
      (await store.query(ordersCollection)).map((d) => d.data),
      now,
    ).map((p) => p.buyerName);
  const ticketsGiven = async () => (await store.get(commissionQueuePath(builderId)))?.ticketsGiven;
  const dmsTo = (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId);
  const later = (ms: number) => void (now = new Date(now.getTime() + ms));
  return { buy, deliver, line, ticketsGiven, dmsTo, scheduled, later, now: () => now, store };
}

describe('a full refund of a commission that failed later', () => {
  it('gives the order the next place in the line when the refund had come before the payment, promised from the failure', async () => {
    const shop = await commissionShop();
    const first = await shop.buy('811000000000000001');
    const { refunded, failed } = await first.refund();
    await shop.deliver([...refunded, ...first.payment]);
    expect((await first.order()).commission?.ticket).toBeUndefined();
    const second = await shop.buy('811000000000000002');
    await shop.deliver(second.payment);
    shop.later(week);
    await shop.deliver([failed]);

    const order = await first.order();
    expect(order.status).toBe('paid');
    expect(order.commission).toMatchObject({ ticket: 2, promisedAt: new Date(shop.now().getTime() + leadWeeks * week).toISOString() });
    expect(await shop.ticketsGiven()).toBe(2);
    expect(await shop.line()).toHaveLength(2);
    expect(shop.scheduled.map((t) => t.name)).toContain(`commission-late-${order.orderId}-${Date.parse(order.commission?.promisedAt ?? '')}`);
    expect(shop.dmsTo(order.buyerId).filter((d) => /failed/.test(d.message.content ?? ''))).toHaveLength(1);
  });

  it('gives back the place a refund after the payment had ended, with its ticket and its date', async () => {
    const shop = await commissionShop();
    const first = await shop.buy('811000000000000001');
    await shop.deliver(first.payment);
    const placed = (await first.order()).commission;
    const second = await shop.buy('811000000000000002');
    await shop.deliver(second.payment);
    const { refunded, failed } = await first.refund();
    await shop.deliver(refunded);
    expect(await shop.line()).toHaveLength(1);
    const { lines } = await logLinesOf(() => shop.deliver([failed]));

    const order = await first.order();
    expect(order.status).toBe('paid');
    // The buyer does not have the money back: a person pays it back another way, paged once.
    expect(lines.filter((line) => line.event === 'money.needs-human')).toEqual([
      expect.objectContaining({ severity: 'ERROR', reason: 'refund-failed', orderId: order.orderId }),
    ]);
    expect(order.commission).toMatchObject({ ticket: 1, promisedAt: placed?.promisedAt });
    expect(await shop.ticketsGiven()).toBe(2);
    expect(await shop.line()).toEqual([order.buyerName, (await second.order()).buyerName]);
    const failedNotes = (userId: string) => shop.dmsTo(userId).filter((d) => /failed/.test(d.message.content ?? ''));
    expect(failedNotes(order.buyerId).map((d) => d.message.content)).toEqual([expect.stringContaining('’s queue')]);
    expect(failedNotes(order.builderId).map((d) => d.message.content)).toEqual([expect.stringContaining('’s queue')]);
  });

  it('takes one place however often the failure is delivered, and whichever came first', async () => {
    for (const order of ['failure last', 'failure first'] as const) {
      const shop = await commissionShop();
      const first = await shop.buy('811000000000000001');
      const { refunded, failed } = await first.refund();
      const again = { ...failed, id: 'evt_refund_failed_again' };
      if (order === 'failure last') await shop.deliver([...refunded, ...first.payment, failed, failed, again, ...refunded, ...first.payment]);
      else await shop.deliver([failed, ...refunded, ...first.payment, failed, again, ...first.payment]);

      const paid = await first.order();
      expect({ order, status: paid.status, ticket: paid.commission?.ticket, tickets: await shop.ticketsGiven() }).toEqual({
        order,
        status: 'paid',
        ticket: 1,
        tickets: 1,
      });
      // A failure that came first was counted by the payment: nobody had been told of a refund, so nobody hears of its failure.
      const told = order === 'failure last' ? 1 : 0;
      const failedNotes = (userId: string) => shop.dmsTo(userId).filter((d) => /failed/.test(d.message.content ?? '')).length;
      expect({ order, buyer: failedNotes(paid.buyerId), builder: failedNotes(paid.builderId) }).toEqual({ order, buyer: told, builder: told });
    }
  });
});
