import { readChatAccessEnded } from '../rules/chat-access-notices';

const at = '2026-11-27T20:00:00Z';

describe('which Twitch messages end chat bidding', () => {
  it('reads a revoked chat subscription by the channel in its condition', () => {
    const revoked = {
      messageId: 'm1',
      messageType: 'revocation',
      timestamp: at,
      subscription: {
        id: 'sub-9',
        type: 'channel.chat.message',
        status: 'authorization_revoked',
        condition: { broadcaster_user_id: '5551', user_id: '100000001' },
      },
    };
    expect(readChatAccessEnded(revoked)).toEqual({ broadcasterId: '5551', reason: 'revoked', subscriptionId: 'sub-9' });
  });

  it('reads a user.authorization.revoke by the user in its event', () => {
    const revoke = {
      messageId: 'm2',
      messageType: 'notification',
      timestamp: at,
      subscription: { id: 'sub-a', type: 'user.authorization.revoke', condition: { client_id: 'abc' } },
      event: { client_id: 'abc', user_id: '5551', user_login: 'keebstream', user_name: 'KeebStream' },
    };
    expect(readChatAccessEnded(revoke)).toEqual({ broadcasterId: '5551', reason: 'authorization-revoked' });
  });

  it('leaves stream events and their revocations to onboarding', () => {
    const stream = { messageType: 'revocation', subscription: { id: 's', type: 'stream.online', condition: { broadcaster_user_id: '5551' } } };
    expect(readChatAccessEnded(stream)).toBeUndefined();
    expect(readChatAccessEnded({ messageType: 'notification', subscription: { type: 'channel.chat.message' }, event: {} })).toBeUndefined();
    expect(readChatAccessEnded('nonsense')).toBeUndefined();
  });
});

describe('which Twitch messages do not end chat bidding', () => {
  const chatSubscription = { id: 'sub-9', type: 'channel.chat.message', condition: { broadcaster_user_id: '5551' } };
  const revokeSubscription = { id: 'sub-a', type: 'user.authorization.revoke', condition: { client_id: 'abc' } };

  it('ignores a message without a subscription', () => {
    expect(readChatAccessEnded({ messageType: 'revocation' })).toBeUndefined();
  });

  it('ignores a chat message delivered as usual', () => {
    expect(readChatAccessEnded({ messageType: 'notification', subscription: chatSubscription, event: { user_id: '5551' } })).toBeUndefined();
  });

  it('names no subscription when the revocation carries no id', () => {
    const revoked = { messageType: 'revocation', subscription: { ...chatSubscription, id: undefined } };
    expect(readChatAccessEnded(revoked)).toStrictEqual({ broadcasterId: '5551', reason: 'revoked' });
  });

  it('ignores a revoked authorization-revoke subscription, and a notification of another type', () => {
    expect(readChatAccessEnded({ messageType: 'revocation', subscription: revokeSubscription, event: { user_id: '5551' } })).toBeUndefined();
    const stream = { id: 's', type: 'stream.online', condition: { broadcaster_user_id: '5551' } };
    expect(readChatAccessEnded({ messageType: 'notification', subscription: stream, event: { user_id: '5551' } })).toBeUndefined();
  });

  it('ignores an authorization revoke naming no Twitch user id', () => {
    expect(readChatAccessEnded({ messageType: 'notification', subscription: revokeSubscription, event: { user_id: 'abc' } })).toBeUndefined();
  });
});
