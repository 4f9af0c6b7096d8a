import { FaultInjector } from '../../../../shared/local/faults/fault-injector';
import { readFaultPlan } from '../../../../shared/local/faults/fault-plan';
import { faultyTwitchChat } from '../../../../shared/local/faults/faulty-twitch-chat';
import { chatDropCodes, type ChatMessageToSend, type TwitchChat } from '../../../../shared/ports';

function recordingChat(): TwitchChat & { sent: ChatMessageToSend[] } {
  const sent: ChatMessageToSend[] = [];
  return { sent, send: async (message) => (sent.push(message), { sent: true, messageId: `m${sent.length}` }) };
}

const faults = (spec: string) => new FaultInjector(readFaultPlan(spec)!, 'test');

describe('the chat port as Helix fails it', () => {
  it('answers an injected 429 as Twitch’s rate limit, with a wait of one to five seconds, and posts nothing', async () => {
    const inner = recordingChat();
    const chat = faultyTwitchChat(inner, faults('twitch.429=100%'));
    for (let i = 0; i < 20; i++) {
      const result = await chat.send({ broadcasterId: '1', text: `m${i}` });
      expect(result).toMatchObject({ sent: false, dropReason: { code: chatDropCodes.rateLimited } });
      expect(!result.sent && result.retryAfterMs).toBeGreaterThanOrEqual(1_000);
      expect(!result.sent && result.retryAfterMs).toBeLessThanOrEqual(5_000);
    }
    expect(inner.sent).toEqual([]);
  });

  it('answers an injected 5xx as Twitch unavailable, having posted the message about half the time', async () => {
    const inner = recordingChat();
    const chat = faultyTwitchChat(inner, faults('twitch.5xx=100%, seed=3'));
    for (let i = 0; i < 40; i++)
      expect(await chat.send({ broadcasterId: '1', text: `m${i}` })).toMatchObject({
        sent: false,
        dropReason: { code: chatDropCodes.unavailable },
        retryAfterMs: 1_000,
      });
    expect(inner.sent.length).toBeGreaterThan(5);
    expect(inner.sent.length).toBeLessThan(35);
  });

  it('passes every message through when no Twitch fault is planned', async () => {
    const inner = recordingChat();
    expect(await faultyTwitchChat(inner, faults('discord.429=100%')).send({ broadcasterId: '1', text: 'hi' })).toEqual({ sent: true, messageId: 'm1' });
  });
});
