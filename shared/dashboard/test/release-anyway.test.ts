/**
 * "Release anyway": an admin clears an early fraud warning held for their review without a
 * refund. Only an admin of the order's own server, only a warning held for review, once,
 * recorded with who and when; the release that waited then goes out once, however often
 * the button is pressed.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { docPath } from '../../ports';
import { proveOrder, releaseWaitingOrder } from '../../live/use-cases/prove-order';
import { builderPath, type Builder, type TwitchLink } from '../../onboarding/rules/builder';
import { handleStripeEvent } from '../../payments/use-cases/handle-stripe-event';
import { orderPath, type Order } from '../../orders';
import type { StripeEvent } from '../../payments/rules/stripe-event';
import { releaseAnyway } from '../use-cases/release-anyway';
import type { DashboardDeps } from '../use-cases/dashboard-deps';
import { sessionOf, world as dashboardWorld } from './dashboard-fixtures';
import { paidCharge, paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder } from '../../../test/support/orders';

const GUILD = '900000000000000001';
const BUILDER = '800000000000000021';
const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const twitch: TwitchLink = { userId: 't', login: 'bkeebs', displayName: 'B', linkedAt: '2026-11-01T00:00:00Z' };

async function heldForReview() {
  const store = new LocalDocumentStore();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const { accountId } = await payments.createConnectedAccount({ builderId: BUILDER, country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  await payments.completeOnboarding(accountId);
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'k3v9m2qa');
  await store.set(docPath<{ configuredBy: string; payments: { fraudAutoRefund: boolean } }>(`guilds/${GUILD}`), {
    configuredBy: '800000000000000011',
    payments: { fraudAutoRefund: false },
  });
  await store.set(builderPath(BUILDER), { discordUserId: BUILDER, displayName: 'Juno', stripeAccountId: accountId, transfersActive: true, twitch });
  const order = anOrder({
    orderId: 'k3v9m2qa',
    guildId: GUILD,
    builderId: BUILDER,
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    status: 'paid',
    paymentIntentId,
    chargeId,
  });
  await store.set(orderPath('k3v9m2qa'), order);
  const paying = paymentDepsFor({ store, discord: new DiscordOutbox(), payments, clock });
  const warning: StripeEvent = {
    id: 'evt_warn',
    type: 'radar.early_fraud_warning.created',
    created: 100,
    data: {
      object: {
        id: 'issfr_1',
        object: 'radar.early_fraud_warning',
        actionable: true,
        charge: chargeId,
        fraud_type: 'made_with_stolen_card',
        payment_intent: paymentIntentId,
      },
    },
  };
  await handleStripeEvent(paying, warning);
  await proveOrder(paying, (await store.get(builderPath(BUILDER))) as Builder & { twitch: TwitchLink }, 'k3v9m2qa', {});
  const deps: DashboardDeps = { ...dashboardWorld().deps, store, clock, releaseWaiting: async (orderId) => void (await releaseWaitingOrder(paying, orderId)) };
  const transfers = async () => (await payments.listTransfers()).map((t) => t.amount);
  return { deps, transfers, order: () => store.get(orderPath('k3v9m2qa')) as Promise<Order> };
}

describe('an admin’s “release anyway” on an order a fraud warning holds for review', () => {
  it('clears the hold with who and when and sends the waiting release once, however often it is pressed', async () => {
    const w = await heldForReview();
    expect(await w.transfers()).toEqual([]);
    const admin = sessionOf([GUILD]);
    await expect(releaseAnyway(w.deps, admin, GUILD, 'k3v9m2qa')).resolves.toEqual({ ok: true });
    await expect(releaseAnyway(w.deps, admin, GUILD, 'k3v9m2qa')).resolves.toMatchObject({ ok: false, reason: 'already-cleared' });
    expect(await w.transfers()).toEqual([22_500]);
    expect((await w.order()).fraudWarning?.clearedBy).toEqual({ byUserId: admin.userId, byName: 'Ana', at: '2026-11-22T12:00:00.000Z' });
  });

  it('is refused to anyone not an admin of the order’s own server, and changes nothing', async () => {
    const w = await heldForReview();
    await expect(releaseAnyway(w.deps, sessionOf([]), GUILD, 'k3v9m2qa')).resolves.toEqual({ ok: false, reason: 'not-found' });
    await expect(releaseAnyway(w.deps, sessionOf(['900000000000000002']), '900000000000000002', 'k3v9m2qa')).resolves.toEqual({
      ok: false,
      reason: 'not-found',
    });
    expect(await w.transfers()).toEqual([]);
    expect((await w.order()).fraudWarning?.clearedBy).toBeUndefined();
  });
});
