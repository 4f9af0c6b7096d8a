import { colors } from '../../discord';
import { chatAccessEndedDm, chatBiddingAnswers, chatBiddingOnDm } from '../rules/chat-bidding-messages';

describe('what Discord says as chat bidding turns on and off', () => {
  it('asks the broadcaster to authorize as their own login, within the link’s ten minutes', () => {
    expect(chatBiddingAnswers.consentNeeded('lavkeebs', 'https://id.twitch.tv/oauth2/authorize').content).toContain(
      'Authorize on Twitch as **lavkeebs** (the link works for 10 minutes)',
    );
  });

  it('says chat bidding stays off, and chat silent, until the broadcaster authorizes, and how to get a new link', () => {
    expect(chatBiddingAnswers.consentNeeded('lavkeebs', 'https://id.twitch.tv/oauth2/authorize').content).toContain(
      'Until you do, chat bidding stays off: `!bid` and `!privacy` in your chat get no answer from C500. Run `/c500 chat-bidding on` again for a new link.',
    );
  });

  it('gives the viewers’ sign-in link once chat bidding is on, whether it was already or not', () => {
    for (const already of [true, false]) {
      const content = chatBiddingAnswers.turnedOn('lavkeebs', 'https://c500.example/twitch/bidder', already).content ?? '';
      expect(content).toContain('Each viewer signs in with Twitch once at <https://c500.example/twitch/bidder>');
    }
  });

  it('tells only an admin how to turn off another member’s channel', () => {
    expect(chatBiddingAnswers.nothingOfYours(false).content).toBe('No channel of yours takes chat bids in this server.');
    expect(chatBiddingAnswers.nothingOfYours(true).content).toBe(
      'No channel of yours takes chat bids in this server. To turn off another member’s channel, name it: `/c500 chat-bidding off channel:<twitch login>`.',
    );
  });

  it('DMs that chat bidding is on, with the viewers’ sign-in link and pinging nobody', () => {
    const dm = chatBiddingOnDm('lavkeebs', 'https://c500.example/twitch/bidder');
    expect(dm.allowed_mentions).toEqual({ parse: [] });
    expect(dm.embeds).toHaveLength(1);
    expect(dm.embeds?.[0]?.title).toBe('Chat bidding is on for twitch.tv/lavkeebs');
    expect(dm.embeds?.[0]?.color).toBe(colors.mint);
    const paragraphs = dm.embeds?.[0]?.description?.split('\n\n') ?? [];
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toContain('viewers type `!bid 25`');
    expect(paragraphs[1]).toBe('Each viewer signs in with Twitch once at https://c500.example/twitch/bidder; the bot tells them when they first bid.');
  });

  it('DMs that chat bidding went off pinging nobody', () => {
    expect(chatAccessEndedDm('lavkeebs', 'revoked').allowed_mentions).toEqual({ parse: [] });
    expect(chatAccessEndedDm('lavkeebs', 'revoked').embeds?.[0]?.description).toContain('Twitch ended C500’s subscription to your chat');
  });
});
