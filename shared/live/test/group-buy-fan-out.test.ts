/**
 * The rules of a group buy's milestone reaching its orders: the task's name and the shapes
 * read from a payload, each order's part in a tally (proved, its money waiting, or skipped and
 * why), the sum of the batches, the builder's summary in counts, and the proof's media handed
 * to each order so every order links the very same.
 */
import type { GroupBuy, GroupBuyMilestone } from '../../groupbuys';
import { addTallies, milestoneTaskName, parseMilestoneTask, tallyOf } from '../rules/group-buy-fan-out';
import { fanOutSummary } from '../rules/group-buy-proof-messages';
import { groupBuyProofWithMedia, mediaOfGroupBuyProof } from '../rules/proof-media';

describe('a milestone’s batch task', () => {
  it('is named by the group buy, the milestone and the batch, so a redelivered schedule makes one', () => {
    expect(milestoneTaskName({ groupBuyId: 'k2q9xmbr', milestone: 'sound-test', batch: 3 })).toBe('groupbuy-milestone-k2q9xmbr-sound-test-3');
  });

  it('reads only the shape it schedules', () => {
    expect(parseMilestoneTask({ groupBuyId: 'k2q9xmbr', milestone: 'parts-in', batch: 1 })).toEqual({
      groupBuyId: 'k2q9xmbr',
      milestone: 'parts-in',
      batch: 1,
    });
    expect(parseMilestoneTask({ groupBuyId: 'k2q9xmbr', milestone: 'done', batch: 2, after: 'abcd1234' })).toEqual({
      groupBuyId: 'k2q9xmbr',
      milestone: 'done',
      batch: 2,
      after: 'abcd1234',
    });
  });

  it.each([
    null,
    {},
    { groupBuyId: 'k2q9xmbr', milestone: 'painted', batch: 1 },
    { groupBuyId: 'k2q9xmbr', milestone: 'done', batch: 0 },
    { groupBuyId: 'k2q9xmbr', milestone: 'done', batch: 1.5 },
    { groupBuyId: 'k2/q9', milestone: 'done', batch: 1 },
    { groupBuyId: 'k2q9xmbr', milestone: 'done', batch: 1, after: 'A$' },
    { groupBuyId: 'k2q9xmbr', milestone: 'done', batch: 1, extra: true },
  ])('refuses the payload %p', (payload) => expect(parseMilestoneTask(payload)).toBeUndefined());
});

describe('an order’s part in the tally', () => {
  it('counts a proof with its tranche as proved, with the money its state says was sent', () => {
    expect(tallyOf({ orderId: 'o1', ok: true }, 'parts-in', 3_375)).toEqual({ proved: 1, releasedCents: 3_375, waiting: {}, skipped: {} });
  });

  it('counts a proof whose money a dispute holds as proved and waiting', () => {
    expect(tallyOf({ orderId: 'o1', ok: true, held: true }, 'parts-in', 0)).toEqual({ proved: 1, releasedCents: 0, waiting: { disputed: 1 }, skipped: {} });
    expect(tallyOf({ orderId: 'o1', ok: false, refusal: 'disputed' }, 'done', 0)).toMatchObject({ proved: 1, waiting: { disputed: 1 } });
    expect(tallyOf({ orderId: 'o1', ok: false, refusal: 'account-revoked' }, 'done', 0)).toMatchObject({ proved: 1, waiting: { 'account-revoked': 1 } });
  });

  it('counts a `done` whose rest waits at the delivery gate as proved and waiting for delivery', () => {
    expect(tallyOf({ orderId: 'o1', ok: true, waitsFor: 'shipping' }, 'done', 0)).toEqual({
      proved: 1,
      releasedCents: 0,
      waiting: { delivery: 1 },
      skipped: {},
    });
    expect(tallyOf({ orderId: 'o1', ok: true, waitsFor: 'parcel-problem' }, 'done', 0)).toMatchObject({ waiting: { delivery: 1 } });
  });

  it('says to the builder how many of a group buy’s orders wait for their delivery', () => {
    const groupBuy = { groupBuyId: 'k2q9xmbr', title: 'Tofu65', currency: 'usd' } as GroupBuy;
    expect(fanOutSummary(groupBuy, 'done', { proved: 3, releasedCents: 0, waiting: { delivery: 3 }, skipped: {} }).content).toContain(
      '3 of them wait for their money: 3 waiting for delivery: the rest leaves as each parcel is delivered (and the buyer’s days to report a problem pass) or its buyer presses Received.',
    );
  });

  it('keeps a step’s refused transfer as proved (the next step sends it), but `done` refused as skipped (its proof is undone)', () => {
    expect(tallyOf({ orderId: 'o1', ok: false, refusal: 'release-refused' }, 'assembly', 0)).toMatchObject({ proved: 1, waiting: { 'release-refused': 1 } });
    expect(tallyOf({ orderId: 'o1', ok: false, refusal: 'release-refused' }, 'done', 0)).toMatchObject({ proved: 0, skipped: { 'release-refused': 1 } });
  });

  it('counts a refused order as skipped, by why, and none of its money', () => {
    expect(tallyOf({ orderId: 'o1', ok: false, refusal: 'refunded' }, 'parts-in', 3_375)).toEqual({
      proved: 0,
      releasedCents: 0,
      waiting: {},
      skipped: { refunded: 1 },
    });
  });

  it('adds batches up, reason by reason', () => {
    const a = { proved: 2, releasedCents: 100, waiting: { disputed: 1 }, skipped: { refunded: 1 } };
    const b = { proved: 1, releasedCents: 50, waiting: {}, skipped: { refunded: 2, 'milestone-passed': 1 } };
    expect(addTallies([a, b])).toEqual({ proved: 3, releasedCents: 150, waiting: { disputed: 1 }, skipped: { refunded: 3, 'milestone-passed': 1 } });
    expect(addTallies([])).toEqual({ proved: 0, releasedCents: 0, waiting: {}, skipped: {} });
  });
});

describe('the builder’s summary', () => {
  const groupBuy = { groupBuyId: 'k2q9xmbr', title: 'Tofu65', currency: 'usd' } as GroupBuy;

  it('says how many orders were proved and what was released, then what waits and what was skipped, in counts', () => {
    const total = { proved: 1_998, releasedCents: 6_743_250, waiting: { disputed: 2 }, skipped: { refunded: 3, 'milestone-passed': 1 } };
    expect(fanOutSummary(groupBuy, 'parts-in', total).content).toBe(
      [
        '🎬 **parts-in** reached every order of **Tofu65** (`k2q9xmbr`).',
        '1,998 orders proved; $67,432.50 released to you.',
        '2 of them wait for their money: 2 held by an open dispute.',
        '4 skipped: 3 refunded or cancelled, 1 proved past this step already, one by one.',
      ].join('\n'),
    );
  });

  it('names no buyer and pings nobody', () => {
    expect(fanOutSummary(groupBuy, 'done', { proved: 1, releasedCents: 0, waiting: {}, skipped: {} })).toEqual({
      content: '🎬 **done** reached every order of **Tofu65** (`k2q9xmbr`).\n1 order proved; $0.00 released to you.',
      allowed_mentions: { parse: [] },
    });
  });
});

describe('a group buy proof’s media', () => {
  const channel: GroupBuyMilestone = {
    milestone: 'parts-in',
    url: 'https://twitch.tv/gbkeebs',
    kind: 'channel',
    provedAt: '2026-12-10T19:02:03.000Z',
    byInteraction: 'i1',
    broadcasterId: 'tw65',
    channelLogin: 'gbkeebs',
    streamId: 's1',
  };
  const video = { videoId: '77', streamId: 's1', createdAt: '2026-12-10T18:00:00.000Z', url: 'https://www.twitch.tv/videos/77' };

  it('is the clip, or the VOD at the proof’s moment, or stays the channel', () => {
    expect(groupBuyProofWithMedia(channel, { kind: 'clip', clipId: 'C', url: 'https://clips.twitch.tv/C' })).toMatchObject({
      kind: 'clip',
      url: 'https://clips.twitch.tv/C',
      clipId: 'C',
    });
    expect(groupBuyProofWithMedia(channel, { kind: 'vod', video })).toMatchObject({ kind: 'vod', url: 'https://www.twitch.tv/videos/77?t=1h2m3s' });
    expect(groupBuyProofWithMedia(channel, { kind: 'none' })).toBe(channel);
  });

  it('is handed to each order as the media it was made with, so each order’s link is the group buy’s', () => {
    expect(mediaOfGroupBuyProof(groupBuyProofWithMedia(channel, { kind: 'clip', clipId: 'C', url: 'https://clips.twitch.tv/C' }))).toEqual({
      kind: 'clip',
      clipId: 'C',
      url: 'https://clips.twitch.tv/C',
    });
    expect(mediaOfGroupBuyProof(groupBuyProofWithMedia(channel, { kind: 'vod', video }))).toEqual({ kind: 'vod', video });
    expect(mediaOfGroupBuyProof(channel)).toBeUndefined();
  });
});
