import { DiscordOutbox } from '../../shared/adapters/discord/discord-outbox';

describe('the Discord outbox (local Discord REST)', () => {
  it('records every call in send order with its kind, target and the message as it would be sent', async () => {
    const printed: string[] = [];
    const outbox = new DiscordOutbox((line) => printed.push(line));
    await outbox.sendDm('u1', { content: 'Your order is on the workbench' });
    const posted = await outbox.postToChannel('c1', { embeds: [{ title: 'New drop' }] });
    await outbox.editChannelMessage('c1', posted.messageId, { content: 'Sold out' });
    await outbox.editOriginalResponse('tok', { content: 'Done', flags: 64 });
    await outbox.sendFollowup('tok', { content: 'One more thing' });
    expect(outbox.entries.map(({ seq, kind, userId, channelId, messageId, interactionToken, message }) => ({ seq, kind, userId, channelId, messageId, interactionToken, message }))).toEqual([
      { seq: 1, kind: 'dm', userId: 'u1', channelId: undefined, messageId: undefined, interactionToken: undefined, message: { content: 'Your order is on the workbench' } },
      { seq: 2, kind: 'channel', userId: undefined, channelId: 'c1', messageId: posted.messageId, interactionToken: undefined, message: { embeds: [{ title: 'New drop' }] } },
      { seq: 3, kind: 'edit', userId: undefined, channelId: 'c1', messageId: posted.messageId, interactionToken: undefined, message: { content: 'Sold out' } },
      { seq: 4, kind: 'edit', userId: undefined, channelId: undefined, messageId: undefined, interactionToken: 'tok', message: { content: 'Done', flags: 64 } },
      { seq: 5, kind: 'followup', userId: undefined, channelId: undefined, messageId: expect.any(String), interactionToken: 'tok', message: { content: 'One more thing' } },
    ]);
    expect(printed).toHaveLength(5);
    expect(printed[0]).toContain('DM to u1: Your order is on the workbench');
  });

  it('keeps a copy of each message, so later changes by the caller do not rewrite history', async () => {
    const outbox = new DiscordOutbox();
    const message = { content: 'first' };
    await outbox.sendDm('u1', message);
    message.content = 'changed';
    expect(outbox.entries[0]?.message.content).toBe('first');
  });
});
