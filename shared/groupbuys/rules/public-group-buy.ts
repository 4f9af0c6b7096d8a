/**
 * @module public-group-buy
 * What anyone may see of a group buy: its terms, the units pledged toward the MOQ and by how
 * many people, the close, the ship estimate and the state. The page (`/groupbuy/<id>`) and the
 * overlay's feed (`/groupbuy/<id>.json`) are made from this one view. Pledges are counted,
 * never named: no buyer's id, name or quantity is in it. Production is listed step by step,
 * each with its proof's link and date once proved live (never the channel's ids behind it).
 */
import type { Milestone, Tranche } from '../../orders';
import type { GroupBuy, GroupBuyMilestone, GroupBuyStatus } from './group-buy';
import { productionSteps } from './production';
import { messageLink } from './interest-messages';

export interface PublicGroupBuy {
  groupBuyId: string;
  title: string;
  description: string | null;
  /** An https picture, or null (a stored link of another scheme is never shown). */
  imageUrl: string | null;
  builderName: string;
  status: GroupBuyStatus;
  priceCents: number;
  currency: string;
  pledgedUnits: number;
  pledgers: number;
  moq: number;
  cap: number | null;
  opensAt: string;
  closesAt: string;
  /** Whether the builder moved the close (once, before it came). */
  extended: boolean;
  /** `YYYY-MM`. */
  shipsMonth: string;
  tranches: Tranche[];
  /** Units charged (or paid on their link) since the close met its MOQ; null before such a close. Lapsed pay links may leave it below `moq`. */
  fundedUnits: number | null;
  /** Called off by its builder: before its close (nobody charged), or after it (every buyer refunded in full); null otherwise. */
  calledOff: 'before-close' | 'after-close' | null;
  closedAt: string | null;
  /** The post with **Join**, where a member joins; null until it is posted. */
  postUrl: string | null;
  /** Each step of production in build order, ending at `done`: its share of the builder's money, and its proof once proved live. */
  production: PublicMilestone[];
  serverTime: string;
}

export interface PublicMilestone {
  milestone: Milestone;
  /** The percent of the builder's share it releases (`done`: the rest). */
  percent: number;
  proved: boolean;
  /** A clip, the stream's recording at that moment, or the channel; null while still to come. */
  proofUrl: string | null;
  proofKind: GroupBuyMilestone['kind'] | null;
  provedAt: string | null;
}

/** A picture's link as the page may show it: https only, else none. */
export function httpsOnly(url: string | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

export function publicGroupBuy(groupBuy: GroupBuy, now: Date): PublicGroupBuy {
  return {
    groupBuyId: groupBuy.groupBuyId,
    title: groupBuy.title,
    description: groupBuy.description ?? null,
    imageUrl: httpsOnly(groupBuy.imageUrl),
    builderName: groupBuy.builderName,
    status: groupBuy.status,
    priceCents: groupBuy.priceCents,
    currency: groupBuy.currency,
    pledgedUnits: groupBuy.pledgedUnits,
    pledgers: groupBuy.pledgers,
    moq: groupBuy.moq,
    cap: groupBuy.cap ?? null,
    opensAt: groupBuy.opensAt,
    closesAt: groupBuy.closesAt,
    extended: groupBuy.extended !== undefined,
    shipsMonth: groupBuy.shipsMonth,
    tranches: groupBuy.tranches.map((t) => ({ milestone: t.milestone, percent: t.percent })),
    fundedUnits: groupBuy.fundedUnits ?? null,
    calledOff: groupBuy.cancelled ? (groupBuy.cancelled.afterClose ? 'after-close' : 'before-close') : null,
    closedAt: groupBuy.closedAt ?? null,
    postUrl: groupBuy.messageId ? messageLink(groupBuy.guildId, groupBuy.channelId, groupBuy.messageId) : null,
    production: productionSteps(groupBuy).map((step) => ({
      milestone: step.milestone,
      percent: step.percent,
      proved: step.proof !== null,
      proofUrl: httpsOnly(step.proof?.url),
      proofKind: step.proof?.kind ?? null,
      provedAt: step.proof?.provedAt ?? null,
    })),
    serverTime: now.toISOString(),
  };
}
