/** A builder's shipping profile for the shipping tests: from the US to CA, GB and US, $8 + $3 at home, $25 + $10 abroad. */
import type { ShippingProfile } from '../rules/profile';

export const profileBase = { guildId: 'g1', builderId: 'b1', currency: 'usd', homeCountry: 'US', updatedAt: '2026-11-24T12:00:00.000Z' };

export const aProfile = (over: Partial<ShippingProfile> = {}): ShippingProfile => ({
  ...profileBase,
  to: ['CA', 'GB', 'US'],
  domesticCents: 800,
  domesticExtraCents: 300,
  internationalCents: 2_500,
  internationalExtraCents: 1_000,
  handlingDays: 3,
  ...over,
});
