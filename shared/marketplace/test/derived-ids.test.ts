/**
 * Orders and drops take short ids derived from the interaction that made them, so a
 * redelivery finds the same one. A document found under such an id is reused only when it
 * came from that same interaction: a collision never hands one person another's checkout
 * or posts another's drop as theirs.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { buyNow } from '../use-cases/buy-now';
import { postDrop } from '../use-cases/post-drop';
import { shortIdFrom } from '../../common';
import { dropPath, type Drop } from '../rules/drop';
import { orderPath } from '../../orders';
import type { TaskQueue } from '../../ports';
import { CHANNEL, GUILD, buyNowDeps, builderWithDrop, orderOnTheDrop } from './buy-now-fixtures';
import { buttonPress, modalSubmit } from '../../../test/support/interactions';
import { guildPath } from '../../guild';

const tasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };

async function world() {
  const store = new LocalDocumentStore();
  await builderWithDrop(store, 'commission');
  const discord = new DiscordOutbox();
  return { store, discord, deps: { ...buyNowDeps(store, tasks), discord, currency: 'usd' } };
}

describe('an id derived from an interaction', () => {
  it('never hands a buyer the checkout of another buyer’s order found under their press’s id', async () => {
    const { store, deps } = await world();
    const press = buttonPress('buy:drop1', '800000000000000002', { channelId: CHANNEL });
    // Another buyer's order, in the older shape that names its drop by `dropId`.
    const theirs = orderOnTheDrop(shortIdFrom(`order:${press.id}`), '800000000000000003', {
      dropId: 'drop1',
      dropKind: 'commission',
      buyerName: 'Someone else',
      createdAt: '2026-11-22T12:00:00Z',
      checkoutUrl: 'https://checkout.stripe.com/c/pay/someone-else',
      checkoutExpiresAt: '2026-11-22T13:00:00Z',
    });
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
