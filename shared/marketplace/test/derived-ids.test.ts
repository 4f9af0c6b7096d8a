/**
 * Orders and drops take short ids derived from the interaction that made them, so a
 * redelivery finds the same one. A document found under such an id is reused only when it
 * came from that same interaction: a collision never hands one person another's checkout
 * or posts another's drop as theirs.
 */
import { LocalDocumentStore } from '../../adapters/firestore/local-document-store';
import { DiscordOutbox } from '../../adapters/discord/discord-outbox';
import { buyNow } from '../use-cases/buy-now';
import { postDrop } from '../use-cases/post-drop';
import { shortIdFrom } from '../../common';
import { dropPath, type Drop } from '../rules/drop';
import { orderPath, type Order } from '../../payments';
import type { Payments, TaskQueue } from '../../ports';
import { buttonPress, modalSubmit } from '../../../test/support/interactions';
import { builderPath } from '../../onboarding';
import { guildPath } from '../../guild';

const clock = { now: () => new Date('2026-11-22T12:00:00Z') };
const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };
const noPayments = new Proxy({} as Payments, { get: (_t, key) => () => Promise.reject(new Error(`Stripe was asked to ${String(key)}`)) });
const GUILD = '900000000000000001';
const CHANNEL = '910000000000000002';

async function world() {
  const store = new LocalDocumentStore();
  await store.set(builderPath('800000000000000009'), {
    discordUserId: '800000000000000009',
    displayName: 'B',
    stripeAccountId: 'acct_b',
    chargesEnabled: true,
    payoutsEnabled: true,
  });
  const drop: Drop = {
    dropId: 'drop1',
    guildId: GUILD,
    builderId: '800000000000000009',
    builderName: 'B',
    title: 'Board',
    description: 'd',
    priceCents: 12_000,
    currency: 'usd',
    kind: 'commission',
    channelId: CHANNEL,
    createdAt: clock.now().toISOString(),
  };
  await store.set(dropPath('drop1'), drop);
  const discord = new DiscordOutbox();
  const deps = {
    store,
    discord,
    payments: noPayments,
    tasks,
    clock,
    marketplace: { platformFeeBps: 1000, checkoutMinutes: 30, currency: 'usd' },
    publicBaseUrl: 'http://local',
    currency: 'usd',
  };
  return { store, discord, deps };
}

describe('an id derived from an interaction', () => {
  it('never hands a buyer the checkout of another buyer’s order found under their press’s id', async () => {
    const { store, deps } = await world();
    const press = buttonPress('buy:drop1', '800000000000000002', { channelId: CHANNEL });
    const theirs: Order = {
      orderId: shortIdFrom(`order:${press.id}`),
      source: 'drop',
      dropId: 'drop1',
      dropKind: 'commission',
      guildId: GUILD,
      title: 'Board',
      buyerId: '800000000000000003',
      buyerName: 'Someone else',
      builderId: '800000000000000009',
      builderName: 'B',
      amountCents: 12_000,
      currency: 'usd',
      platformFeeCents: 1_200,
      builderShareCents: 10_800,
      status: 'awaiting-payment',
      createdAt: '2026-11-22T12:00:00Z',
      checkoutUrl: 'https://checkout.stripe.com/c/pay/someone-else',
      checkoutExpiresAt: '2026-11-22T13:00:00Z',
    };
    await store.set(orderPath(theirs.orderId), theirs);
    const answer = await buyNow(deps, press);
    expect(JSON.stringify(answer)).not.toContain('someone-else');
    expect(answer.content).toContain('Press Buy Now again');
    expect(await store.get(orderPath(theirs.orderId))).toEqual(theirs);
  });

  it('never posts or claims another submission’s drop found under a submission’s id', async () => {
    const { store, discord, deps } = await world();
    await store.set(guildPath(GUILD), { marketplaceChannelId: CHANNEL, generalChannelId: CHANNEL });
    const submit = modalSubmit('drop:create', { title: 'Mine', description: 'Mine too', price: '240', kind: 'commission' }, '800000000000000009');
    const dropId = shortIdFrom(`drop:${submit.id}`);
    const theirs: Drop = {
      dropId,
      guildId: GUILD,
      builderId: '800000000000000008',
      builderName: 'Another builder',
      title: 'Theirs',
      description: 'Theirs too',
      priceCents: 30_000,
      currency: 'usd',
      kind: 'commission',
      interactionId: '1234567890123456789',
      channelId: CHANNEL,
      createdAt: '2026-11-22T11:00:00Z',
    };
    await store.set(dropPath(dropId), theirs);
    const answer = await postDrop(deps, submit);
    expect(answer.content).toContain('Run `/c500 drop` again');
    expect(discord.entries).toEqual([]);
    expect(await store.get(dropPath(dropId))).toEqual(theirs);
  });
});
