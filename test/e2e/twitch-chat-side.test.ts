/**
 * Twitch chat's side of the local runtime, as `npm start` runs it: a viewer's message
 * reaches the real EventSub ingress (its own process) really signed, the bot speaks
 * through the platform's chat and through the simulator's Helix, and what it said is listed.
 */
import { createHelixTwitchChat } from '../../shared/adapters/twitch/helix-twitch-chat';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;

beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

const post = (path: string, body: unknown = {}) =>
  fetch(`${rt.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('Twitch chat in the local runtime', () => {
  it('has a bot of its own, authorized for chat and clips, and lets a channel in once it grants channel:bot', async () => {
    const bot = rt.config.twitchBot.userId as string;
    expect(bot).toBe('100000001');
    expect(await rt.twitch.grantOf(bot)).toEqual(['clips:edit', 'moderator:manage:chat_messages', 'user:bot', 'user:read:chat', 'user:write:chat']);
    const granted = (await (await post('/_local/twitch/users/lavkeebs/grant?scope=channel:bot')).json()) as { user: { userId: string } };
    const webhook = { callbackUrl: `${rt.url}/webhooks/twitch`, secret: rt.secrets.TWITCH_EVENTSUB_SECRET as string };
    const { subscriptionId } = await rt.twitch.subscribeToChatMessages(granted.user.userId, bot, webhook);

    const said = (await (
      await post('/_local/twitch/chat/send', { broadcaster_user_login: 'lavkeebs', chatter_user_login: 'ana_keys', text: '!bid 520' })
    ).json()) as {
      deliveries: Array<{ subscriptionId: string; status: number }>;
    };
    expect(said.deliveries).toEqual([expect.objectContaining({ subscriptionId, status: 204 })]);

    expect(await rt.twitchChat.send({ broadcasterId: granted.user.userId, text: '@ana_keys leads at $520' })).toMatchObject({ sent: true });
    const chat = createHelixTwitchChat({
      clientId: rt.secrets.TWITCH_CLIENT_ID as string,
      clientSecret: rt.secrets.TWITCH_CLIENT_SECRET as string,
      botUserId: bot,
      helixUrl: `${rt.url}/_local/twitch/helix`,
      tokenUrl: `${rt.url}/_local/twitch/oauth2/token`,
    });
    expect(await chat.send({ broadcasterId: granted.user.userId, text: '@ana_keys leads at $520' })).toMatchObject({
      sent: false,
      dropReason: { code: 'msg_duplicate' },
    });

    const listed = (await (await fetch(`${rt.url}/_local/twitch/chat?channel=lavkeebs`)).json()) as { messages: Array<Record<string, unknown>> };
    expect(listed.messages.map((m) => [m.channel, m.text, m.dropped])).toEqual([
      ['lavkeebs', '@ana_keys leads at $520', false],
      ['lavkeebs', '@ana_keys leads at $520', true],
    ]);
  });
});
