/**
 * A funded group buy's production as a line everyone can watch: each step its tranches pay
 * at, then `done` with the rest, each proved live with its link and date or still to come, in
 * the public feed, on the page and (the latest) on the post; never the channel's ids behind a
 * proof, nor any buyer.
 */
import { productionSteps, latestMilestone } from '../rules/production';
import { publicGroupBuy } from '../rules/public-group-buy';
import { groupBuyPageHtml } from '../rules/group-buy-page';
import { groupBuyPost } from '../rules/group-buy-messages';
import type { GroupBuy, GroupBuyMilestone } from '../rules/group-buy';
import { aGroupBuy } from './group-buy-fixture';

const partsIn: GroupBuyMilestone = {
  milestone: 'parts-in',
  url: 'https://clips.twitch.tv/Clip1',
  kind: 'clip',
  provedAt: '2027-01-12T19:30:00.000Z',
  byInteraction: '1300000000000000001',
  broadcasterId: 'tw6500001',
  channelLogin: 'gbkeebs',
  streamId: 'st65',
  clipId: 'Clip1',
};
const funded: GroupBuy = aGroupBuy({
  builderName: 'Bo',
  title: 'Tofu65',
  tranches: [
    { milestone: 'parts-in', percent: 30 },
    { milestone: 'sound-test', percent: 20 },
  ],
  status: 'funded',
  messageId: '940000000000000001',
  pledgedUnits: 52,
  pledgers: 40,
  fundedUnits: 52,
  closedAt: '2026-12-08T18:01:00.000Z',
});
const now = new Date('2027-01-13T00:00:00.000Z');

describe('a group buy’s production steps', () => {
  it('lists the steps its tranches pay at, then done with the rest, none proved before the builder proves one', () => {
    expect(productionSteps(funded)).toEqual([
      { milestone: 'parts-in', percent: 30, proof: null },
      { milestone: 'sound-test', percent: 20, proof: null },
      { milestone: 'done', percent: 50, proof: null },
    ]);
    expect(productionSteps({ tranches: [], milestones: [] })).toEqual([{ milestone: 'done', percent: 100, proof: null }]);
  });

  it('shows each step proved with its link, and a step proved that no tranche pays at in its place', () => {
    const assembly = { ...partsIn, milestone: 'assembly' as const, url: 'https://www.twitch.tv/videos/77?t=1h2m3s', kind: 'vod' as const };
    const steps = productionSteps({ ...funded, milestones: [partsIn, assembly] });
    expect(steps.map((s) => [s.milestone, s.percent, s.proof?.kind ?? null])).toEqual([
      ['parts-in', 30, 'clip'],
      ['assembly', 0, 'vod'],
      ['sound-test', 20, null],
      ['done', 50, null],
    ]);
    expect(steps[0]?.proof).toEqual({ url: partsIn.url, kind: 'clip', provedAt: partsIn.provedAt });
    expect(latestMilestone({ milestones: [partsIn, assembly] })).toBe(assembly);
    expect(latestMilestone(funded)).toBeUndefined();
  });
});

describe('a funded group buy’s production, in public', () => {
  const view = publicGroupBuy({ ...funded, milestones: [partsIn] }, now);

  it('feeds each step with its state, link and date, and never the channel’s ids', () => {
    expect(view.production).toEqual([
      { milestone: 'parts-in', percent: 30, proved: true, proofUrl: 'https://clips.twitch.tv/Clip1', proofKind: 'clip', provedAt: '2027-01-12T19:30:00.000Z' },
      { milestone: 'sound-test', percent: 20, proved: false, proofUrl: null, proofKind: null, provedAt: null },
      { milestone: 'done', percent: 50, proved: false, proofUrl: null, proofKind: null, provedAt: null },
    ]);
    const json = JSON.stringify(view);
    for (const hidden of [partsIn.broadcasterId, partsIn.channelLogin, partsIn.byInteraction, funded.builderId]) expect(json).not.toContain(hidden);
  });

  it('lists the steps on the page, proved with a link to watch or still to come', () => {
    const html = groupBuyPageHtml(view);
    expect(html).toContain('<h2 id="production-heading">Production, proven live</h2>');
    expect(html).toContain(
      '<li data-state="proved">✓ <strong>parts-in</strong> (30% of the builder’s share): proved live on <time datetime="2027-01-12T19:30:00.000Z">12 January 2027, 19:30 UTC</time>: <a href="https://clips.twitch.tv/Clip1" rel="noopener">watch a clip of the stream</a></li>',
    );
    expect(html).toContain('<li data-state="to-come"><strong>sound-test</strong> (20% of the builder’s share): still to come</li>');
    expect(html).toContain('<li data-state="to-come"><strong>done</strong> (the rest of the builder’s share): still to come</li>');
  });

  it('has no production on the page before it is funded', () => {
    expect(groupBuyPageHtml(publicGroupBuy({ ...funded, status: 'charging' }, now))).not.toContain('production-heading');
  });

  it('leads the post with the latest step proved and its link, once funded', () => {
    const post = (g: GroupBuy) => groupBuyPost(g).embeds?.[0]?.description ?? '';
    expect(post(funded)).toContain('**Funded: 52 units (minimum 50 units).**\nProduction: nothing proved live yet.');
    expect(post({ ...funded, milestones: [partsIn] })).toContain(
      `**Funded: 52 units (minimum 50 units).**\nProduction: **parts-in** proved live <t:${Date.parse(partsIn.provedAt) / 1000}:R>: [watch a clip of the stream](https://clips.twitch.tv/Clip1)`,
    );
  });
});
