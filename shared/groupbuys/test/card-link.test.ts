/**
 * The Join answer's **Save a card** button is C500's own short link, never Stripe's setup URL
 * (Discord refuses a button URL over 512 characters). Opened, it goes on to Stripe's page while
 * it is the pledge's live link; otherwise it says why not and what to do, naming nobody.
 */
import { cardLink, cardLinkAnswer, cardLinkOutcome, isSetupSessionIdShaped } from '../rules/card-link';
import type { GroupBuy, Pledge } from '../rules/group-buy';
import { openCardLink } from '../use-cases/open-card-link';
import { members } from './group-buy-deps';
import { pledgeWorld } from './pledge-world';

const [ann] = members;
const buttonUrl = (answer: { components?: unknown[] }): string => /"url":"([^"]+)"/.exec(JSON.stringify(answer.components))?.[1] ?? '';

describe('the save-card link of a Join answer', () => {
  it('is the product’s short link, well under Discord’s 512 characters for the longest session id Stripe makes', () => {
    const longest = `cs_live_${'a'.repeat(247)}`;
    expect(isSetupSessionIdShaped(longest)).toBe(true);
    expect(cardLink('https://c500.example', 'ab12cd34', longest).length).toBeLessThan(512);
  });

  it('sends the buyer on to Stripe’s page while it is the pledge’s live link, and never carries Stripe’s URL itself', async () => {
    const w = await pledgeWorld();
    const { answer, sessionId } = await w.join(ann, '1');
    const url = buttonUrl(answer);
    const stripeUrl = (await w.pledge(ann))?.setupUrl as string;
    expect(url).toBe(`${w.deps.publicBaseUrl}/groupbuy/${w.groupBuyId}?card=${sessionId}`);
    expect(url).not.toContain(stripeUrl);
    expect(await openCardLink(w.deps, w.groupBuyId, sessionId)).toEqual({ status: 303, location: stripeUrl });
  });

  it('says an earlier link no longer works once Join was pressed again, and to use the newest button', async () => {
    const w = await pledgeWorld();
    const first = await w.join(ann, '1');
    const second = await w.join(ann, '2');
    const opened = await openCardLink(w.deps, w.groupBuyId, first.sessionId);
    expect(opened.status).toBe(404);
    expect(opened.html).toContain('This link no longer works');
    expect(opened.html).toContain('Use the newest <strong>Save a card</strong> button');
    expect((await openCardLink(w.deps, w.groupBuyId, second.sessionId)).location).toBeDefined();
  });

  it('says the card is saved once it is, and goes to Stripe no more', async () => {
    const w = await pledgeWorld();
    const sessionId = await w.joined(ann, '1');
    const opened = await openCardLink(w.deps, w.groupBuyId, sessionId);
    expect(opened).toMatchObject({ status: 200 });
    expect(opened.html).toContain('Your card is saved for <strong>Tofu65</strong>');
    expect(opened.location).toBeUndefined();
  });

  it('refuses a link C500 did not make with a 400, reading nothing', async () => {
    const w = await pledgeWorld();
    expect((await openCardLink(w.deps, w.groupBuyId, 'https://evil.example')).status).toBe(400);
    expect((await openCardLink(w.deps, 'not-an-id', 'cs_test_1')).status).toBe(400);
  });
});

describe('where a card link goes', () => {
  const now = Date.parse('2026-12-01T00:00:00Z');
  const groupBuy = { title: 'Tofu65', status: 'open', closesAt: '2026-12-08T00:00:00Z' } as GroupBuy;
  const saving = { status: 'saving-card', setupUrl: 'https://checkout.stripe.com/c/pay/cs_test_1', setupExpiresAt: '2026-12-01T12:00:00Z' } as Pledge;

  it('goes to Stripe while the pledge saves a card, the group buy is open and the session has not run out', () => {
    expect(cardLinkOutcome(groupBuy, saving, now)).toEqual({ kind: 'stripe', url: saving.setupUrl });
  });

  it('says the link has run out at the session’s end, and the group buy has closed at its close or once it is not open', () => {
    expect(cardLinkOutcome(groupBuy, saving, Date.parse('2026-12-01T12:00:00Z'))).toEqual({ kind: 'expired', title: 'Tofu65' });
    expect(cardLinkOutcome(groupBuy, saving, Date.parse(groupBuy.closesAt))).toEqual({ kind: 'closed', title: 'Tofu65' });
    expect(cardLinkOutcome({ ...groupBuy, status: 'charging' }, saving, now)).toEqual({ kind: 'closed', title: 'Tofu65' });
  });

  it('says the card is saved for a pledge whose card was saved, whatever became of it, even after the close', () => {
    for (const status of ['pledged', 'waitlisted', 'charged', 'needs-buyer', 'paid', 'lapsed', 'released', 'refunded'] as const)
      expect(cardLinkOutcome({ ...groupBuy, status: 'funded' }, { ...saving, status }, now)).toEqual({ kind: 'saved', title: 'Tofu65' });
  });

  it('says the link no longer works with no pledge on it, a pledge left, or one with no page recorded', () => {
    expect(cardLinkOutcome(groupBuy, undefined, now)).toEqual({ kind: 'not-live' });
    expect(cardLinkOutcome(undefined, saving, now)).toEqual({ kind: 'not-live' });
    expect(cardLinkOutcome(groupBuy, { ...saving, status: 'withdrawn' } as Pledge, now)).toEqual({ kind: 'not-live' });
    const { setupUrl: _none, ...noPage } = saving;
    expect(cardLinkOutcome(groupBuy, noPage as Pledge, now)).toEqual({ kind: 'not-live' });
    const { setupExpiresAt: _noEnd, ...noEnd } = saving;
    expect(cardLinkOutcome(groupBuy, noEnd as Pledge, now)).toEqual({ kind: 'stripe', url: saving.setupUrl });
  });

  it('escapes the title in its page and sends no page with a redirect', () => {
    expect(cardLinkAnswer({ kind: 'saved', title: '<b>x</b>' }).html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(cardLinkAnswer({ kind: 'stripe', url: 'https://x' })).toEqual({ status: 303, location: 'https://x' });
    expect(cardLinkAnswer({ kind: 'malformed' }).status).toBe(400);
    expect(cardLinkAnswer({ kind: 'expired', title: 'T' }).html).toContain('Press <strong>Join</strong> again');
    expect(cardLinkAnswer({ kind: 'closed', title: 'T' }).html).toContain('has closed');
  });
});
