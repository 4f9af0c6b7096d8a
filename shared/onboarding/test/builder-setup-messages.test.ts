import { EPHEMERAL, discordLimits } from '../../discord';
import { canSellNowDm, onboardingLink, onboardingRefusals, twitchAuthorizeMessage } from '../rules/builder-messages';
import { canSell, knownLiveStatus, streamUrl, type Builder } from '../rules/builder';

const buttons = (message: { components?: unknown[] }) =>
  ((message.components ?? []) as Array<{ components: Array<{ label?: string; url?: string }> }>).flatMap((row) => row.components);

const cleo: Builder = { discordUserId: '810000000000000001', displayName: 'Cleo' };

describe('the Stripe onboarding link at Discord’s limit', () => {
  it('still is a button when Stripe’s URL is exactly 512 characters', () => {
    const prefix = 'https://connect.stripe.com/setup/e/';
    const url = `${prefix}${'x'.repeat(discordLimits.buttonUrl - prefix.length)}`;
    expect(url).toHaveLength(512);
    const message = onboardingLink(url, true);
    expect(buttons(message)).toEqual([expect.objectContaining({ label: 'Set up payouts with Stripe', url })]);
    expect(message.content).not.toContain(url);
  });
});

describe('what a builder reads when Stripe onboarding cannot start', () => {
  it('asks privately which country they get paid in', () => {
    expect(onboardingRefusals.countryNeeded.flags).toBe(EPHEMERAL);
    expect(onboardingRefusals.countryNeeded.content).toContain('/c500 onboard country:US');
  });

  it('says privately why the country they typed is not one', () => {
    expect(onboardingRefusals.invalidCountry('“ZZ” is not a country code.')).toEqual({
      content: '“ZZ” is not a country code.',
      flags: EPHEMERAL,
      allowed_mentions: { parse: [] },
    });
  });

  it('names the country Stripe refused, and its code', () => {
    const note = onboardingRefusals.countryRefused('Narnia', 'NA');
    expect(note.flags).toBe(EPHEMERAL);
    expect(note.content).toContain('for **Narnia** (NA) on C500');
  });
});

describe('the DM when Stripe lets a builder sell', () => {
  it('tells them to post a drop and link Twitch, mentioning nobody', () => {
    expect(canSellNowDm(false).content).toContain('/c500 drop');
    expect(canSellNowDm(false).content).toContain('/c500 link-twitch');
    expect(canSellNowDm(false).allowed_mentions).toEqual({ parse: [] });
  });

  it('asks nothing more of a builder who linked Twitch already', () => {
    expect(canSellNowDm(true).content).toContain('/c500 drop');
    expect(canSellNowDm(true).content).not.toContain('/c500 link-twitch');
  });
});

describe('the Twitch authorize message', () => {
  const url = 'https://c500.example/oauth/twitch/callback?start=abc';

  it('offers the link privately as an Authorize on Twitch button', () => {
    const message = twitchAuthorizeMessage(url, undefined);
    expect(message.flags).toBe(EPHEMERAL);
    expect(buttons(message)).toEqual([expect.objectContaining({ label: 'Authorize on Twitch', url })]);
    expect(message.content).toContain('Link the Twitch channel you build on.');
  });

  it('names the channel already linked when there is one, and still offers the button', () => {
    const message = twitchAuthorizeMessage(url, 'lavkeebs');
    expect(message.content).toContain('You’re linked to **twitch.tv/lavkeebs**.');
    expect(buttons(message)).toEqual([expect.objectContaining({ label: 'Authorize on Twitch', url })]);
  });
});

describe('a builder’s stream and selling rules', () => {
  it('links a channel by its login', () => {
    expect(streamUrl('lavkeebs')).toBe('https://twitch.tv/lavkeebs');
  });

  it('counts an offline stream as not live, whatever type it last had', () => {
    expect(knownLiveStatus({ ...cleo, stream: { status: 'offline', type: 'live', changedAt: '2026-11-21T12:00:00Z' } })).toBe('not-live');
    expect(knownLiveStatus({ ...cleo, stream: { status: 'live', type: 'live', changedAt: '2026-11-21T12:00:00Z' } })).toBe('live');
  });

  it('lets nobody sell who is not a builder yet', () => {
    expect(canSell(undefined)).toBe(false);
    expect(canSell({ ...cleo, stripeAccountId: 'acct_1', transfersActive: true })).toBe(true);
  });
});
