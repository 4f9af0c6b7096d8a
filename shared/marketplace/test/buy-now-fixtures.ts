/**
 * What the Buy Now tests share: the server, channel and builder a drop lives in, a clock at
 * its moment, a Stripe that fails any call (these presses must not reach it), the builder
 * and their drop1 in a store, the use case's dependencies, and an order on the drop awaiting
 * payment.
 */
import type { Order } from '../../orders';
import type { DocumentStore, Payments, TaskQueue } from '../../ports';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { builderPath } from '../../onboarding';
import { dropPath, type Drop } from '../rules/drop';
import type { BuyNowDeps } from '../use-cases/buy-now';
import { anOrder } from '../../../test/support/orders';

export const GUILD = '900000000000000001';
export const CHANNEL = '910000000000000002';
export const BUILDER = '800000000000000009';

export const clock = { now: () => new Date('2026-11-22T12:00:00Z') };

export const noPayments = new Proxy({} as Payments, { get: (_t, key) => () => Promise.reject(new Error(`Stripe was asked to ${String(key)}`)) });

/** A builder who can be paid, and their drop1 of `kind` (with `fields`), in `store`. */
export async function builderWithDrop(store: DocumentStore, kind: Drop['kind'], fields: Partial<Drop> = {}): Promise<void> {
  await store.set(builderPath(BUILDER), { discordUserId: BUILDER, displayName: 'B', stripeAccountId: 'acct_b', chargesEnabled: true, payoutsEnabled: true });
  await store.set(dropPath('drop1'), {
    dropId: 'drop1',
    guildId: GUILD,
    builderId: BUILDER,
    builderName: 'B',
    title: 'Board',
    description: 'd',
    priceCents: 12_000,
    currency: 'usd',
    kind,
    channelId: CHANNEL,
    createdAt: clock.now().toISOString(),
    ...fields,
  });
}

/** Buy Now's dependencies on `store` and `tasks`, with the rest as the tests want them. */
export const buyNowDeps = (store: DocumentStore, tasks: TaskQueue): BuyNowDeps => ({
  store,
  discord: new DiscordOutbox(),
  payments: noPayments,
  tasks,
  clock,
  marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
  publicBaseUrl: 'http://local',
});

/** An order of `buyerId`'s on drop1, awaiting payment unless `fields` say otherwise. */
export const orderOnTheDrop = (orderId: string, buyerId: string, fields: Partial<Order> = {}): Order =>
  anOrder({
    orderId,
    sourceId: 'drop1',
    guildId: GUILD,
    title: 'Board',
    buyerId,
    builderId: BUILDER,
    builderName: 'B',
    amountCents: 12_000,
    platformFeeCents: 1_200,
    builderShareCents: 10_800,
    createdAt: '2026-11-22T11:58:00Z',
    ...fields,
  });
