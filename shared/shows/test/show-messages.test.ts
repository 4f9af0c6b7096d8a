/**
 * The run sheet and the lots list at their largest: 20 lots with 100-character items, the
 * largest prices and the longest names still fit Discord's limits untouched.
 */
import { discordLimitProblems } from '../../discord';
import { lotsMessage, runSheet, totalsOf, type LotView } from '../rules/show-messages';
import { showLimits, type Show, type ShowLot } from '../rules/show';
import type { Auction } from '../../auctions';

const id = (n: number) => String(800_000_000_000_000_000n + BigInt(n));

function lot(n: number, state: ShowLot['state']): ShowLot {
  return {
    lotId: `lot${String(n).padStart(5, '0')}`,
    builderId: id(n),
    builderName: 'b'.repeat(32),
    item: `${n} ${'W'.repeat(97)}`,
    startCents: 99_999_999,
    durationSeconds: 1_800,
    reserveCents: 99_999_999,
    suddenDeath: true,
    addedAt: '2026-11-23T20:00:00Z',
    state,
    ...(state === 'up-next' ? {} : { auctionId: `a${String(n).padStart(7, '0')}` }),
  };
}

const show = (lots: ShowLot[], status: Show['status'] = 'running'): Show => ({
  showId: 'show1234',
  guildId: id(900),
  channelId: id(901),
  hostId: id(902),
  hostName: 'h'.repeat(32),
  title: 'T'.repeat(showLimits.maxTitleLength),
  currency: 'usd',
  status,
  lots,
  hostCutBps: 1_250,
  gapSeconds: 10,
  messageId: id(903),
  createdAt: '2026-11-23T20:00:00Z',
  nextLotAt: '2026-11-23T20:10:00Z',
  step: 3,
});

const sold = (n: number): Auction =>
  ({
    auctionId: `a${String(n).padStart(7, '0')}`,
    status: 'awaiting-payment',
    currency: 'usd',
    offer: { rank: n % 2, bidderId: id(n + 100), bidderName: 'x', priceCents: 99_999_999, orderId: 'o' },
    winner: { bidderId: id(n + 100), bidderName: 'x', priceCents: 99_999_999 },
  }) as Auction;

test('a run sheet of twenty lots at their longest fits Discord’s limits', () => {
  const lots = Array.from({ length: showLimits.maxLots }, (_, i) => lot(i + 1, i < 15 ? 'done' : i === 15 ? 'live' : 'up-next'));
  const views: LotView[] = lots.map((l, i) => ({ lot: l, number: i + 1, ...(l.state === 'done' ? { auction: sold(i + 1) } : {}) }));
  for (const status of ['planning', 'running', 'paused', 'ended'] as const)
    expect(discordLimitProblems(runSheet(show(lots, status), views, 1_250))).toEqual([]);
});

test('the totals count a second chance as sold at the runner-up’s price, and unsold lots apart', () => {
  const lots = [lot(1, 'done'), lot(2, 'done'), lot(3, 'done')];
  const views: LotView[] = [
    { lot: lots[0]!, number: 1, auction: sold(2) },
    { lot: lots[1]!, number: 2, auction: sold(1) },
    { lot: lots[2]!, number: 3, auction: { status: 'unsold', unsoldReason: 'no-bids' } as Auction },
  ];
  expect(totalsOf(views)).toEqual({ lots: 3, sold: 2, unsold: 1, grossCents: 199_999_998 });
});

test('the host’s controls follow the show: Next lot and Pause while running, Resume while paused, only Pay now once over', () => {
  const labels = (s: Show) =>
    (runSheet(s, [{ lot: lot(1, 'done'), number: 1, auction: sold(2) }], 1_000).components as Array<{ components: Array<{ label: string }> }>).flatMap((r) =>
      r.components.map((c) => c.label),
    );
  expect(labels(show([lot(1, 'done')], 'running'))).toEqual(['Next lot', 'Pause', 'End show', 'Pay now']);
  expect(labels(show([lot(1, 'done')], 'paused'))).toEqual(['Resume', 'End show', 'Pay now']);
  expect(labels(show([lot(1, 'done')], 'ended'))).toEqual(['Pay now']);
});

test('the lots list fits with twenty lots, and gives the host at most five rows of buttons', () => {
  const lots = Array.from({ length: showLimits.maxLots }, (_, i) => lot(i + 1, 'up-next'));
  for (const page of [0, 1, 4, 9]) {
    const message = lotsMessage(show(lots, 'planning'), true, page);
    expect(discordLimitProblems(message)).toEqual([]);
    expect((message.components ?? []).length).toBeLessThanOrEqual(5);
  }
  expect(lotsMessage(show(lots, 'planning'), false).components).toEqual([]);
});
