import { changeProfile, shippingAmount, shippingProfilePath, shippingProfilesCollection, type ShippingProfile } from '../rules/profile';

const base = { guildId: 'g1', builderId: 'b1', currency: 'usd', homeCountry: 'US', updatedAt: '2026-11-24T12:00:00.000Z' };
const current: ShippingProfile = {
  ...base,
  to: ['US'],
  domesticCents: 800,
  domesticExtraCents: 300,
  handlingDays: 3,
};
const reasonOf = (change: ReturnType<typeof changeProfile>) => (change.ok ? '' : change.reason);

describe('changing a shipping profile', () => {
  it('stores a builder’s profile under their server and id', () => {
    expect(String(shippingProfilesCollection)).toBe('shippingProfiles');
    expect(String(shippingProfilePath('g1', 'b1'))).toBe('shippingProfiles/g1:b1');
  });

  it('refuses destinations Stripe cannot ship to, with the destinations’ reason', () => {
    expect(reasonOf(changeProfile(current, { to: 'UK' }, base))).toContain('Stripe writes the United Kingdom as **GB**');
  });

  it('refuses a free-shipping threshold that is not an amount, naming the option', () => {
    expect(reasonOf(changeProfile(current, { 'free-over': 'lots' }, base))).toMatch(/^`free-over`: /);
  });

  it('sets a free-shipping threshold in cents', () => {
    const change = changeProfile(current, { 'free-over': 50 }, base);
    expect(change.ok && change.profile.freeOverCents).toBe(5_000);
  });

  it('keeps no free-shipping threshold at all when none was set', () => {
    const change = changeProfile(current, { 'handling-days': 2 }, base);
    expect(change.ok && 'freeOverCents' in change.profile).toBe(false);
  });

  it('takes handling days from 0 to 30 and refuses a negative number, saying the range', () => {
    const days = (d: number) => changeProfile(current, { 'handling-days': d }, base);
    const zero = days(0);
    const thirty = days(30);
    expect(zero.ok && zero.profile.handlingDays).toBe(0);
    expect(thirty.ok && thirty.profile.handlingDays).toBe(30);
    expect(reasonOf(days(-1))).toBe('`handling-days` is a whole number of business days from 0 to 30, like `handling-days:3`.');
  });

  it('asks where the builder ships when a first profile names no destinations', () => {
    expect(reasonOf(changeProfile(undefined, { domestic: 8, 'domestic-extra': 3 }, base))).toBe(
      'Say where you ship with `to:US`, `to:US,CA,GB` or `to:worldwide`.',
    );
  });

  it('names the missing domestic rates of a builder shipping at home', () => {
    expect(reasonOf(changeProfile(undefined, { to: 'US' }, base))).toBe('Shipping to US needs `domestic:<amount>`, `domestic-extra:<amount>` too.');
  });

  it('names the missing international rates as shipping to other countries', () => {
    expect(reasonOf(changeProfile(undefined, { to: 'US,GB', domestic: 8, 'domestic-extra': 3 }, base))).toBe(
      'Shipping to other countries needs `international:<amount>`, `international-extra:<amount>` too.',
    );
  });
});

describe('reading a shipping rate', () => {
  it('reads an amount typed as text', () => {
    expect(shippingAmount('8', 'usd')).toEqual({ ok: true, cents: 800 });
  });

  it('refuses what is neither a number nor text', () => {
    expect(shippingAmount(true, 'usd')).toEqual({ ok: false, reason: 'isn’t an amount.' });
  });
});
