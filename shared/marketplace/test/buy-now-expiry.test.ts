/**
 * A Buy Now press opens a checkout and arms the task that expires it: without that task a
 * checkout Stripe never expires (or whose expiry is lost) holds its unit for good. A press
 * delivered again after the process died between the two finds the session recorded.
 */
import { LocalDocumentStore } from '../../adapters/firestore/local-document-store';
import { DiscordOutbox } from '../../adapters/discord/discord-outbox';
import { buyNow } from '../use-cases/buy-now';
import { shortIdFrom } from '../../common';
import { dropPath } from '../rules/drop';
import { orderPath } from '../../payments';
import type { ScheduledTask, TaskQueue } from '../../ports';
import { BUILDER, CHANNEL, GUILD, clock, noPayments, orderOnTheDrop } from './buy-now-fixtures';
import { buttonPress } from '../../../test/support/interactions';
import { builderPath } from '../../onboarding';

const BUYER = '800000000000000002';

async function world() {
  const store = new LocalDocumentStore();
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
    kind: 'commission',
    channelId: CHANNEL,
    createdAt: clock.now().toISOString(),
  });
  const scheduled: ScheduledTask[] = [];
  const tasks: TaskQueue = { schedule: async (task) => (scheduled.push(task), 'scheduled'), cancel: async () => false };
  const deps = {
    store,
    discord: new DiscordOutbox(),
    payments: noPayments,
    tasks,
    clock,
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    publicBaseUrl: 'http://local',
  };
  return { store, scheduled, deps };
}

describe('a Buy Now press delivered again', () => {
  it('arms the expiry of the checkout its first delivery recorded before dying, and opens no other', async () => {
    const { store, scheduled, deps } = await world();
    const press = buttonPress('buy:drop1', BUYER, { channelId: CHANNEL });
    const orderId = shortIdFrom(`order:${press.id}`);
    // The first delivery reserved, opened and recorded the session; the process died before its expiry task was made.
    const recorded = orderOnTheDrop(orderId, BUYER, {
      dropKind: 'commission',
      checkoutSessionId: 'cs_1',
      checkoutUrl: 'https://checkout.stripe.com/c/pay/cs_1',
      checkoutExpiresAt: '2026-11-22T12:30:00Z',
    });
    await store.set(orderPath(orderId), recorded);

    const answer = await buyNow(deps, press);
    expect(JSON.stringify(answer)).toContain(orderId);
    expect(scheduled.map((t) => [t.name, t.runAt.toISOString()])).toEqual([[`expire-${orderId}`, '2026-11-22T12:30:00.000Z']]);
  });
});
