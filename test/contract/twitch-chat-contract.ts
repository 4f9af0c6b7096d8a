/**
 * What the chat port promises, whoever answers it: Twitch's limits per channel (a window of
 * 30 seconds, 20 messages as a viewer and 100 as a moderator), 500 characters, the
 * duplicate rule, and the bot's permission to speak, each as the port's value.
 */
import { chatDropCodes, type TwitchChat } from '../../shared/ports';
import type { ChatWorld } from '../support/twitch-chat';

export interface ChatUnderTest {
  world: ChatWorld;
  chat: TwitchChat;
  cleanup(): Promise<void>;
}

export function describeTwitchChatContract(name: string, make: () => Promise<ChatUnderTest>): void {
  describe(name, () => {
    let under: ChatUnderTest;
    beforeEach(async () => {
      under = await make();
    });
    afterEach(() => under.cleanup());

    const send = (text: string, broadcasterId = under.world.channel.userId) => under.chat.send({ broadcasterId, text });

    it('posts a message the bot may send, with Twitch’s message id', async () => {
      const result = await send('@ana leads at $520 · next $530');
      expect(result).toEqual({ sent: true, messageId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(under.world.chat.messages()).toEqual([
        expect.objectContaining({ broadcasterId: under.world.channel.userId, text: '@ana leads at $520 · next $530', dropped: false }),
      ]);
    });

    it('takes 500 characters, counting an emoji as one, and refuses 501 as too long', async () => {
      expect(await send('x'.repeat(500))).toMatchObject({ sent: true });
      expect(await send('🔨'.repeat(500))).toMatchObject({ sent: true });
      expect(await send('y'.repeat(501))).toEqual({ sent: false, dropReason: { code: chatDropCodes.tooLong, message: expect.any(String) } });
    });

    it('drops the same text as the bot’s previous message within 30 seconds, and takes it after', async () => {
      expect(await send('going once')).toMatchObject({ sent: true });
      expect(await send('going once')).toEqual({ sent: false, dropReason: { code: chatDropCodes.duplicate, message: expect.stringMatching(/identical/) } });
      under.world.advance(30_000);
      expect(await send('going once')).toMatchObject({ sent: true });
    });

    it('drops the 21st message within 30 seconds where the bot is not a moderator, and has room again once the window moves', async () => {
      for (let i = 1; i <= 20; i++) expect(await send(`reply ${i}`)).toMatchObject({ sent: true });
      expect(await send('reply 21')).toEqual({ sent: false, dropReason: { code: chatDropCodes.rateLimited, message: expect.any(String) } });
      under.world.advance(29_999);
      expect(await send('reply 22')).toMatchObject({ sent: false, dropReason: { code: chatDropCodes.rateLimited } });
      under.world.advance(1);
      expect(await send('reply 23')).toMatchObject({ sent: true });
    });

    it('takes 100 messages within 30 seconds where the bot is a moderator, and drops the 101st', async () => {
      await under.world.twitch.setModerator(under.world.channel.userId, '100000001', true);
      for (let i = 1; i <= 100; i++) expect(await send(`reply ${i}`)).toMatchObject({ sent: true });
      expect(await send('reply 101')).toMatchObject({ sent: false, dropReason: { code: chatDropCodes.rateLimited } });
    });

    it('refuses a channel whose broadcaster never let the bot in, until they grant channel:bot or mod the bot', async () => {
      const { closedChannel, twitch } = under.world;
      expect(await send('hello', closedChannel.userId)).toEqual({ sent: false, dropReason: { code: chatDropCodes.notPermitted, message: expect.any(String) } });
      await twitch.setModerator(closedChannel.userId, '100000001', true);
      expect(await send('hello', closedChannel.userId)).toMatchObject({ sent: true });
    });

    it('keeps each channel’s budget apart', async () => {
      const other = under.world.closedChannel;
      await under.world.twitch.grant(other, ['channel:bot']);
      for (let i = 1; i <= 20; i++) await send(`reply ${i}`);
      expect(await send('one more')).toMatchObject({ sent: false });
      expect(await send('one more', other.userId)).toMatchObject({ sent: true });
    });
  });
}
