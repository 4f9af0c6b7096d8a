import { discordLimitProblems, EPHEMERAL } from '../../discord';
import { chatAccessEndedDm, chatBiddingAnswers, chatBiddingOnDm } from '../rules/chat-bidding-messages';
import { consentPage, signInPage } from '../rules/chat-pages';
import { payPage } from '../rules/pay-pages';

const textOf = (html: string | undefined) => (html ?? '').replace(/<[^>]+>/g, '');

describe('the pages of chat bidding', () => {
  it('says chat bidding is on for the channel after the consent, in the site’s style', () => {
    const page = consentPage({ ok: true, login: 'lavkeebs' });
    expect(page.status).toBe(200);
    expect(page.html).toContain('<link rel="stylesheet" href="/styles.css">');
    expect(textOf(page.html)).toContain('Chat bidding is on for twitch.tv/lavkeebs');
  });

  it('answers each failed consent with its own status and what to do', () => {
    expect(consentPage({ ok: false, reason: 'forged' }).status).toBe(401);
    expect(consentPage({ ok: false, reason: 'expired' }).status).toBe(400);
    expect(consentPage({ ok: false, reason: 'denied' }).status).toBe(200);
    const notYours = consentPage({ ok: false, reason: 'not-your-channel', authorizedLogin: 'mintkeebs', linkedLogin: 'lavkeebs' });
    expect(notYours.status).toBe(403);
    expect(textOf(notYours.html)).toContain('the channel linked to your C500 profile is twitch.tv/lavkeebs');
    expect(textOf(consentPage({ ok: false, reason: 'twitch-unavailable' }).html)).toContain('/c500 chat-bidding on');
  });

  it('tells a chatter who signed in that they can bid from chat now, escaping their name', () => {
    const page = signInPage({ ok: true, displayName: '<b>Ana</b>', login: 'ana_keys' }, 'https://c500.example/twitch/bidder');
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('You can bid from chat now');
    expect(page.html).toContain('&lt;b&gt;Ana&lt;/b&gt;');
    expect(page.html).not.toContain('<b>Ana</b>');
  });

  it('offers a fresh sign-in when one fails, from another browser included', () => {
    const page = signInPage({ ok: false, reason: 'other-browser' }, 'https://c500.example/twitch/bidder');
    expect(page.status).toBe(400);
    expect(page.html).toContain('href="https://c500.example/twitch/bidder"');
  });
});

describe('the pay page', () => {
  it('sends the buyer to their checkout and the signed-out to sign in, with 303s', () => {
    expect(payPage({ kind: 'checkout', url: 'https://checkout.stripe.com/c/pay/cs_1' })).toEqual({
      status: 303,
      location: 'https://checkout.stripe.com/c/pay/cs_1',
    });
    expect(payPage({ kind: 'sign-in', signInUrl: '/twitch/bidder?next=%2Fpay%2Ford-1' })).toEqual({
      status: 303,
      location: '/twitch/bidder?next=%2Fpay%2Ford-1',
    });
  });

  it('tells someone else nothing of the order, and says who they are signed in as', () => {
    const page = payPage({ kind: 'not-yours', login: 'bo_keys', signInUrl: '/twitch/bidder?next=%2Fpay%2Ford-1' });
    expect(page.status).toBe(403);
    expect(textOf(page.html)).toContain('You are signed in with Twitch as bo_keys');
    expect(payPage({ kind: 'not-found' }).status).toBe(404);
  });

  it('says a paid order is paid, with its amount in its currency', () => {
    const page = payPage({ kind: 'paid', title: 'Lavender 65%', amountCents: 52_000, currency: 'usd' });
    expect(textOf(page.html)).toContain('Lavender 65% is paid ($520.00)');
  });

  it('says a win that was not paid in time passed on, and that nothing was charged', () => {
    expect(textOf(payPage({ kind: 'passed-on', title: 'Lavender 65%' }).html)).toContain('went to the next bidder. Nothing was charged.');
    expect(textOf(payPage({ kind: 'window-closed', title: 'Lavender 65%' }).html)).toContain('The time to pay has run out');
  });
});

describe('what Discord shows of chat bidding', () => {
  const messages = {
    needsTwitchLink: chatBiddingAnswers.needsTwitchLink,
    consentNeeded: chatBiddingAnswers.consentNeeded('lavkeebs', `https://id.twitch.tv/oauth2/authorize?state=${'x'.repeat(300)}`),
    turnedOn: chatBiddingAnswers.turnedOn('lavkeebs', 'https://c500.example/twitch/bidder', false),
    turnedOff: chatBiddingAnswers.turnedOff(['lavkeebs', 'mintkeebs']),
    nothingOfYours: chatBiddingAnswers.nothingOfYours(true),
    notYours: chatBiddingAnswers.notYours('lavkeebs'),
  };

  it.each(Object.entries(messages))('answers %s privately, within Discord’s limits', (_name, message) => {
    expect(message.flags).toBe(EPHEMERAL);
    expect(discordLimitProblems(message)).toEqual([]);
  });

  it('tells a member without a linked channel to run /c500 link-twitch first', () => {
    expect(messages.needsTwitchLink.content).toContain('Run `/c500 link-twitch` first');
  });

  it('carries the consent link as a link button', () => {
    expect(JSON.stringify(messages.consentNeeded.components)).toContain('https://id.twitch.tv/oauth2/authorize');
  });

  it('DMs why chat bidding went off and how to turn it back on', () => {
    const dm = chatAccessEndedDm('lavkeebs', 'authorization-revoked');
    expect(dm.embeds?.[0]?.title).toBe('Chat bidding is off for twitch.tv/lavkeebs');
    expect(dm.embeds?.[0]?.description).toContain('C500 was disconnected from your Twitch account');
    expect(dm.embeds?.[0]?.description).toContain('/c500 chat-bidding on');
    expect(discordLimitProblems(dm)).toEqual([]);
    expect(discordLimitProblems(chatBiddingOnDm('lavkeebs', 'https://c500.example/twitch/bidder'))).toEqual([]);
  });
});
