import { DiscordOutbox } from '../../local/discord/discord-outbox';
import { sendDmIfOpen, sendDmOrMention } from '../use-cases/direct-messages';
import { personMention } from '../rules/messages';
import type { DiscordMessenger } from '../../ports';

describe('sending a DM', () => {
  it('answers dms-closed, without throwing, when Discord refuses it with 50007', async () => {
    const outbox = new DiscordOutbox();
    outbox.closeDms('u1');

    expect(await sendDmIfOpen(outbox, 'u1', { content: 'Your order shipped.' })).toBe('dms-closed');
    expect(await sendDmIfOpen(outbox, 'u2', { content: 'Your order shipped.' })).toBe('sent');
  });

  it('still throws any other failure, so the event is delivered again', async () => {
    const outage = Object.assign(new Error('Internal Server Error'), { status: 500 });
    const discord = { sendDm: () => Promise.reject(outage) } as unknown as DiscordMessenger;

    await expect(sendDmIfOpen(discord, 'u1', { content: 'hi' })).rejects.toBe(outage);
  });

  it('sends nothing to Discord for a bidder from Twitch chat, who is no Discord user, and says so', async () => {
    const discord = {
      sendDm: () => Promise.reject(new Error('Discord was asked')),
      postToChannel: () => Promise.reject(new Error('Discord was asked')),
    } as unknown as DiscordMessenger;

    expect(await sendDmIfOpen(discord, 'twitch:510000001', { content: 'Your receipt' })).toBe('not-on-discord');
    expect(
      await sendDmOrMention(discord, 'twitch:510000001', { content: 'Your receipt' }, { channelId: '910000000000000001', notice: { content: 'see DMs' } }),
    ).toBe('not-on-discord');
  });
});

describe('naming someone in a message', () => {
  it('mentions a Discord member, and names a Twitch chatter by what they bid under, markdown shown as typed', () => {
    expect(personMention('800000000000000009', 'cleo')).toBe('<@800000000000000009>');
    expect(personMention('twitch:510000001', 'bo_keys (Twitch)')).toBe('**bo\\_keys (Twitch)**');
    expect(personMention('twitch:510000001', '<@everyone>')).toBe('**everyone**');
    expect(personMention('twitch:510000001')).toBe('**a bidder from Twitch chat**');
  });
});
