/** Records as the stores keep them, for the page and export tests; `over` changes what a test needs. */
import type { Auction } from '../../auctions';
import type { Dispute } from '../../disputes';
import type { HostPayout } from '../../payments';
import type { SaleRecord, Wallet } from '../../races';
import type { Show, ShowLot } from '../../shows';
import type { GuildPageData } from '../rules/pages/guild-page';

export const guildId = '900000000000000001';

export const anAuction = (over: Partial<Auction> & Pick<Auction, 'auctionId'>): Auction => ({
  guildId,
  channelId: '700000000000000001',
  builderId: '810000000000000002',
  builderName: 'Dee',
  item: 'Lavender 65%',
  currency: 'usd',
  startCents: 1_000,
  reserveCents: 0,
  counterBidSeconds: 30,
  suddenDeath: false,
  settleMs: 2_000,
  ladder: [],
  startedAt: '2026-11-15T18:00:00.000Z',
  endsAt: '2026-11-15T18:10:00.000Z',
  status: 'live',
  ...over,
});

export const aLot = (over: Partial<ShowLot> & Pick<ShowLot, 'lotId'>): ShowLot => ({
  builderId: '810000000000000002',
  builderName: 'Dee',
  item: 'Lavender 65%',
  startCents: 2_000,
  durationSeconds: 60,
  reserveCents: 0,
  suddenDeath: false,
  addedAt: '2026-11-15T17:00:00.000Z',
  state: 'up-next',
  ...over,
});

export const aShow = (over: Partial<Show> & Pick<Show, 'showId'>): Show => ({
  guildId,
  channelId: '700000000000000001',
  hostId: '840000000000000001',
  hostName: 'Hana',
  title: 'Friday keebs',
  currency: 'usd',
  status: 'ended',
  lots: [],
  gapSeconds: 10,
  createdAt: '2026-11-14T10:00:00.000Z',
  step: 0,
  ...over,
});

export const aHostPayout = (over: Partial<HostPayout> & Pick<HostPayout, 'orderId'>): HostPayout => ({
  showId: 'sh1',
  guildId,
  hostId: '840000000000000001',
  hostName: 'Hana',
  amountCents: 1_200,
  currency: 'usd',
  status: 'owed',
  reason: 'no-account',
  releasedCents: 1_200,
  createdAt: '2026-11-16T10:00:00.000Z',
  ...over,
});

export const aDispute = (over: Partial<Dispute> & Pick<Dispute, 'disputeId'>): Dispute => ({
  chargeId: 'ch_1',
  amountCents: 24_000,
  currency: 'usd',
  reason: 'product_not_received',
  status: 'needs_response',
  balance: {},
  seenAt: 1_790_000_000,
  state: 'open',
  feeCents: 1_500,
  orderIds: ['o-0001'],
  firstSeenAt: '2026-11-18T10:00:00.000Z',
  ...over,
});

/** A $30 Ko-fi sale during a race, 10 % of it in the pool. */
export const aSale = (over: Partial<SaleRecord> & Pick<SaleRecord, 'saleKey'>): SaleRecord => ({
  shop: 'kofi',
  saleId: 's1',
  guildId,
  amountCents: 3_000,
  currency: 'usd',
  paidAt: '2026-11-10T10:00:00.000Z',
  description: 'Race hoodie',
  eventId: 'ev1',
  recordedAt: '2026-11-10T10:00:01.000Z',
  attributedTo: 'race',
  poolCents: 300,
  credits: [],
  refundedCents: 0,
  reversedCents: 0,
  ...over,
});

/** A racer's wallet in the guild: $12.34 waiting, $50 paid. */
export const aWallet = (over: Partial<Wallet> = {}): Wallet => ({
  guildId,
  racerId: '830000000000000001',
  currency: 'usd',
  pendingCents: 1_234,
  paidCents: 5_000,
  earnedCents: 6_234,
  ...over,
});

/** A server's page with nothing on it yet: each test adds the panel it looks at. */
export const emptyGuildPage = (name = 'Keebs'): GuildPageData => ({
  guild: { id: guildId, name },
  sales: [],
  salesNext: undefined,
  balances: [],
  payouts: [],
  waiting: [],
  strikes: [],
  blocked: [],
});
