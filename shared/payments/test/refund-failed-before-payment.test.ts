/**
 * A refund that fails before its order's payment is heard of (Stripe promises no order: the
 * checkout's completion can come after `charge.refunded` and after the refund's failure). The
 * buyer paid and keeps the money's worth: the order is sold, its unit stays off the shelf, and
 * it counts nothing refunded, whichever order the events come in and however often.
 */
import { refundedOfOrder } from '../../journal';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { recordingPayments } from '../../../test/support/recording-payments';
import { buyNow } from '../../marketplace/use-cases/buy-now';
import { handleStripeEvent, type StripeEvent } from '..';
import { ordersCollection } from '../../orders';
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { stockShardsOf, dropPath, stockShardsPath, type Drop } from '../../marketplace/rules/drop';
import { createStockShards } from '../../marketplace/use-cases/drop-stock';
import type { TaskQueue } from '../../ports';
import { buttonPress } from '../../../test/support/interactions';
import { builderPath } from '../../onboarding';
import { withPaymentModules } from '../../router/payment-wiring';
import { discordMembersOnly } from '../../../test/support/bidders';

const stock = 2;
const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };

async function boughtAndRefunded() {
  const store = new LocalDocumentStore();
  const { payments, events } = recordingPayments(store, clock);
  const { accountId } = await payments.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await store.set(builderPath('b'), { discordUserId: 'b', displayName: 'B', stripeAccountId: accountId, chargesEnabled: true });
  const drop: Drop = {
    dropId: 'drop1',
    guildId: 'g',
    builderId: 'b',
    builderName: 'B',
    title: 'Board',
    description: 'd',
    priceCents: 12000,
    currency: 'usd',
    kind: 'ready-to-ship',
    stock,
    stockShards: stockShardsOf(stock).length,
    channelId: 'c',
    createdAt: clock.now().toISOString(),
  };
  await store.set(dropPath('drop1'), drop);
  await createStockShards(store, drop);
  const deps = withPaymentModules({
    bidders: discordMembersOnly,
    store,
    discord: new DiscordOutbox(),
    payments,
    tasks,
    clock,
    book: new InMemoryAuctionBook(),
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    auctions: { payMinutes: 60, secondChanceDepth: 2, strikesToBan: 2, counterBidSeconds: 10, settleMs: 2_000 },
    publicBaseUrl: 'http://local',
    currency: 'usd',
  });
  await buyNow(deps, buttonPress('buy:drop1', 'buyer1', { channelId: 'c', guildId: 'g' }));
  for (const event of events.splice(0)) await handleStripeEvent(deps, event);
  const [open] = (await store.query(ordersCollection)).map((d) => d.data);
  if (!open?.checkoutSessionId) throw new Error('no checkout opened');
  await payments.paySession(open.checkoutSessionId);
  const payment = events.splice(0);
  const paymentIntentId = payment.map((e) => e.data.object.payment_intent).find((p): p is string => typeof p === 'string');
  if (!paymentIntentId) throw new Error(`no payment seen in ${payment.map((e) => e.type).join(', ')}`);
  const { chargeId } = await payments.chargeOfPayment(paymentIntentId);
  await payments.refundCharge(chargeId);
  const refunded = events.splice(0).filter((e) => e.type === 'charge.refunded');
  const amount = refunded[0]?.data.object.amount_refunded;
  const refundedAt = refunded[0]?.created ?? 0;
  const failed: StripeEvent = {
    id: 'evt_refund_failed',
    type: 'charge.refund.updated',
    created: refundedAt + 60,
    data: {
      object: {
        id: 're_failed',
        object: 'refund',
        amount,
        charge: chargeId,
        payment_intent: paymentIntentId,
        created: refundedAt,
        status: 'failed',
        failure_reason: 'expired_or_canceled_card',
      },
    },
  };
  const deliver = async (list: StripeEvent[]) => {
    for (const event of list) await handleStripeEvent(deps, event);
  };
  const state = async () => {
    const [order] = (await store.query(ordersCollection)).map((d) => d.data);
    const shelf = (await store.query(stockShardsPath('drop1'))).map((d) => d.data.available ?? 0).reduce((a, b) => a + b, 0);
    return { status: order?.status, refunded: order ? await refundedOfOrder(store, order) : 0, shelf };
  };
  return { payment, refunded, failed, deliver, state };
}

describe('a refund that failed before its order’s payment was heard of', () => {
  it('leaves the order sold with nothing refunded and its unit off the shelf when the refund and its failure both came first', async () => {
    const w = await boughtAndRefunded();
    await w.deliver([...w.refunded, w.failed, ...w.payment]);
    expect(await w.state()).toEqual({ status: 'paid', refunded: 0, shelf: stock - 1 });
  });

  it('does the same when the failure came first of all, and whatever is delivered again afterwards', async () => {
    const w = await boughtAndRefunded();
    await w.deliver([w.failed, ...w.refunded, ...w.payment]);
    expect(await w.state()).toEqual({ status: 'paid', refunded: 0, shelf: stock - 1 });
    await w.deliver([w.failed, ...w.refunded, ...w.payment, { ...w.failed, id: 'evt_refund_failed_again' }]);
    expect(await w.state()).toEqual({ status: 'paid', refunded: 0, shelf: stock - 1 });
  });

  it('does the same when only the refund came before the payment and its failure after it', async () => {
    const w = await boughtAndRefunded();
    await w.deliver([...w.refunded, ...w.payment, w.failed, ...w.refunded]);
    expect(await w.state()).toEqual({ status: 'paid', refunded: 0, shelf: stock - 1 });
  });
});
