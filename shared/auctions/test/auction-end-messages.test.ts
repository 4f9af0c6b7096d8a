/**
 * The messages at an auction's end, as winners and builders see them: the hammer post, the
 * winner's offer and the strike notice. Amounts and Discord timestamps are written out by hand.
 */
import { hammerPost, strikeNotice, unsoldReasons, winnerOffer } from '../rules/auction-messages';

import { builder, member, auction } from './auction-message-fixtures';

describe('the hammer post', () => {
  const sold = (winnerId: string, winnerName?: string) => ({ kind: 'sold' as const, winnerId, priceCents: 4_000, ...(winnerName ? { winnerName } : {}) });

  it('pings a member who won and sends them to their DMs to pay', () => {
    expect(hammerPost(auction(), sold(member, 'Ann'))).toEqual({
      content: `🔨 **SOLD!** Tofu65 in e-white goes to <@${member}> for **$40.00**. Congratulations! Check your DMs to pay.`,
      allowed_mentions: { users: [member] },
    });
  });

  it('tells a member who won a show’s lot to pay in the show’s checkout', () => {
    const show = { showId: 's1', lotId: 'l1', hostId: builder, hostName: 'Kai', hostCutBps: 1_000 };
    const post = hammerPost(auction({ show }), sold(member));
    expect(post.content).toContain('in one checkout when the show is over');
    expect(post.allowed_mentions).toEqual({ users: [member] });
  });

  it('names a Twitch chatter who won, pings no one and says the bot tells them in chat', () => {
    expect(hammerPost(auction(), sold('twitch:4242', 'kbfan'))).toEqual({
      content: '🔨 **SOLD!** Tofu65 in e-white goes to **kbfan** for **$40.00**. Congratulations! The bot tells them in Twitch chat where to pay.',
      allowed_mentions: { parse: [] },
    });
  });

  it('takes only an id of digits alone for a Discord member', () => {
    const post = hammerPost(auction(), sold('12345678901234567x', 'someone'));
    expect(post.content).toContain('The bot tells them in Twitch chat where to pay.');
    expect(post.allowed_mentions).toEqual({ parse: [] });
  });

  it('says an unsold auction didn’t sell and why, pinging no one', () => {
    expect(hammerPost(auction(), { kind: 'unsold', reason: unsoldReasons['no-bids'] })).toEqual({
      content: '🔨 **Tofu65 in e-white** didn’t sell: nobody bid.',
      allowed_mentions: { parse: [] },
    });
  });

  it('says a cancelled auction was cancelled, pinging no one', () => {
    expect(hammerPost(auction(), { kind: 'cancelled' })).toEqual({ content: '**Tofu65 in e-white**: auction cancelled.', allowed_mentions: { parse: [] } });
  });
});

describe('the winner’s offer', () => {
  const url = 'https://c500.example/pay/o1?session=cs_1';
  /** 2026-11-25T18:30:00.500Z is 1,795,631,400.5 s after the epoch. */
  const expiresAt = '2026-11-25T18:30:00.500Z';

  it('tells the winner the price, the deadline as a time and a countdown, and who holds the money', () => {
    expect(winnerOffer(auction(), 4_000, url, expiresAt, false)).toEqual({
      allowed_mentions: { parse: [] },
      content:
        '**You won Tofu65 in e-white** for **$40.00**! Pay by <t:1795631400:t> (<t:1795631400:R>) to make it yours; after that it goes to the next bidder. Your money is held until Kai shows your board on stream.',
      components: [{ type: 1, components: [{ type: 2, style: 5, label: 'Pay $40.00', url }] }],
    });
  });

  it('tells a runner-up it is their second chance at their last bid', () => {
    const content = winnerOffer(auction(), 3_800, url, expiresAt, true).content ?? '';
    expect(content).toMatch(
      /^\*\*Second chance!\*\* The winner of \*\*Tofu65 in e-white\*\* didn’t pay, so it’s offered to you for \*\*\$38\.00\*\*, what the bidding would have cost you without them \(never your max\)\. It’s only an offer: let it pass and it costs you nothing\. Pay by /,
    );
  });

  it('adds how the board reaches them on a line of its own', () => {
    const content = winnerOffer(auction(), 4_000, url, expiresAt, false, 'Shipping is added at checkout.').content ?? '';
    expect(content).toMatch(/on stream\.\nShipping is added at checkout\.$/);
  });

  it('never pings, even with a shipping note that mentions someone', () => {
    expect(winnerOffer(auction(), 4_000, url, expiresAt, false, `Ask <@${builder}>.`).allowed_mentions).toEqual({ parse: [] });
  });
});

describe('the strike notice', () => {
  it('counts the strike and says where the ban starts', () => {
    expect(strikeNotice(auction(), 1, 3, false)).toEqual({
      allowed_mentions: { parse: [] },
      content: 'Your win of **Tofu65 in e-white** went unpaid, so it went to the next bidder. That’s a strike (1 of 3); at 3 you can no longer bid.',
    });
  });

  it('tells a banned bidder how many unpaid wins banned them', () => {
    const message = strikeNotice(auction(), 3, 3, true);
    expect(message.content).toMatch(/^Your win of \*\*Tofu65 in e-white\*\* went unpaid, so it went to the next bidder\. That’s 3 unpaid wins: /);
    expect(message.allowed_mentions).toEqual({ parse: [] });
  });
});
