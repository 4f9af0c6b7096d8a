/**
 * The soak's "no last payout left before its delivery" (scripts/soak/money-invariants.ts), fed a
 * world its check did not write: the transfers as the local Stripe made and stamped them, the
 * order as the product's own Received, carrier scan and admin release left it, all read back
 * from the store's documents as the soak reads them. One world plants a transfer of the order's
 * last payout made before its gate opened; the others send it after, as the product does.
 */
import { DiscordOutbox } from '../../../shared/local/discord/discord-outbox';
import { LocalDocumentStore } from '../../../shared/local/firestore/document-store';
import { LocalPayments } from '../../../shared/local/stripe/payments';
import { proveOrder, releaseWaitingOrder } from '../../../shared/live/use-cases/prove-order';
import { builderPath, type Builder, type TwitchLink } from '../../../shared/onboarding';
import { applyOrderFact, orderPath, type Order } from '../../../shared/orders';
import { guildPath } from '../../../shared/guild';
import { confirmReceived, sweepOrders } from '../../../shared/marketplace';
import { receivedButtonId } from '../../../shared/marketplace/rules/delivery';
import { paidCharge, paymentDepsFor } from '../../support/payment-deps';
import { anOrder } from '../../support/orders';
import { dmButtonPress } from '../../support/interactions';
import { verdict, world as soakWorld } from '../../support/soak-world';

const name = 'no last payout left before its delivery (or Received, or an admin’s release)';
const hour = 3_600_000;
const guildId = '900000000000000001';
const buyer = '800000000000000031';
const orderId = 'gate0001';

/** A paid drop order sold under the delivery gate, proved on stream (its payout waiting), at the local Stripe and store. */
async function provedUnderTheGate() {
  let nowMs = Date.parse('2026-11-22T12:00:00Z');
  const clock = { now: () => new Date(nowMs) };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const { accountId } = await payments.createConnectedAccount({ builderId: 'b', country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await payments.completeOnboarding(accountId);
  const { paymentIntentId, chargeId } = await paidCharge(payments, orderId);
  await store.set(guildPath(guildId), { deliveryWindowDays: 1 }, { merge: true });
  const order: Order = anOrder({
    orderId,
    lastPayoutAt: 'delivery',
    guildId,
    buyerId: buyer,
    builderId: 'b',
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    status: 'paid',
    paymentIntentId,
    chargeId,
  });
  await store.set(orderPath(orderId), order);
  const builder: Builder & { twitch: TwitchLink } = {
    discordUserId: 'b',
    displayName: 'B',
    stripeAccountId: accountId,
    twitch: { userId: 't', login: 'bkeebs', displayName: 'B', linkedAt: clock.now().toISOString() },
  };
  await store.set(builderPath('b'), builder);
  const deps = paymentDepsFor({ store, discord, payments, clock });
  await proveOrder(deps, builder, orderId, {}, 'i-proof');
  const releaseWaiting = async (id: string) => void (await releaseWaitingOrder(deps, id));
  const fact = (change: Parameters<typeof applyOrderFact>[2]) =>
    store.runTransaction(async (tx) => applyOrderFact(tx, (await tx.get(orderPath(orderId))) as Order, change));
  return {
    advance: (ms: number) => void (nowMs += ms),
    ship: () => fact({ kind: 'shipped', at: clock.now().toISOString(), tracking: 'EZ1000000001', carrier: 'usps', byInteraction: 'i-ship' }),
    delivered: () => fact({ kind: 'parcel-moved', status: 'delivered', at: clock.now().toISOString(), byEvent: 'evt_delivered' }),
    releaseWaiting: () => releaseWaiting(orderId),
    freeByHand: () => fact({ kind: 'payout-freed', at: clock.now().toISOString(), byUserId: '800000000000000001', byInteraction: 'i-free' }),
    press: () => confirmReceived({ store, discord, clock, releaseWaiting }, dmButtonPress(receivedButtonId(orderId), buyer)),
    sweep: () => sweepOrders({ store, clock, discord, delivery: { deliveryDays: 30, addressDays: 90 }, releaseWaiting }),
    /** The planted bug: the builder's share sent at Stripe now, whatever the gate says (as a release that skipped it would). */
    sendEarly: () =>
      payments.createTransfer({
        idempotencyKey: 'planted-early',
        amountCents: 22_500,
        currency: 'usd',
        destination: accountId,
        sourceTransaction: chargeId,
        transferGroup: orderId,
        metadata: { order_id: orderId },
      }),
    transfers: async () => (await payments.listTransfers()).filter((t) => t.metadata?.order_id === orderId),
    /** The run's documents as the soak reads them: the store's, the local Stripe's objects among them. */
    soak: () => soakWorld(Object.fromEntries(store.everyDocument())),
  };
}

describe('the soak’s check that no last payout leaves before its delivery', () => {
  it('GIVEN the builder’s share transferred an hour before the buyer pressed Received THEN the check names that transfer', async () => {
    const w = await provedUnderTheGate();
    await w.ship();
    const { transferId: early } = await w.sendEarly();
    w.advance(hour);
    await w.press();
    expect(verdict(w.soak(), name)).toMatchObject({
      held: false,
      checked: 1,
      counterexample: `order ${orderId}: transfer ${early} (release) left before its delivery, Received or an admin's release`,
    });
  });

  it('GIVEN the share transferred after the carrier’s delivery but inside the server’s one-day window THEN the check names it', async () => {
    const w = await provedUnderTheGate();
    await w.ship();
    await w.delivered();
    w.advance(hour);
    const { transferId: early } = await w.sendEarly();
    expect(verdict(w.soak(), name)).toMatchObject({
      held: false,
      counterexample: expect.stringContaining(`transfer ${early} (release) left before its delivery`),
    });
  });

  it('GIVEN the share transferred while nothing opened the gate THEN the check names it', async () => {
    const w = await provedUnderTheGate();
    const { transferId: early } = await w.sendEarly();
    expect(verdict(w.soak(), name)).toMatchObject({ held: false, counterexample: expect.stringContaining(`transfer ${early}`) });
  });

  it('GIVEN the release the buyer’s Received sent, an hour after the proof THEN the check holds', async () => {
    const w = await provedUnderTheGate();
    await w.ship();
    w.advance(hour);
    await w.press();
    expect(await w.transfers()).toHaveLength(1);
    expect(verdict(w.soak(), name)).toMatchObject({ held: true, checked: 1 });
  });

  it('GIVEN the release the sweep sent once the carrier’s delivery and the one-day window passed, or an admin’s release by hand THEN the check holds', async () => {
    const delivered = await provedUnderTheGate();
    await delivered.ship();
    await delivered.delivered();
    delivered.advance(24 * hour);
    await delivered.sweep();
    expect(await delivered.transfers()).toHaveLength(1);
    expect(verdict(delivered.soak(), name)).toMatchObject({ held: true, checked: 1 });

    const byHand = await provedUnderTheGate();
    byHand.advance(hour);
    await byHand.freeByHand();
    await byHand.releaseWaiting();
    expect(await byHand.transfers()).toHaveLength(1);
    expect(verdict(byHand.soak(), name)).toMatchObject({ held: true, checked: 1 });
  });
});
