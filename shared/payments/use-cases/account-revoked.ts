/**
 * @module account-revoked
 * Two Connect events about a builder's own account (`event.account` names it), each once:
 * `account.application.deauthorized` (the builder revoked C500: onboarding records it, which
 * stops their sales and holds their releases; the admin of each server with orders waiting on
 * them hears how it resolves) and `payout.failed` (Stripe could not pay their balance to
 * their bank: they hear Stripe's reason and what to do).
 */
import { tellOnce } from '../../discord';
import { accountDms, builderOfAccount, revokeBuilderAccount, type Builder } from '../../onboarding';
import { log } from '../../log';
import { text, type StripeEvent } from '../rules/stripe-event';
import { ordersCollection } from '../../orders';
import { awaitsRelease, revokedAdminDm } from '../rules/revoked-account';
import { adminToTell, guildFraudSettingsPath } from '../rules/fraud-warning';
import type { PaymentDeps } from './apply-payment';

export async function builderRevokedAccount(deps: PaymentDeps, event: StripeEvent): Promise<void> {
  const accountId = text(event.account);
  if (!accountId) return void log.warn('an account.application.deauthorized without the account it is about; ignored', { eventId: event.id });
  const builder = await revokeBuilderAccount(deps, accountId, event.id);
  if (!builder) return void log.info('a revoked account that is no builder’s current one', { eventId: event.id });
  await deps.modules.builderRevoked?.(builder.discordUserId);
  await tellAdmins(deps, builder, accountId);
}

/** The admin of each server where the builder has orders whose money waits on them, once per server and account. */
async function tellAdmins(deps: PaymentDeps, builder: Builder, accountId: string): Promise<void> {
  const orders = (await deps.store.query(ordersCollection, { where: [['builderId', '==', builder.discordUserId]] })).map((f) => f.data);
  const waiting = orders.filter(awaitsRelease);
  for (const guildId of [...new Set(waiting.map((o) => o.guildId))].sort()) {
    const admin = adminToTell(await deps.store.get(guildFraudSettingsPath(guildId)));
    const count = waiting.filter((o) => o.guildId === guildId).length;
    if (admin) await tellOnce(deps, `account-revoked:${accountId}:${guildId}`, admin, revokedAdminDm(builder.displayName, builder.discordUserId, count));
  }
}

export async function payoutFailed(deps: PaymentDeps, event: StripeEvent): Promise<void> {
  const accountId = text(event.account);
  const payout = event.data.object;
  const builder = accountId ? await builderOfAccount(deps.store, accountId) : undefined;
  if (!builder) return void log.info('a failed payout of no builder’s account', { eventId: event.id, payoutId: payout.id });
  const message = accountDms.payoutFailed({
    amountCents: typeof payout.amount === 'number' ? payout.amount : 0,
    currency: text(payout.currency) ?? 'usd',
    ...(text(payout.failure_message) ? { failureMessage: text(payout.failure_message) } : {}),
    ...(text(payout.failure_code) ? { failureCode: text(payout.failure_code) } : {}),
  });
  await tellOnce(deps, `payout-failed:${payout.id}`, builder.discordUserId, message);
}
