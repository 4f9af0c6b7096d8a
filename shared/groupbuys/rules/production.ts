/**
 * @module production
 * A funded group buy's production as a line everyone can watch (issue 65, point 5): each step
 * its tranches pay at, then `done`, with the share of the builder's money it releases and,
 * once the builder proved it live for the whole group buy, the link to that proof. A step
 * proved that no tranche names (the builder showed it all the same) is listed too. Pure.
 */
import { milestones, type Milestone } from '../../orders';
import type { GroupBuy, GroupBuyMilestone } from './group-buy';

export interface ProductionStep {
  milestone: Milestone;
  /** The percent of the builder's share this step releases (`done`: the rest). */
  percent: number;
  /** Its proof, once the builder proved it live; null while it is still to come. */
  proof: Pick<GroupBuyMilestone, 'url' | 'kind' | 'provedAt'> | null;
}

/**
 * The steps in build order: those the tranches pay at, those proved, and always `done`.
 * @example productionSteps({ tranches: [{ milestone: 'parts-in', percent: 30 }] }) // parts-in 30 %, done 70 %, neither proved
 */
export function productionSteps(groupBuy: Pick<GroupBuy, 'tranches' | 'milestones'>): ProductionStep[] {
  const paying = groupBuy.tranches.filter((t) => t.milestone !== 'done' && t.percent > 0);
  const proved = groupBuy.milestones ?? [];
  const rest = 100 - paying.reduce((sum, t) => sum + t.percent, 0);
  return milestones
    .filter((m) => m === 'done' || paying.some((t) => t.milestone === m) || proved.some((p) => p.milestone === m))
    .map((milestone) => {
      const proof = proved.find((p) => p.milestone === milestone);
      return {
        milestone,
        percent: milestone === 'done' ? Math.max(0, rest) : (paying.find((t) => t.milestone === milestone)?.percent ?? 0),
        proof: proof ? { url: proof.url, kind: proof.kind, provedAt: proof.provedAt } : null,
      };
    });
}

/** The last milestone the builder proved for the whole group buy, if any. */
export const latestMilestone = (groupBuy: Pick<GroupBuy, 'milestones'>): GroupBuyMilestone | undefined => groupBuy.milestones?.at(-1);

/** What a proof's link is, in a few words: "a clip", "the stream's recording", "the channel". */
export function proofKindWords(kind: GroupBuyMilestone['kind']): string {
  return kind === 'clip' ? 'a clip of the stream' : kind === 'vod' ? 'the stream’s recording' : 'the channel';
}
