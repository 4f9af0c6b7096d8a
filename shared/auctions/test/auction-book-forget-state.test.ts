/**
 * `forgetBidders` on one auction's state, trace by trace: each place a bidder can be named
 * (a refused bid's record, a log entry's leader, the shown leader, an ended auction's leader and
 * builder ids) is found on its own, blanked, and counted as held; what names someone else stays.
 */
import { forgottenLeaderId } from '../rules/auction-book';
import type { AuctionState } from '../rules/auction-book-state';
import { forgetBidders } from '../rules/auction-book-forget';
import { terms, t0 } from './book-model-fixtures';

function state(over: Partial<AuctionState> = {}): AuctionState {
  return {
    terms: terms(),
    status: 'closed',
    priceCents: 4_000,
    leaderName: '',
    leaderToken: '',
    leaderMaxCents: 0,
    leaderAtMs: 0,
    endsAtMs: t0 + 60_000,
    preBidsUntilMs: 0,
    version: 1,
    bidCount: 0,
    embedAtMs: 0,
    bids: [],
    seen: new Map(),
    tops: new Map(),
    lastBids: new Map(),
    answers: new Map(),
    ...over,
  };
}

const logEntry = (bidderId: string, leaderId: string) =>
  ({
    bidId: `b-${bidderId}`,
    bidderId,
    bidderName: bidderId,
    amountCents: 1_000,
    maxCents: 1_000,
    outcome: 'leading',
    priceCents: 1_000,
    leaderId,
    atMs: t0,
  }) as AuctionState['bids'][number];

describe('forgetting bidders in one auction’s state', () => {
  it('finds a bidder known only by a refused bid’s record: kept as a repeat, naming nobody', () => {
    const a = state({
      seen: new Map([
        ['bid-1', { outcome: 'too-low', bidderId: 'ann' }],
        ['bid-2', { outcome: 'too-low', bidderId: 'bo' }],
      ]),
    });
    expect(forgetBidders(a, ['ann'])).toBe(true);
    expect([...a.seen]).toEqual([
      ['bid-1', { outcome: 'too-low', bidderId: '' }],
      ['bid-2', { outcome: 'too-low', bidderId: 'bo' }],
    ]);
  });

  it('finds a bidder named only as a log entry’s leader: the entry stays, leading for nobody', () => {
    const a = state({ bids: [logEntry('bo', 'ann'), logEntry('cy', 'cy')] });
    expect(forgetBidders(a, ['ann'])).toBe(true);
    expect(a.bids.map((b) => [b.bidderId, b.leaderId])).toEqual([
      ['bo', ''],
      ['cy', 'cy'],
    ]);
  });

  it('takes their own log entries out, and nothing else of the log', () => {
    const a = state({ bids: [logEntry('ann', 'ann'), logEntry('bo', 'bo')] });
    expect(forgetBidders(a, ['ann'])).toBe(true);
    expect(a.bids.map((b) => b.bidderId)).toEqual(['bo']);
    expect(forgetBidders(a, ['ann'])).toBe(false);
  });

  it('blanks an ended auction’s leader, their name and answer token, and its shown leader', () => {
    const a = state({
      leaderId: 'ann',
      leaderName: 'Ann',
      leaderToken: 'token-ann',
      shown: { priceCents: 4_000, leaderId: 'ann', leaderName: 'Ann', bidCount: 3 },
    });
    expect(forgetBidders(a, ['ann'])).toBe(true);
    expect(a).toMatchObject({
      leaderId: undefined,
      leaderName: '',
      leaderToken: '',
      priceCents: 4_000,
      shown: { leaderId: undefined, leaderName: '', priceCents: 4_000 },
    });
  });

  it('keeps an ended auction’s leader who is someone else, and a live one’s leader fields to its withdrawal', () => {
    const ended = state({ leaderId: 'bo', leaderName: 'Bo', leaderToken: 'token-bo' });
    expect(forgetBidders(ended, ['ann'])).toBe(false);
    expect(ended).toMatchObject({ leaderId: 'bo', leaderName: 'Bo', leaderToken: 'token-bo' });
    const live = state({ status: 'live', shown: { priceCents: 4_000, leaderId: 'ann', leaderName: 'Ann', bidCount: 2 } });
    expect(forgetBidders(live, ['ann'])).toBe(true);
    // A live final call's shown leader stays someone, so the floor the public saw holds.
    expect(live.shown).toEqual({ priceCents: 4_000, leaderId: forgottenLeaderId, leaderName: '', bidCount: 2 });
  });

  it('blanks an ended auction’s builder and their linked account, but a live one keeps them for its own-auction rule', () => {
    const ended = state({ terms: { ...terms(), builderId: 'ann', builderLinkedIds: ['twitch:9', 'twitch:8'] } });
    expect(forgetBidders(ended, ['twitch:9'])).toBe(true);
    expect(ended.terms).toMatchObject({ builderId: 'ann', builderLinkedIds: ['twitch:8'] });
    expect(forgetBidders(ended, ['ann'])).toBe(true);
    expect(ended.terms.builderId).toBe('');
    const live = state({ status: 'live', terms: { ...terms(), builderId: 'ann' } });
    expect(forgetBidders(live, ['ann'])).toBe(false);
    expect(live.terms.builderId).toBe('ann');
  });
});
