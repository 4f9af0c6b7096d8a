/**
 * Placing a drop, the one way a drop is made (`/c500 drop`'s and a group buy's extras): stored
 * under its maker's id, its units before its post, posted once however often it is placed, and
 * never placed over another maker's drop found under the same id.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { placeDrop, type DropListing } from '../use-cases/place-drop';
import { dropWithStock } from '../use-cases/drop-stock';
import { dropPath } from '../rules/drop';
import { builderPath } from '../../onboarding';
import { BUILDER, CHANNEL, GUILD, clock } from './buy-now-fixtures';

async function world(chargesEnabled = true) {
  const store = new LocalDocumentStore();
  await store.set(builderPath(BUILDER), { discordUserId: BUILDER, displayName: 'B', stripeAccountId: 'acct_b', chargesEnabled });
  const discord = new DiscordOutbox();
  return { store, discord, deps: { store, discord, clock } };
}

const extras = (groupBuyId: string, interactionId: string): DropListing => ({
  dropId: 'extras01',
  guildId: GUILD,
  channelId: CHANNEL,
  builderId: BUILDER,
  builderName: 'Bo',
  currency: 'usd',
  draft: { title: 'Tofu65 (extra)', description: 'Spare cases', priceCents: 25_000, kind: 'ready-to-ship', stock: 3 },
  origin: { fromGroupBuyId: groupBuyId, interactionId },
});

describe('placing a drop', () => {
  it('stores a group buy’s drop with its units and posts it once, however often and by whichever command it is placed', async () => {
    const { store, discord, deps } = await world();
    const first = await placeDrop(deps, extras('gb000001', '1000000000000000001'));
    const again = await placeDrop(deps, extras('gb000001', '1000000000000000002'));
    expect(first).toMatchObject({ ok: true, drop: { fromGroupBuyId: 'gb000001', interactionId: '1000000000000000001', stock: 3 } });
    expect(again).toEqual(first);
    expect(discord.entries.filter((e) => e.kind === 'channel')).toHaveLength(1);
    expect((await dropWithStock(store, 'extras01'))?.stockAvailable).toBe(3);
  });

  it('never places over another maker’s drop under the same id: another group buy’s, or a /c500 drop submission’s', async () => {
    const { store, discord, deps } = await world();
    await placeDrop(deps, extras('gb000001', '1000000000000000001'));
    const before = await store.get(dropPath('extras01'));
    expect(await placeDrop(deps, extras('gb000002', '1000000000000000003'))).toEqual({ ok: false, problem: 'crossed' });
    const submission = { ...extras('gb000001', '1000000000000000001'), origin: { interactionId: '1000000000000000001' } };
    expect(await placeDrop(deps, submission)).toEqual({ ok: false, problem: 'crossed' });
    expect(await store.get(dropPath('extras01'))).toEqual(before);
    expect(discord.entries).toHaveLength(1);
  });

  it('places nothing for a builder who cannot take payments', async () => {
    const { store, discord, deps } = await world(false);
    expect(await placeDrop(deps, extras('gb000001', '1000000000000000001'))).toEqual({ ok: false, problem: 'not-onboarded' });
    expect(await store.get(dropPath('extras01'))).toBeUndefined();
    expect(discord.entries).toEqual([]);
  });
});
