import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { builderPath, twitchChannelPath } from '../../onboarding';
import { chatBiddingPath } from '../rules/chat-bidding';
import { tellWhyChatIsSilent } from '../use-cases/tell-why-chat-is-silent';

const owner = '812000000000000001';
const broadcasterId = '141981764';

async function world(chatBiddingOn: boolean | undefined) {
  const clock = { now: () => new Date('2026-11-21T20:00:00.000Z') };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox(undefined, { clock });
  await store.set(builderPath(owner), {
    discordUserId: owner,
    displayName: 'Lav',
    twitch: { userId: broadcasterId, login: 'lavkeebs', displayName: 'LavKeebs', linkedAt: '2026-11-01T00:00:00.000Z' },
  });
  await store.set(twitchChannelPath(broadcasterId), { builderId: owner, login: 'lavkeebs', linkedAt: '2026-11-01T00:00:00.000Z' });
  if (chatBiddingOn !== undefined)
    await store.set(chatBiddingPath(broadcasterId), {
      broadcasterId,
      login: 'lavkeebs',
      ownerId: owner,
      guildId: '900000000000000001',
      on: chatBiddingOn,
      changedBy: owner,
      changedAt: '2026-11-20T00:00:00.000Z',
    });
  const dms = () => discord.entries.filter((e) => e.kind === 'dm' && e.userId === owner);
  return { store, discord, clock, dms };
}

describe('a streamer who goes live with chat bidding off', () => {
  it('is told by DM why chat is silent and how to turn it on, once however often Twitch delivers the stream', async () => {
    const w = await world(undefined);
    await tellWhyChatIsSilent(w, { broadcasterId, streamKey: 's-1' });
    await tellWhyChatIsSilent(w, { broadcasterId, streamKey: 's-1' });
    expect(w.dms()).toHaveLength(1);
    const text = JSON.stringify(w.dms()[0]);
    expect(text).toContain('twitch.tv/lavkeebs');
    expect(text).toContain('`!privacy`');
    expect(text).toContain('/c500 chat-bidding on');
  });

  it('is told again on their next stream', async () => {
    const w = await world(false);
    await tellWhyChatIsSilent(w, { broadcasterId, streamKey: 's-1' });
    await tellWhyChatIsSilent(w, { broadcasterId, streamKey: 's-2' });
    expect(w.dms()).toHaveLength(2);
  });

  it('is told nothing when chat bidding is on, nor is anyone for a channel no builder linked', async () => {
    const w = await world(true);
    await tellWhyChatIsSilent(w, { broadcasterId, streamKey: 's-1' });
    await tellWhyChatIsSilent(w, { broadcasterId: '999', streamKey: 's-1' });
    expect(w.discord.entries).toHaveLength(0);
  });
});
