/**
 * A pledge's pay page, as words and answers (pledge-pay-page): the link's shape, what each
 * standing says, and that only a press of its form pays.
 */
import { isPayKeyShaped, pledgePayAnswer, pledgePayLink, type PledgePayOutcome } from '../rules/pledge-pay-page';

const key = '0123456789abcdef0123456789abcdef';
const action = `/groupbuy/tofu6565?pay=az6grk58&key=${key}`;
const pay: PledgePayOutcome = {
  kind: 'pay',
  title: 'Tofu65 <case>',
  amountCents: 12_500,
  currency: 'usd',
  payBy: '2026-12-02 10:00',
  refusal: 'your bank wants you to confirm this payment yourself',
  action,
  checking: false,
};

describe('a pledge’s pay link', () => {
  it('is the group buy’s page with the order and its key', () => {
    expect(pledgePayLink('https://c500.example', 'tofu6565', 'az6grk58', key)).toBe(`https://c500.example${action}`);
  });

  it('takes a key of 32 lower-case hex characters, and nothing else', () => {
    expect(isPayKeyShaped(key)).toBe(true);
    for (const other of ['', key.slice(1), `${key}0`, key.toUpperCase(), `${key.slice(1)}g`, ` ${key.slice(1)}`]) expect(isPayKeyShaped(other)).toBe(false);
  });
});

describe('the pledge’s pay page', () => {
  it('shows the amount, why, the deadline and a Pay button that posts to itself, the title escaped', () => {
    const answer = pledgePayAnswer(pay);
    expect(answer.status).toBe(200);
    expect(answer.location).toBeUndefined();
    expect(answer.html).toContain('<title>Pay for Tofu65 &lt;case&gt; · C500 Collective</title>');
    expect(answer.html).toContain('could not be charged without you at the close: your bank wants you to confirm this payment yourself.');
    expect(answer.html).toContain('Pay <strong>$125.00</strong> with the card you saved by <strong>2026-12-02 10:00</strong> (UTC)');
    expect(answer.html).toContain(
      `<form method="post" action="${action.replace('&', '&amp;')}"><button class="button" type="submit">Pay $125.00</button></form>`,
    );
    expect(answer.html).not.toContain('http-equiv="refresh"');
    expect(answer.html).not.toContain('answered your bank');
  });

  it('looks again by itself when the buyer is back from their bank', () => {
    const answer = pledgePayAnswer({ ...pay, checking: true });
    expect(answer.html).toContain('<meta http-equiv="refresh" content="5">');
    expect(answer.html).toContain('If you have just answered your bank, its answer is on its way');
  });

  it('sends the buyer on to their bank’s page', () => {
    expect(pledgePayAnswer({ kind: 'bank', url: 'https://hooks.stripe.com/3d' })).toEqual({ status: 303, location: 'https://hooks.stripe.com/3d' });
  });

  it('says a declined card in the buyer’s words, until when to try again, with the button again', () => {
    const answer = pledgePayAnswer({ kind: 'declined', title: 'Tofu65', words: 'Your bank declined the card', action, payBy: '2026-12-02 10:00' });
    expect(answer.status).toBe(200);
    expect(answer.html).toContain('<h1>Your card was not charged</h1><p class="lede">Your bank declined the card.</p>');
    expect(answer.html).toContain('You can try again until <strong>2026-12-02 10:00</strong> (UTC).');
    expect(answer.html).toContain('>Try again</button>');
  });

  it('starts the refusal’s DM words with a capital on the page, and points at this page, not at “the link” the buyer followed', () => {
    const words = 'your bank declined the card; you can pay with it or another card on the link';
    const answer = pledgePayAnswer({ kind: 'declined', title: 'Tofu65', words, action, payBy: '2026-12-02 10:00' });
    expect(answer.html).toContain('<p class="lede">Your bank declined the card; you can pay with it or another card here.</p>');
  });

  it('says Stripe is busy without charging, with the button again', () => {
    const answer = pledgePayAnswer({ kind: 'busy', action });
    expect(answer.status).toBe(503);
    expect(answer.html).toContain('Payments are busy this second. Nothing was charged.');
    expect(answer.html).toContain('>Try again</button>');
  });

  it('says paid, lapsed, not found and malformed in words, each with its status', () => {
    expect(pledgePayAnswer({ kind: 'paid', title: 'Tofu65' })).toMatchObject({
      status: 200,
      html: expect.stringContaining('Your pledge to <strong>Tofu65</strong> is paid. Your receipt comes to you in Discord.'),
    });
    expect(pledgePayAnswer({ kind: 'lapsed', title: 'Tofu65' })).toMatchObject({
      status: 200,
      html: expect.stringContaining('The time to pay for <strong>Tofu65</strong> is over, and your place went to the waitlist. Nothing was charged.'),
    });
    expect(pledgePayAnswer({ kind: 'not-found' })).toMatchObject({ status: 404, html: expect.stringContaining('This link names no payment C500 knows.') });
    expect(pledgePayAnswer({ kind: 'malformed' })).toMatchObject({ status: 400, html: expect.stringContaining('This link is not one C500 made.') });
    for (const kind of ['paid', 'lapsed', 'not-found', 'malformed'] as const) {
      const answer = pledgePayAnswer(kind === 'paid' || kind === 'lapsed' ? { kind, title: 'T' } : { kind });
      expect(answer.html).not.toContain('<form');
      expect(answer.html).toContain('class="site-header"');
    }
  });
});
