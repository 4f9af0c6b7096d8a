import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import { snowflakeAt } from '../../shared/common';

const nowMs = Date.parse('2026-11-22T20:00:00Z');
const clock = { now: () => new Date(nowMs) };
const issuedMinutesAgo = (minutes: number, token = 'tok') => ({ id: snowflakeAt(nowMs - minutes * 60_000, 1), token });

describe('the Discord outbox (local Discord REST)', () => {
  it('records every call in send order with its kind, target and the message as it would be sent', async () => {
    const printed: string[] = [];
    const outbox = new DiscordOutbox((line) => printed.push(line), { clock });
    await outbox.sendDm('u1', { content: 'Your order is on the workbench' });
    const posted = await outbox.postToChannel('c1', { embeds: [{ title: 'New drop' }] });
    await outbox.editChannelMessage('c1', posted.messageId, { content: 'Sold out' });
    await outbox.editOriginalResponse(issuedMinutesAgo(1), { content: 'Done' });
    await outbox.sendFollowup(issuedMinutesAgo(1), { content: 'One more thing', flags: 64 });
    expect(
      outbox.entries.map(({ seq, kind, userId, channelId, messageId, interactionToken, message }) => ({
        seq,
        kind,
        userId,
        channelId,
        messageId,
        interactionToken,
        message,
      })),
    ).toEqual([
      {
        seq: 1,
        kind: 'dm',
        userId: 'u1',
        channelId: undefined,
        messageId: expect.any(String),
        interactionToken: undefined,
        message: { content: 'Your order is on the workbench' },
      },
      {
        seq: 2,
        kind: 'channel',
        userId: undefined,
        channelId: 'c1',
        messageId: posted.messageId,
        interactionToken: undefined,
        message: { embeds: [{ title: 'New drop' }] },
      },
      { seq: 3, kind: 'edit', userId: undefined, channelId: 'c1', messageId: posted.messageId, interactionToken: undefined, message: { content: 'Sold out' } },
      { seq: 4, kind: 'edit', userId: undefined, channelId: undefined, messageId: undefined, interactionToken: 'tok', message: { content: 'Done' } },
      {
        seq: 5,
        kind: 'followup',
        userId: undefined,
        channelId: undefined,
        messageId: expect.any(String),
        interactionToken: 'tok',
        message: { content: 'One more thing', flags: 64 },
      },
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

  it('refuses an edit or a follow-up through a token issued 15 minutes ago with 401 Invalid Webhook Token (50027), as Discord does', async () => {
    const outbox = new DiscordOutbox(undefined, { clock });

    await expect(outbox.editOriginalResponse(issuedMinutesAgo(15), { content: 'late' })).rejects.toMatchObject({ status: 401, code: 50027 });
    await expect(outbox.sendFollowup(issuedMinutesAgo(16), { content: 'later' })).rejects.toMatchObject({ status: 401, code: 50027 });
    await outbox.editOriginalResponse(issuedMinutesAgo(14.9), { content: 'just in time' });

    expect(outbox.entries.map((e) => e.message.content)).toEqual(['just in time']);
    expect(outbox.refused.map((r) => [r.kind, r.status, r.code])).toEqual([
      ['edit', 401, 50027],
      ['followup', 401, 50027],
    ]);
  });

  it('refuses an edit of the original response that sets EPHEMERAL, a flag an edit cannot set, with 400 Invalid Form Body (50035)', async () => {
    const outbox = new DiscordOutbox(undefined, { clock });

    await expect(outbox.editOriginalResponse(issuedMinutesAgo(1), { content: 'Done', flags: 64 })).rejects.toMatchObject({ status: 400, code: 50035 });
    await outbox.editOriginalResponse(issuedMinutesAgo(1), { content: 'Done', flags: 4 });

    expect(outbox.entries).toHaveLength(1);
  });

  it('refuses a DM, a channel message or a channel message’s edit that sets EPHEMERAL, an interaction answer’s flag, with 400 Invalid Form Body (50035), even to closed DMs', async () => {
    const outbox = new DiscordOutbox(undefined, { clock });
    outbox.closeDms('u2');
    const ephemeral = { content: 'You’ve been outbid', flags: 64 };
    await expect(outbox.sendDm('u1', ephemeral)).rejects.toMatchObject({ status: 400, code: 50035, message: expect.stringContaining('flags') });
    await expect(outbox.sendDm('u2', ephemeral)).rejects.toMatchObject({ status: 400, code: 50035 });
    await expect(outbox.postToChannel('c1', ephemeral)).rejects.toMatchObject({ status: 400, code: 50035 });
    const { messageId } = await outbox.postToChannel('c1', { content: 'Lot 1', flags: 4 | 4096 });
    await expect(outbox.editChannelMessage('c1', messageId, { content: 'Sold', flags: 64 })).rejects.toMatchObject({ status: 400, code: 50035 });
    await outbox.sendDm('u1', { content: 'Quietly', flags: 4096 });
    expect(outbox.entries.map((e) => [e.kind, e.message.flags])).toEqual([
      ['channel', 4 | 4096],
      ['dm', 4096],
    ]);
    expect(outbox.refused.map((r) => [r.kind, r.code])).toEqual([
      ['dm', 50035],
      ['dm', 50035],
      ['channel', 50035],
      ['edit', 50035],
    ]);
  });

  it('refuses a message whose link button’s url is over 512 characters with 400 Invalid Form Body (50035), taking one of 512', async () => {
    const outbox = new DiscordOutbox(undefined, { clock });
    const linkTo = (url: string) => ({ content: 'Pay here', components: [{ type: 1, components: [{ type: 2, style: 5, label: 'Pay', url }] }] });
    const at = (length: number) => `https://c500.example/${'x'.repeat(length - 'https://c500.example/'.length)}`;
    await expect(outbox.sendDm('u1', linkTo(at(513)))).rejects.toMatchObject({
      status: 400,
      code: 50035,
      message: expect.stringContaining('button url is 513 long'),
    });
    await outbox.sendDm('u1', linkTo(at(512)));
    expect(outbox.entries).toHaveLength(1);
  });

  it('refuses a DM to someone whose DMs are closed with 403 Cannot send messages to this user (50007), and delivers again once they open them', async () => {
    const outbox = new DiscordOutbox(undefined, { clock });
    outbox.closeDms('u1');

    await expect(outbox.sendDm('u1', { content: 'Your receipt' })).rejects.toMatchObject({ status: 403, code: 50007 });
    await outbox.sendDm('u2', { content: 'Someone else’s receipt' });
    outbox.openDms('u1');
    await outbox.sendDm('u1', { content: 'Your receipt' });

    expect(outbox.entries.map((e) => e.userId)).toEqual(['u2', 'u1']);
    expect(outbox.refused).toEqual([expect.objectContaining({ kind: 'dm', userId: 'u1', status: 403, code: 50007 })]);
  });

  it('makes one message per nonce with enforce_nonce, as Discord does, answering a repeat with the message it made', async () => {
    const outbox = new DiscordOutbox();
    const once = { content: 'Receipt', nonce: 'receipt-o1', enforce_nonce: true };
    const first = await outbox.sendDm('u1', once);
    expect(await outbox.sendDm('u1', once)).toEqual(first);
    await outbox.sendDm('u1', { content: 'Receipt', nonce: 'receipt-o1' });
    const posted = await outbox.postToChannel('c1', { ...once, content: 'Post' });
    expect(await outbox.postToChannel('c1', { ...once, content: 'Post' })).toEqual(posted);
    expect(outbox.entries.map((e) => e.kind)).toEqual(['dm', 'dm', 'channel']);
  });
});
