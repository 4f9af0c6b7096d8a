import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { LocalTwitch, localTwitchUser } from '../../local/twitch/twitch';
import { builderPath } from '../../onboarding';
import { twitchScopes } from '../../ports';
import { ADMIN, command } from '../../../test/support/interactions';
import { chatBiddingPath, type ChatBidding } from '../rules/chat-bidding';
import { chatAccessEnded } from '../use-cases/chat-access-ended';
import { turnChatBiddingOff } from '../use-cases/turn-chat-bidding-off';
import { startChatConsent, turnChatBiddingOn } from '../use-cases/turn-chat-bidding-on';

const guild = '900000000000000001';
const owner = '812000000000000001';
const otherMember = '812000000000000002';
const channel = localTwitchUser('lavkeebs', '141981764');
const bot = '100000001';

function world() {
  let now = new Date('2026-11-21T20:00:00.000Z');
  const clock = { now: () => now };
  const store = new LocalDocumentStore();
  const discord = new DiscordOutbox(undefined, { clock });
  const twitch = new LocalTwitch({ store, clock });
  const chatApp = {
    clientId: 'client',
    stateKey: 'a-state-key-of-at-least-32-characters-0123',
    authorizeUrl: 'https://id.twitch.tv/oauth2/authorize',
    publicBaseUrl: 'https://c500.example',
    eventSubSecret: 'eventsub-secret-for-tests',
    botUserId: bot as string | undefined,
  };
  return { store, discord, twitch, clock, chatApp, advance: (ms: number) => (now = new Date(now.getTime() + ms)) };
}

async function linkedOwner(w: ReturnType<typeof world>): Promise<void> {
  await w.store.set(builderPath(owner), {
    discordUserId: owner,
    displayName: 'Lav',
    twitch: { userId: channel.userId, login: channel.login, displayName: channel.displayName, linkedAt: '2026-11-01T00:00:00.000Z' },
  });
}

async function consented(w: ReturnType<typeof world>): Promise<void> {
  await w.twitch.grant(localTwitchUser('c500bot', bot), twitchScopes.bot);
  await w.twitch.grant(channel, twitchScopes.broadcaster);
  await w.store.set(chatBiddingPath(channel.userId), {
    broadcasterId: channel.userId,
    login: channel.login,
    ownerId: owner,
    guildId: guild,
    on: false,
    consentAt: '2026-11-20T00:00:00.000Z',
    changedBy: owner,
    changedAt: '2026-11-20T00:00:00.000Z',
  });
}

const on = (w: ReturnType<typeof world>, userId = owner) =>
  turnChatBiddingOn(w, command({ name: 'c500', path: ['chat-bidding', 'on'], userId, guildId: guild }));
const off = (w: ReturnType<typeof world>, userId = owner, options: Record<string, string> = {}, permissions?: string) =>
  turnChatBiddingOff(w, command({ name: 'c500', path: ['chat-bidding', 'off'], userId, guildId: guild, options, ...(permissions ? { permissions } : {}) }));

describe('/c500 chat-bidding on', () => {
  it('tells a member with no linked Twitch channel to run /c500 link-twitch first', async () => {
    const w = world();
    expect((await on(w)).content).toContain('/c500 link-twitch');
    expect(await w.store.get(chatBiddingPath(channel.userId))).toBeUndefined();
  });

  it('says chat bidding is unavailable while the platform has no bot', async () => {
    const w = world();
    await linkedOwner(w);
    w.chatApp.botUserId = undefined;
    expect((await on(w)).content).toContain('its Twitch bot has not been set up');
  });

  it('asks for the broadcaster’s consent first, with a short link of ours that leads to Twitch for channel:bot', async () => {
    const w = world();
    await linkedOwner(w);
    const answer = await on(w);
    const ours = new URL(JSON.stringify(answer.components).match(/https:[^"]+/)?.[0] as string);
    expect(`${ours.origin}${ours.pathname}`).toBe('https://c500.example/twitch/chat/callback');
    const started = startChatConsent(w, ours.searchParams.get('start') as string);
    if (started.kind !== 'to-twitch') throw new Error(`refused: ${JSON.stringify(started)}`);
    const link = new URL(started.location);
    expect(link.origin).toBe(new URL(w.chatApp.authorizeUrl).origin);
    expect(link.searchParams.get('scope')).toBe('channel:bot');
    expect(link.searchParams.get('redirect_uri')).toBe('https://c500.example/twitch/chat/callback');
    expect(await w.store.get(chatBiddingPath(channel.userId))).toBeUndefined();
  });

  it('with consent, subscribes to the channel’s chat as the bot and turns it on at once; again, it says so', async () => {
    const w = world();
    await linkedOwner(w);
    await consented(w);
    expect((await on(w)).content).toContain('Chat bidding is on for **twitch.tv/lavkeebs**');
    const [subscription] = await w.twitch.enabledSubscriptions('channel.chat.message', channel.userId);
    expect(subscription?.condition).toEqual({ broadcaster_user_id: channel.userId, user_id: bot });
    expect(await w.store.get(chatBiddingPath(channel.userId))).toMatchObject({ on: true, ownerId: owner, guildId: guild, subscriptionId: subscription?.id });
    expect((await on(w)).content).toContain('was already on');
    expect(await w.twitch.enabledSubscriptions('channel.chat.message', channel.userId)).toHaveLength(1);
  });

  it('asks for consent again when Twitch no longer has it', async () => {
    const w = world();
    await linkedOwner(w);
    await consented(w);
    await w.twitch.revokeAuthorization(channel.userId);
    const answer = await on(w);
    expect(answer.content).toContain('Twitch needs your OK');
    expect((await w.store.get(chatBiddingPath(channel.userId)))?.consentAt).toBeUndefined();
  });
});

describe('/c500 chat-bidding off', () => {
  async function turnedOn() {
    const w = world();
    await linkedOwner(w);
    await consented(w);
    await on(w);
    return w;
  }

  it('unsubscribes the owner’s channel and turns it off', async () => {
    const w = await turnedOn();
    expect((await off(w)).content).toContain('Chat bidding is off for **twitch.tv/lavkeebs**');
    expect(await w.twitch.enabledSubscriptions('channel.chat.message', channel.userId)).toEqual([]);
    const record = await w.store.get(chatBiddingPath(channel.userId));
    expect(record).toMatchObject({ on: false, changedBy: owner, consentAt: '2026-11-20T00:00:00.000Z' });
    expect(record?.subscriptionId).toBeUndefined();
    expect((await off(w)).content).toContain('No channel of yours');
  });

  it('lets an admin turn off a member’s channel by its login, and nobody else', async () => {
    const w = await turnedOn();
    expect((await off(w, otherMember, { channel: 'LavKeebs' })).content).toContain('Only the member whose channel');
    expect((await w.store.get(chatBiddingPath(channel.userId)))?.on).toBe(true);
    expect((await off(w, otherMember, { channel: 'lavkeebs' }, ADMIN)).content).toContain('Chat bidding is off');
    expect((await off(w, otherMember, { channel: 'lavkeebs' }, ADMIN)).content).toContain('already off');
    expect((await off(w, otherMember, { channel: 'nobodyhere' }, ADMIN)).content).toContain('does not take chat bids in this server');
  });

  it('reaches no channel turned on in another server', async () => {
    const w = await turnedOn();
    const elsewhere = command({
      name: 'c500',
      path: ['chat-bidding', 'off'],
      userId: otherMember,
      guildId: '900000000000000002',
      permissions: ADMIN,
      options: { channel: 'lavkeebs' },
    });
    expect((await turnChatBiddingOff(w, elsewhere)).content).toContain('does not take chat bids in this server');
    expect((await w.store.get(chatBiddingPath(channel.userId)))?.on).toBe(true);
  });
});

describe('when Twitch ends C500’s access to a channel’s chat', () => {
  const stored = (w: ReturnType<typeof world>) => w.store.get(chatBiddingPath(channel.userId)) as Promise<ChatBidding>;
  const dms = (w: ReturnType<typeof world>) => w.discord.entries.filter((e) => e.kind === 'dm' && e.userId === owner);

  it('turns chat bidding off with the reason and tells the owner once, whichever notice comes and however often', async () => {
    const w = world();
    await linkedOwner(w);
    await consented(w);
    await on(w);
    await chatAccessEnded(w, { broadcasterId: channel.userId, reason: 'revoked' });
    w.advance(1_000);
    await chatAccessEnded(w, { broadcasterId: channel.userId, reason: 'revoked' });
    await chatAccessEnded(w, { broadcasterId: channel.userId, reason: 'authorization-revoked' });
    expect(await stored(w)).toMatchObject({ on: false, offReason: 'revoked', changedBy: 'twitch' });
    // The disconnection took the consent with it: `on` asks for it again.
    expect((await stored(w)).consentAt).toBeUndefined();
    expect(dms(w)).toHaveLength(1);
    expect(dms(w)[0]?.message.embeds?.[0]?.description).toContain('/c500 chat-bidding on');
  });

  it('ignores the revocation of a subscription the channel no longer uses', async () => {
    const w = world();
    await linkedOwner(w);
    await consented(w);
    await on(w);
    await chatAccessEnded(w, { broadcasterId: channel.userId, reason: 'revoked', subscriptionId: 'an-older-subscription' });
    expect((await stored(w)).on).toBe(true);
    await chatAccessEnded(w, { broadcasterId: channel.userId, reason: 'revoked', subscriptionId: (await stored(w)).subscriptionId as string });
    expect((await stored(w)).on).toBe(false);
    expect(dms(w)).toHaveLength(1);
  });

  it('keeps the consent when only the subscription was revoked', async () => {
    const w = world();
    await linkedOwner(w);
    await consented(w);
    await on(w);
    await chatAccessEnded(w, { broadcasterId: channel.userId, reason: 'revoked' });
    expect((await stored(w)).consentAt).toBe('2026-11-20T00:00:00.000Z');
  });

  it('leaves a channel someone turned off as it was, and ignores a Twitch user who is no channel of ours', async () => {
    const w = world();
    await linkedOwner(w);
    await consented(w);
    await chatAccessEnded(w, { broadcasterId: channel.userId, reason: 'revoked' });
    await chatAccessEnded(w, { broadcasterId: '999999', reason: 'authorization-revoked' });
    expect(await stored(w)).toMatchObject({ on: false, changedBy: owner });
    expect((await stored(w)).offReason).toBeUndefined();
    expect(dms(w)).toEqual([]);
  });
});
