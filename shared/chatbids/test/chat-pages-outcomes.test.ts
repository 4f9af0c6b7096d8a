import { consentPage, signInPage, type ConsentOutcome, type SignInOutcome } from '../rules/chat-pages';
import { payPage, type PayOutcome } from '../rules/pay-pages';

/** What a person reads on a page: its heading, and each paragraph as plain text. */
function seen(html: string | undefined): { heading: string; paragraphs: string[] } {
  const text = (s: string) => s.replace(/<[^>]+>/g, '');
  const heading = /<h1>([\s\S]*?)<\/h1>/.exec(html ?? '')?.[1] ?? '';
  const paragraphs = [...(html ?? '').matchAll(/<p class="lede">([\s\S]*?)<\/p>/g)].map((m) => text(m[1] ?? ''));
  return { heading: text(heading), paragraphs };
}

const again = '/c500 chat-bidding on';

describe('the page a broadcaster sees after the consent', () => {
  it.each<[string, ConsentOutcome, number, string, string[]]>([
    [
      'well',
      { ok: true, login: 'lavkeebs' },
      200,
      'Chat bidding is on for twitch.tv/lavkeebs',
      ['viewers type !bid 25', 'To stop, run /c500 chat-bidding off'],
    ],
    ['denied', { ok: false, reason: 'denied' }, 200, 'Chat bidding stays off', ['nothing changed', `Changed your mind? Go back to Discord and run ${again}`]],
    ['forged', { ok: false, reason: 'forged' }, 401, 'This link is not one C500 made', ['copied wrong', again]],
    ['expired', { ok: false, reason: 'expired' }, 400, 'This link has expired', ['short while', again]],
    ['missing-code', { ok: false, reason: 'missing-code' }, 400, 'Twitch did not finish', ['without an answer', again]],
    ['code-refused', { ok: false, reason: 'code-refused' }, 400, 'Twitch did not accept this sign-in', ['used already', again]],
    ['no-scope', { ok: false, reason: 'no-scope' }, 400, 'C500’s bot was not let in', ['channel:bot', again]],
    ['no-bot', { ok: false, reason: 'no-bot' }, 503, 'Chat bidding is not set up yet', ['no Twitch bot yet']],
    ['bot-refused', { ok: false, reason: 'bot-refused' }, 502, 'Twitch did not let the bot in yet', ['Your OK is recorded']],
    ['twitch-unavailable', { ok: false, reason: 'twitch-unavailable' }, 502, 'Twitch did not answer', ['Nothing changed. Wait a minute']],
    ['failed', { ok: false, reason: 'failed' }, 500, 'Something went wrong on our side', ['It is logged']],
  ])('answers a consent that ended %s with its own status, heading and what to do', (_name, outcome, status, heading, fragments) => {
    const page = consentPage(outcome);
    const { heading: shown, paragraphs } = seen(page.html);
    expect(page.status).toBe(status);
    expect(shown).toBe(heading);
    expect(paragraphs).toHaveLength(fragments.length);
    fragments.forEach((fragment, i) => expect(paragraphs[i]).toContain(fragment));
  });

  it('tells a broadcaster with no linked channel to link one first, naming whom they authorized as', () => {
    const page = consentPage({ ok: false, reason: 'not-your-channel', authorizedLogin: 'mintkeebs' });
    const { heading, paragraphs } = seen(page.html);
    expect(page.status).toBe(403);
    expect(heading).toBe('That is not your linked channel');
    expect(paragraphs[0]).toContain('You authorized as twitch.tv/mintkeebs, but your C500 profile has no Twitch channel linked. Run /c500 link-twitch first.');
    expect(paragraphs[1]).toContain(again);
  });
});

describe('the page a chatter sees after signing in', () => {
  const signInUrl = 'https://c500.example/twitch/bidder';
  it.each<[string, SignInOutcome, number, string, string]>([
    ['denied', { ok: false, reason: 'denied' }, 200, 'You are not signed in', 'You chose not to sign in'],
    ['forged', { ok: false, reason: 'forged' }, 401, 'This link is not one C500 made', 'copied wrong'],
    ['expired', { ok: false, reason: 'expired' }, 400, 'This sign-in took too long', 'a few minutes only'],
    ['other-browser', { ok: false, reason: 'other-browser' }, 400, 'This sign-in started somewhere else', 'another browser'],
    ['missing-code', { ok: false, reason: 'missing-code' }, 400, 'Twitch did not finish', 'without an answer from Twitch'],
    ['code-refused', { ok: false, reason: 'code-refused' }, 400, 'Twitch did not accept this sign-in', 'works once'],
    ['twitch-unavailable', { ok: false, reason: 'twitch-unavailable' }, 502, 'Twitch did not answer', 'You are not signed in yet'],
    ['failed', { ok: false, reason: 'failed' }, 500, 'Something went wrong on our side', 'It is logged'],
  ])('answers a sign-in that ended %s with its own status and heading, and a link to sign in again', (_name, outcome, status, heading, why) => {
    const page = signInPage(outcome, signInUrl);
    const { heading: shown, paragraphs } = seen(page.html);
    expect(page.status).toBe(status);
    expect(shown).toBe(heading);
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toContain(why);
    expect(paragraphs[1]).toBe('Sign in with Twitch again.');
    expect(page.html).toContain(`<a href="${signInUrl}">Sign in with Twitch again</a>`);
  });

  it('tells a signed-in chatter how to bid and what happens when they win', () => {
    const { paragraphs } = seen(signInPage({ ok: true, displayName: 'Ana', login: 'ana_keys' }, signInUrl).html);
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[0]).toContain('Signed in as Ana (twitch.tv/ana_keys)');
    expect(paragraphs[1]).toContain('the bot posts a link where you pay');
  });
});

describe('the pay page, for each state of the payment', () => {
  it.each<[string, PayOutcome, number, string, string]>([
    ['not-found', { kind: 'not-found' }, 404, 'No such payment', 'names no payment C500 knows'],
    ['preparing', { kind: 'preparing' }, 200, 'Your checkout is on its way', 'tries again in a few seconds'],
    ['paid', { kind: 'paid', title: 'Lavender 65%', amountCents: 52_000, currency: 'usd' }, 200, 'Paid, thank you', 'Lavender 65% is paid ($520.00)'],
    ['window-closed', { kind: 'window-closed', title: 'Lavender 65%' }, 200, 'The time to pay has run out', 'The time to pay for Lavender 65% is over'],
    ['passed-on', { kind: 'passed-on', title: 'Lavender 65%' }, 200, 'This win has passed on', 'Lavender 65% was not paid in time'],
    ['refunded', { kind: 'refunded', title: 'Lavender 65%' }, 200, 'This payment was refunded', 'Your payment for Lavender 65% was refunded.'],
    ['with-show-lots', { kind: 'with-show-lots', title: 'Lavender 65%' }, 200, 'You pay for this with the show', 'Lavender 65% is paid with your other lots'],
  ])('says a payment that is %s in one paragraph under its own heading', (_name, outcome, status, heading, fragment) => {
    const page = payPage(outcome);
    const { heading: shown, paragraphs } = seen(page.html);
    expect(page.status).toBe(status);
    expect(shown).toBe(heading);
    expect(paragraphs).toHaveLength(1);
    expect(paragraphs[0]).toContain(fragment);
  });

  it('reloads itself every five seconds only while the checkout is being opened', () => {
    expect(payPage({ kind: 'preparing' }).html).toContain('<meta http-equiv="refresh" content="5">');
    expect(payPage({ kind: 'paid', title: 'x', amountCents: 100, currency: 'usd' }).html).not.toContain('http-equiv="refresh"');
  });

  it('offers someone signed in as another Twitch user to sign in with the account that won', () => {
    const page = payPage({ kind: 'not-yours', login: 'bo_keys', signInUrl: '/twitch/bidder?next=%2Fpay%2Ford-1' });
    const { heading, paragraphs } = seen(page.html);
    expect(heading).toBe('This payment is not yours');
    expect(paragraphs).toHaveLength(2);
    expect(paragraphs[1]).toBe('Won it with another Twitch account? Sign in with that account.');
    expect(page.html).toContain('<a href="/twitch/bidder?next=%2Fpay%2Ford-1">Sign in with that account</a>');
  });
});
