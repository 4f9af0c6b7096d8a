import { chatNotification } from '../../local/twitch-chat-events';
import { routeChatMessage } from '../rules/chat-bid-job';

const broadcaster = { userId: '5551', login: 'keebstream', displayName: 'KeebStream' };
const chatter = { userId: '42', login: 'ana', displayName: 'Ana' };
const signedAt = '2026-11-27T20:00:00.123456789Z';

describe('what the Twitch ingress does with a chat message', () => {
  it('hands a !bid on with the moment Twitch signed it', () => {
    const routed = routeChatMessage(chatNotification({ broadcaster, chatter, text: '!bid 25', messageId: 'abc-1' }), signedAt);
    expect(routed).toEqual({
      kind: 'bid',
      job: {
        chatMessageId: 'abc-1',
        broadcasterId: '5551',
        broadcasterLogin: 'keebstream',
        chatterId: '42',
        chatterLogin: 'ana',
        chatterName: 'Ana',
        text: '!bid 25',
        sentAtMs: Date.parse('2026-11-27T20:00:00.123Z'),
      },
    });
  });

  it('drops everything else said in chat', () => {
    expect(routeChatMessage(chatNotification({ broadcaster, chatter, text: 'gg' }), signedAt)).toEqual({ kind: 'ignore', why: 'not a bid' });
  });

  it('leaves a message shared from another channel’s chat (Shared Chat) to that channel', () => {
    const other = { broadcaster: { userId: '7777', login: 'other', displayName: 'Other' }, messageId: 'src-1' };
    expect(routeChatMessage(chatNotification({ broadcaster, chatter, text: '!bid 25', source: other }), signedAt).kind).toBe('ignore');
  });

  it('drops a malformed event rather than publish it', () => {
    const event = { ...chatNotification({ broadcaster, chatter, text: '!bid 25' }), chatter_user_id: 'not-digits' };
    expect(routeChatMessage(event, signedAt)).toEqual({ kind: 'ignore', why: 'malformed chat message' });
    expect(routeChatMessage({ message: 'no object' }, signedAt).kind).toBe('ignore');
  });
});
