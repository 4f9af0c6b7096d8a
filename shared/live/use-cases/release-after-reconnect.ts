/**
 * @module release-after-reconnect
 * A builder who revoked C500's access and has now connected a new account that can be paid
 * (`account.updated`, after onboarding recorded it): every proved order whose release waited
 * on them goes out now, and so do won disputes' returns held for them (as builder or host).
 * Each is keyed as any other, so a redelivery sends nothing twice. Batch work (stripe-work): a
 * builder's every held order at once, nobody waiting on any one of them, leaves the Stripe
 * budget's last tokens to people.
 */
import { builderOfAccount, canSell } from '../../onboarding';
import { finishHeldReturns } from '../../payments';
import { ordersCollection } from '../../orders';
import { releaseWaitingOrder, type ProveOrderDeps } from './prove-order';
import { asBatchWork } from '../../stripe-work';

export function releaseAfterReconnect(deps: ProveOrderDeps, accountId: string): Promise<void> {
  return asBatchWork(() => releaseWaiting(deps, accountId));
}

async function releaseWaiting(deps: ProveOrderDeps, accountId: string): Promise<void> {
  const builder = await builderOfAccount(deps.store, accountId);
  if (!builder?.revokedAccount || !canSell(builder)) return;
  const orders = await deps.store.query(ordersCollection, { where: [['builderId', '==', builder.discordUserId]] });
  const waiting = orders.filter((f) => f.data.proof && f.data.payouts.builder.transferId === undefined).map((f) => f.id);
  for (const orderId of waiting.sort()) await releaseWaitingOrder(deps, orderId);
  await finishHeldReturns(deps, builder.discordUserId);
}
