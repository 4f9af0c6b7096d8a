/** A group buy and an interest check as the store keeps them, open; `over` changes what a test needs. */
import type { GroupBuy } from '../rules/group-buy';
import type { InterestCheck } from '../rules/interest-check';

export const aGroupBuy = (over: Partial<GroupBuy> = {}): GroupBuy => ({
  groupBuyId: 'gb7k2m9q',
  guildId: '900000000000000001',
  channelId: '910000000000000001',
  builderId: '811000000000000651',
  builderName: 'Bo Builder',
  title: 'GMK Olivia',
  priceCents: 12_000,
  currency: 'usd',
  moq: 50,
  opensAt: '2026-12-01T12:00:00.000Z',
  closesAt: '2026-12-08T18:00:00.000Z',
  shipsMonth: '2027-09',
  tranches: [{ milestone: 'parts-in', percent: 30 }],
  status: 'open',
  pledgedUnits: 12,
  pledgers: 9,
  byInteraction: '1200000000000000001',
  createdAt: '2026-12-01T12:00:00.000Z',
  ...over,
});

export const anInterestCheck = (over: Partial<InterestCheck> = {}): InterestCheck => ({
  checkId: 'ab12cd34',
  guildId: '900000000000000001',
  channelId: '910000000000000001',
  builderId: '811000000000000651',
  builderName: 'Bo',
  title: 'GMK Olivia',
  priceCents: 12_000,
  currency: 'usd',
  moq: 50,
  status: 'open',
  interestedPeople: 2,
  interestedUnits: 5,
  byInteraction: '1',
  createdAt: '2026-12-01T12:00:00.000Z',
  ...over,
});
