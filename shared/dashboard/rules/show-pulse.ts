/**
 * @module show-pulse
 * The last hour of a server's show as an admin reads it: how many bids were answered and
 * how many inside Discord's 3 s, bids accepted and refused by reason (from the auction book's
 * per-minute tally), and the proved orders whose release has not gone out, each with why.
 * Pure: the tallies and the orders come in, the view goes out.
 */
import { acceptedOutcomes, type MinuteTally } from '../../ports';
import { builderDueCents, type Order } from '../../orders';

/** The hour the page shows. */
export const pulseWindowMs = 60 * 60 * 1000;

/** Counted beside the outcomes: every answer, and those past 3 s from Discord's stamp. */
const answerCounts = new Set(['answered', 'answered-late']);

export interface PulseMinute {
  minuteMs: number;
  answered: number;
  late: number;
  accepted: number;
  refused: number;
}

export type WaitingRelease = Pick<Order, 'orderId' | 'title' | 'builderName' | 'currency'> & {
  dueCents: number;
  provedAt: string | undefined;
  why: 'disputed' | 'being-sent' | 'refused' | 'not-sent';
  /** Stripe's words, for a release it refused. */
  detail?: string;
};

export interface ShowPulse {
  fromMs: number;
  toMs: number;
  answered: number;
  insideDeadline: number;
  /** `insideDeadline / answered` in whole percent; undefined with nothing answered. */
  insidePercent: number | undefined;
  accepted: Array<{ outcome: string; count: number }>;
  refused: Array<{ reason: string; count: number }>;
  /** Only the minutes with bids, oldest first. */
  minutes: PulseMinute[];
  releasesWaiting: WaitingRelease[];
}

/**
 * The hour ending at `nowMs`. Minutes outside it are ignored (the book keeps two hours); a
 * reason with no count is not listed. Releases in the order they were proved, oldest first.
 * @example showPulseOf([{ minuteMs: 0, counts: { answered: 2, leading: 1, 'too-low': 1 } }], [], 60_000).insidePercent // 100
 */
export function showPulseOf(tallies: readonly MinuteTally[], waiting: readonly Order[], nowMs: number): ShowPulse {
  const fromMs = nowMs - pulseWindowMs;
  const inHour = tallies.filter((t) => t.minuteMs > fromMs - 60_000 && t.minuteMs <= nowMs).sort((a, b) => a.minuteMs - b.minuteMs);
  const totals = new Map<string, number>();
  for (const t of inHour) for (const [name, n] of Object.entries(t.counts)) totals.set(name, (totals.get(name) ?? 0) + n);
  const answered = totals.get('answered') ?? 0;
  const insideDeadline = Math.max(0, answered - (totals.get('answered-late') ?? 0));
  const outcomes = [...totals].filter(([name, n]) => !answerCounts.has(name) && n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const isAccepted = (name: string) => (acceptedOutcomes as readonly string[]).includes(name);
  return {
    fromMs,
    toMs: nowMs,
    answered,
    insideDeadline,
    insidePercent: answered === 0 ? undefined : Math.floor((insideDeadline * 100) / answered),
    accepted: outcomes.filter(([name]) => isAccepted(name)).map(([outcome, count]) => ({ outcome, count })),
    refused: outcomes.filter(([name]) => !isAccepted(name)).map(([reason, count]) => ({ reason, count })),
    minutes: inHour.map((t) => minuteOf(t, isAccepted)),
    releasesWaiting: waiting
      .filter((o) => o.status === 'building' && !o.payouts.builder.transferId)
      .map(waitingRelease)
      .sort((a, b) => (a.provedAt ?? '').localeCompare(b.provedAt ?? '')),
  };
}

function minuteOf(t: MinuteTally, isAccepted: (name: string) => boolean): PulseMinute {
  const sum = (pick: (name: string) => boolean) =>
    Object.entries(t.counts)
      .filter(([name]) => pick(name))
      .reduce((total, [, n]) => total + n, 0);
  return {
    minuteMs: t.minuteMs,
    answered: t.counts.answered ?? 0,
    late: t.counts['answered-late'] ?? 0,
    accepted: sum(isAccepted),
    refused: sum((name) => !answerCounts.has(name) && !isAccepted(name)),
  };
}

/** Why a proved order's release has not gone out: a dispute holds it, it is being sent, or Stripe refused it. */
function waitingRelease(order: Order): WaitingRelease {
  const disputed = order.dispute !== undefined && order.dispute.state !== 'won';
  const why: WaitingRelease['why'] = disputed ? 'disputed' : order.payouts.builder.releasing ? 'being-sent' : order.lastReleaseRefusal ? 'refused' : 'not-sent';
  return {
    orderId: order.orderId,
    title: order.title,
    builderName: order.builderName,
    currency: order.currency,
    dueCents: builderDueCents(order),
    provedAt: order.proof?.provedAt,
    why,
    ...(why === 'refused' && order.lastReleaseRefusal ? { detail: order.lastReleaseRefusal.slice(0, 120) } : {}),
  };
}
