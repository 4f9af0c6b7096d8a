/**
 * Connect events about a builder's own account, against the local Stripe, shaped as Stripe
 * sends them (`event.account` names the connected account): a revoked account stops the
 * builder selling and holds their releases (said once, never retried) until a new account is
 * connected, which releases what waited; a failed payout DMs Stripe's reason.
 */
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { LocalPayments } from '../../local/stripe/payments';
import { docPath } from '../../ports';
import { proveOrder } from '../../live/use-cases/prove-order';
import { releaseAfterReconnect } from '../../live/use-cases/release-after-reconnect';
import { currentStripeWork } from '../../stripe-work';
import { updateBuilderAccount } from '../../onboarding/use-cases/update-builder-account';
import { builderPath, canSell, type Builder, type TwitchLink } from '../../onboarding/rules/builder';
import { handleStripeEvent } from '../use-cases/handle-stripe-event';
import { orderPath } from '../../orders';
import type { Order } from '../../orders';
import type { StripeEvent } from '../rules/stripe-event';
import { paidCharge, paymentDepsFor } from '../../../test/support/payment-deps';
import { anOrder } from '../../../test/support/orders';

const GUILD = '900000000000000001';
const ADMIN = '800000000000000011';
const BUILDER = '800000000000000021';
const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const twitch: TwitchLink = { userId: 't', login: 'bkeebs', displayName: 'B', linkedAt: '2026-11-01T00:00:00Z' };

async function world() {
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox();
  const payments = new LocalPayments({ store, baseUrl: 'http://local', clock, sendEvent: async () => undefined });
  const { accountId } = await payments.createConnectedAccount({ builderId: BUILDER, country: 'US', serviceAgreement: 'full', idempotencyKey: 'acct' });
  const { paymentIntentId, chargeId } = await paidCharge(payments, 'o1');
  await store.set(docPath<{ configuredBy: string }>(`guilds/${GUILD}`), { configuredBy: ADMIN });
  await store.set(builderPath(BUILDER), { discordUserId: BUILDER, displayName: 'Juno', stripeAccountId: accountId, transfersActive: true, twitch });
  const order: Order = anOrder({
    orderId: 'o1',
    guildId: GUILD,
    builderId: BUILDER,
    amountCents: 25_000,
    platformFeeCents: 2_500,
    builderShareCents: 22_500,
    status: 'paid',
    paymentIntentId,
    chargeId,
  });
  await store.set(orderPath('o1'), order);
  const deps = paymentDepsFor({ store, discord, payments, clock });
  /** `account.application.deauthorized`: the object is the platform's Application; the account is the event's. */
  const deauthorized = (id: string, account = accountId): StripeEvent => ({
    id,
    object: 'event',
    type: 'account.application.deauthorized',
    account,
    created: 200,
    livemode: false,
    data: { object: { id: 'ca_c500', object: 'application', name: 'C500 Collective' } },
  });
  const builder = async () => (await store.get(builderPath(BUILDER))) as Builder & { twitch: TwitchLink };
  const dmsTo = (userId: string) => discord.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => e.message.content ?? '');
  /** The builder connects a new account that can be paid, and C500 hears of it (`times` deliveries): what waited on them goes out. */
  const reconnect = async (times = 1) => {
    const { accountId: fresh } = await payments.createConnectedAccount({
      builderId: BUILDER,
      country: 'US',
      serviceAgreement: 'full',
      idempotencyKey: 'acct-2',
    });
    await payments.completeOnboarding(fresh);
    await store.update(builderPath(BUILDER), { stripeAccountId: fresh, transfersActive: true });
    for (let i = 0; i < times; i++) await releaseAfterReconnect(deps, fresh);
    return fresh;
  };
  return { store, payments, deps, accountId, deauthorized, builder, dmsTo, reconnect, order: () => store.get(orderPath('o1')) as Promise<Order> };
}

describe('a builder who revokes C500’s access to their Stripe account', () => {
  it('can sell no more, hears how to reconnect once, and each server with money waiting on them tells its admin once', async () => {
    const w = await world();
    await handleStripeEvent(w.deps, w.deauthorized('evt_1'));
    await handleStripeEvent(w.deps, w.deauthorized('evt_2'));
    const builder = await w.builder();
    expect(builder.revokedAccount).toMatchObject({ accountId: w.accountId, eventId: 'evt_1' });
    expect(canSell(builder)).toBe(false);
    expect(w.dmsTo(BUILDER)).toEqual([expect.stringContaining('/c500 onboard')]);
    expect(w.dmsTo(ADMIN)).toEqual([expect.stringContaining('money of 1 order of theirs in this server waits')]);
  });

  it('holds a proved order’s release as waiting on reconnection: no transfer asked, the order stays proved, nothing retried', async () => {
    const w = await world();
    // Stripe's stand-in would still take the transfer: only the revocation holds it.
    await w.payments.completeOnboarding(w.accountId);
    await handleStripeEvent(w.deps, w.deauthorized('evt_1'));
    expect(await proveOrder(w.deps, await w.builder(), 'o1', {})).toMatchObject({ ok: false, refusal: 'account-revoked' });
    expect(await w.payments.listTransfers()).toEqual([]);
    const order = await w.order();
    expect(order.status).toBe('building');
    expect(order.releaseAttempts).toBeUndefined();
  });

  it('keeps the proof when access is revoked between the release being fixed and its transfer: the release waits on reconnection', async () => {
    const w = await world();
    await w.payments.completeOnboarding(w.accountId);
    // The builder revokes C500 while the transfer is being asked: Stripe refuses it with account_invalid, before the webhook says why.
    const revoking = {
      ...w.deps,
      payments: new Proxy(w.payments, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver) as unknown;
          if (name !== 'createTransfer' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
          return async (...args: unknown[]) => {
            await target.deauthorize(w.accountId);
            return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          };
        },
      }),
    };
    expect(await proveOrder(revoking, await w.builder(), 'o1', {})).toMatchObject({ ok: false, refusal: 'account-revoked' });
    const order = await w.order();
    expect(order).toMatchObject({ status: 'building', proof: expect.objectContaining({ provedAt: expect.any(String) }) });
    expect(order.payouts.builder.releasing ?? null).toBeNull();
    await handleStripeEvent(w.deps, w.deauthorized('evt_1'));
    const fresh = await w.reconnect();
    expect((await w.payments.listTransfers()).map((t) => [t.amount, t.destination])).toEqual([[22_500, fresh]]);
  });

  it('stays unable to sell when an older account.updated of the revoked account arrives late', async () => {
    const w = await world();
    await handleStripeEvent(w.deps, w.deauthorized('evt_1'));
    await updateBuilderAccount(w.deps, {
      id: 'evt_old',
      created: 300,
      data: { object: { id: w.accountId, capabilities: { transfers: 'active' }, charges_enabled: true } },
    });
    expect(canSell(await w.builder())).toBe(false);
  });

  it('releases what waited, once, when a new account that can be paid is connected', async () => {
    const w = await world();
    await handleStripeEvent(w.deps, w.deauthorized('evt_1'));
    await proveOrder(w.deps, await w.builder(), 'o1', {});
    const fresh = await w.reconnect(2);
    expect((await w.payments.listTransfers()).map((t) => [t.amount, t.destination])).toEqual([[22_500, fresh]]);
    expect((await w.order()).payouts.builder.transferId).toBeDefined();
  });

  it('sends what waited as batch work, leaving the Stripe budget’s last tokens to people', async () => {
    const w = await world();
    await handleStripeEvent(w.deps, w.deauthorized('evt_1'));
    await proveOrder(w.deps, await w.builder(), 'o1', {});
    const works: string[] = [];
    const transfer = w.payments.createTransfer.bind(w.payments);
    w.payments.createTransfer = async (request) => (works.push(currentStripeWork()), transfer(request));
    await w.reconnect();
    expect(works).toEqual(['batch']);
  });
});

describe('a builder’s payout that failed', () => {
  /** `payout.failed` as Stripe sends it for a connected account's payout. */
  const payoutFailed = (id: string, account: string): StripeEvent => ({
    id,
    object: 'event',
    type: 'payout.failed',
    account,
    created: 300,
    livemode: false,
    data: {
      object: {
        id: 'po_1',
        object: 'payout',
        amount: 12_000,
        currency: 'usd',
        arrival_date: 1_764_000_000,
        automatic: true,
        failure_code: 'account_closed',
        failure_message: 'The bank account has been closed.',
        method: 'standard',
        status: 'failed',
        type: 'bank_account',
      },
    },
  });

  it('DMs the builder Stripe’s reason and what to do, once', async () => {
    const w = await world();
    await handleStripeEvent(w.deps, payoutFailed('evt_p1', w.accountId));
    await handleStripeEvent(w.deps, payoutFailed('evt_p2', w.accountId));
    expect(w.dmsTo(BUILDER)).toEqual([expect.stringMatching(/could not pay \$120\.00 out to your bank: “The bank account has been closed\.”.*bank details/)]);
  });

  it('tells nobody of a payout of an account that is no builder’s', async () => {
    const w = await world();
    await handleStripeEvent(w.deps, payoutFailed('evt_p1', 'acct_someone_else'));
    expect(w.dmsTo(BUILDER)).toEqual([]);
  });
});
