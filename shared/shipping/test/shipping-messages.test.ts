import { noShippingNote, profileView, shippingRefusals } from '../rules/shipping-messages';
import type { ShippingProfile } from '../rules/profile';
import { aProfile } from './profile-fixtures';

const profile = aProfile;
const lines = (p: ShippingProfile, changed = false) => (profileView(p, changed).content ?? '').split('\n');

describe('what /c500 shipping shows the builder', () => {
  it('shows a saved profile with both rates, no free shipping and the handling time', () => {
    expect(lines(profile(), true)).toEqual([
      '**Shipping saved.** Buyers give their address at checkout and pay shipping on top:',
      '• Ships to: CA, GB, US (home: US)',
      '• Domestic: $8.00 first item, $3.00 each further item',
      '• International: $25.00 first item, $10.00 each further item',
      '• Free shipping: never',
      '• Handling time: 3 business days',
      'Several items from you in one checkout pay the first-item rate once and the further-item rate for the rest.',
    ]);
  });

  it('heads an unchanged profile as the builder’s shipping, seen only by them', () => {
    const view = profileView(profile(), false);
    expect(view.content?.split('\n')[0]).toBe('**Your shipping:**');
    expect(view).toEqual({ ...shippingRefusals.notOnboarded, content: view.content });
  });

  it('shows only the domestic rate for a builder shipping at home, with free and unset rates', () => {
    const shown = lines(profile({ to: ['US'], domesticExtraCents: 0, internationalCents: undefined, freeOverCents: 10_000, handlingDays: 1 }));
    expect(shown).toContain('• Domestic: $8.00 first item, free each further item');
    expect(shown.some((l) => l.startsWith('• International'))).toBe(false);
    expect(shown).toContain('• Free shipping: from $100.00 in one checkout');
    expect(shown).toContain('• Handling time: 1 business day');
  });

  it('shows only the international rate for a builder who ships abroad but not at home', () => {
    const shown = lines(profile({ to: ['CA', 'GB'], domesticCents: undefined, internationalExtraCents: undefined }));
    expect(shown.some((l) => l.startsWith('• Domestic'))).toBe(false);
    expect(shown).toContain('• International: $25.00 first item, – each further item');
  });

  it('shows both rates for a builder shipping worldwide', () => {
    const shown = lines(profile({ to: 'worldwide' }));
    expect(shown[1]).toBe('• Ships to: worldwide (home: US)');
    expect(shown.filter((l) => l.startsWith('• Domestic') || l.startsWith('• International'))).toHaveLength(2);
  });
});

describe('refusals of /c500 shipping', () => {
  it('tells a builder without a profile what their buyers see and how to set one', () => {
    expect(noShippingNote).toContain('This builder has');
    expect(shippingRefusals.noProfile.content).toContain(
      'Until you do, your buyers see that you have no shipping set up: no address is asked at checkout, so pick up or arrange shipping with you by DM.',
    );
    expect(shippingRefusals.noProfile.content).toContain('`/c500 shipping to:US domestic:8');
  });

  it('gives the reason of an invalid change and how to see the profile', () => {
    expect(shippingRefusals.invalid('Handling days must be 0 to 30.')).toEqual({
      ...shippingRefusals.notOnboarded,
      content: 'Handling days must be 0 to 30.\nSee your shipping with `/c500 shipping`.',
    });
  });
});
