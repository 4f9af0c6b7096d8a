/**
 * @module put-up-next-lot
 * A show's next lot goes up as an ordinary auction. One transaction on the show decides it,
 * so however the call comes (the start, the gap's task, the host's Next lot, any of them
 * delivered twice or early) at most one lot is live and none is skipped:
 *
 * - a lot already live wins: the call only makes sure that lot's auction is open (a crash
 *   between the decision and the opening is finished by the next call);
 * - a gap task must name the show's current step and the lot up next, and not come before
 *   the gap is over (it throws `TaskNotDueYet`, and the queue brings it back);
 * - a lot whose builder can no longer be paid is skipped, with the reason on the run sheet;
 * - with nothing left to put up, the show is over and wraps up.
 */
import type { Transaction } from '../../ports';
import { TaskNotDueYet } from '../../errors';
import { auctionPath, type Auction, defaultLadder, newDrawSeed, openAuction, streamDelayLimits } from '../../auctions';
import { builderPath, canSell } from '../../onboarding';
import { shortIdFrom } from '../../common';
import { liveLot, nextUpIndex, showPath, type Show, type ShowLot } from '../rules/show';
import { runSheetChanged, tickWhileLive } from './refresh-run-sheet';
import { scheduleNextLot, type NextLotTask } from './show-tasks';
import type { ShowPaymentDeps } from './show-deps';
import { afterChange } from './lot-hammered';
import { wrapUpIfOwed } from './wrap-up-show';
import { placePreBids, preBidsToPlace } from './place-pre-bids';

/** Who asks: the start of the show, the host's Next lot, or the task at the end of a gap. */
export type NextLotCall = { by: 'start' } | { by: 'host' } | { by: 'task'; task: NextLotTask };

export type NextLotOutcome =
  | { kind: 'up'; lot: ShowLot; auctionId: string }
  | { kind: 'lot-live'; lot: ShowLot }
  | { kind: 'none-left' }
  | { kind: 'not-on-air'; status: Show['status'] }
  | { kind: 'stale' }
  | { kind: 'channel-busy'; liveAuctionId: string }
  | { kind: 'gone' };

type Decision =
  | { kind: 'open'; auction: Auction; lot: ShowLot; fresh: boolean; step: number }
  | { kind: 'early'; atMs: number }
  /** Nothing left to put up: the show is over (`ended`: as this call left it). */
  | { kind: 'none-left'; ended: Show }
  | { kind: 'not-on-air'; status: Show['status']; show?: Show }
  | Exclude<NextLotOutcome, { kind: 'up' } | { kind: 'lot-live' } | { kind: 'channel-busy' } | { kind: 'none-left' } | { kind: 'not-on-air' }>;

/** How long a lot's first opener is given to post its card before another call takes over. */
const openerGraceMs = 30_000;

/** The lot's auction id: from the show, the lot and the step, so a lot that went up again after a failed opening gets a fresh auction. */
export const lotAuctionId = (showId: string, lotId: string, step: number) => shortIdFrom(`show-lot:${showId}:${lotId}:${step}`);

export async function putUpNextLot(deps: ShowPaymentDeps, showId: string, call: NextLotCall): Promise<NextLotOutcome> {
  const decision = await deps.store.runTransaction(async (tx): Promise<Decision> => {
    const show = await tx.get(showPath(showId));
    if (!show) return { kind: 'gone' };
    const live = liveLot(show);
    if (live?.auctionId) {
      const auction = await tx.get(auctionPath(live.auctionId));
      return auction ? { kind: 'open', auction, lot: live, fresh: false, step: show.step } : { kind: 'gone' };
    }
    if (show.status !== 'running') return { kind: 'not-on-air', status: show.status, show };
    const index = nextUpIndex(show);
    if (call.by === 'task') {
      if (call.task.step !== show.step || show.lots[index]?.lotId !== call.task.lotId) return { kind: 'stale' };
      const dueMs = Date.parse(show.nextLotAt ?? '');
      if (Number.isFinite(dueMs) && deps.clock.now().getTime() < dueMs) return { kind: 'early', atMs: dueMs };
    }
    if (index < 0) return { kind: 'none-left', ended: endShow(tx, show, show.lots, deps.clock.now()) };
    // Every builder still up next is read now: reads come before writes in a transaction.
    const candidates = show.lots.slice(index).filter((l) => l.state === 'up-next');
    const builders = await Promise.all(candidates.map((l) => tx.get(builderPath(l.builderId))));
    const payable = candidates.findIndex((_, i) => canSell(builders[i]));
    const skipped = new Set(candidates.slice(0, payable < 0 ? candidates.length : payable).map((l) => l.lotId));
    const chosen = payable < 0 ? undefined : candidates[payable];
    const step = show.step + 1;
    const now = deps.clock.now();
    const auctionId = chosen ? lotAuctionId(showId, chosen.lotId, step) : undefined;
    const lots = show.lots.map((l): ShowLot => {
      if (skipped.has(l.lotId)) return { ...l, state: 'skipped', skippedBecause: 'its builder can’t be paid right now' };
      if (l.lotId === chosen?.lotId) return { ...l, state: 'live', auctionId: auctionId as string };
      return l;
    });
    if (!chosen || !auctionId) return { kind: 'none-left', ended: endShow(tx, show, lots, now) };
    const auction = lotAuction(deps, show, chosen, auctionId, now);
    tx.update(showPath(showId), { lots, step, nextLotAt: null });
    tx.create(auctionPath(auctionId), auction);
    return { kind: 'open', auction, lot: { ...chosen, state: 'live', auctionId }, fresh: true, step };
  });
  if (decision.kind === 'early') throw new TaskNotDueYet(decision.atMs);
  if (decision.kind === 'none-left') {
    await afterChange(deps, decision.ended);
    return { kind: 'none-left' };
  }
  if (decision.kind === 'not-on-air' && decision.show) {
    // A retry of the call that ended the show (the last lot skipped) finishes its wrap-up.
    await wrapUpIfOwed(deps, decision.show);
    return { kind: 'not-on-air', status: decision.status };
  }
  if (decision.kind !== 'open') return decision;
  if (decision.auction.status !== 'live') return { kind: 'lot-live', lot: decision.lot };
  // Another call put this lot up: its card may be being posted right now (a second opening
  // would post a second card). Once the card is posted, opening again is safe (the book and
  // the hammer's task are idempotent); with no card long after the lot went up, its opener
  // crashed, and this call finishes the opening.
  let auction = decision.auction;
  if (!decision.fresh && !auction.messageId) {
    const takenOver = await takeOverOpening(deps, auction, decision.lot.durationSeconds * 1000);
    if (takenOver.kind === 'wait') {
      // The call that put it up, back after a crash (or a press while the opener posts): a task
      // comes back once the grace is over and finishes the opening should the opener be gone.
      // Answering "done" with nothing to come back left the lot live in the store with no
      // card, no book and no hammer (found by the soak, kill -9 between the two).
      if (call.by === 'task') throw new TaskNotDueYet(takenOver.untilMs);
      await scheduleNextLot(deps.tasks, { showId, lotId: decision.lot.lotId, step: decision.step }, takenOver.untilMs);
      return { kind: 'lot-live', lot: decision.lot };
    }
    auction = takenOver.auction;
  }

  const preBids = await preBidsToPlace(deps, auction);
  const opened = await openAuction(deps, auction, { preBidsFirst: preBids !== undefined });
  if (opened.kind === 'channel-busy') {
    await putLotBack(deps, showId, decision.lot);
    await runSheetChanged(deps, showId);
    return { kind: 'channel-busy', liveAuctionId: opened.liveAuctionId };
  }
  // Every pass through an open lot: placed once (fixed bid ids), finished by a retry after a crash.
  await placePreBids(deps, auction, preBids);
  if (decision.fresh) {
    await runSheetChanged(deps, showId);
    await tickWhileLive(deps, showId);
  }
  return decision.fresh ? { kind: 'up', lot: decision.lot, auctionId: auction.auctionId } : { kind: 'lot-live', lot: decision.lot };
}

/**
 * A lot put up with no card yet: within its opener's grace, wait for the opener; past it, the
 * opener is gone and this call takes the opening over, the lot's clock started again so its
 * bidders get its whole time. Taking over moves `startedAt`, so a second caller at the same
 * moment finds a fresh grace and waits: one card.
 */
async function takeOverOpening(
  deps: ShowPaymentDeps,
  seen: Auction,
  lotMs: number,
): Promise<{ kind: 'wait'; untilMs: number } | { kind: 'open'; auction: Auction }> {
  return deps.store.runTransaction(async (tx) => {
    const auction = (await tx.get(auctionPath(seen.auctionId))) ?? seen;
    const untilMs = Date.parse(auction.startedAt) + openerGraceMs;
    const nowMs = deps.clock.now().getTime();
    if (auction.messageId || auction.status !== 'live' || nowMs < untilMs) return { kind: 'wait', untilMs };
    const restarted = { startedAt: new Date(nowMs).toISOString(), endsAt: new Date(nowMs + lotMs).toISOString() };
    tx.update(auctionPath(auction.auctionId), restarted);
    return { kind: 'open', auction: { ...auction, ...restarted } };
  });
}

/** No lot left to run: the show is over, and (no lot being live) wraps up. */
function endShow(tx: Transaction, show: Show, lots: ShowLot[], now: Date): Show {
  const ended = { lots, status: 'ended' as const, endedAt: now.toISOString(), step: show.step + 1, nextLotAt: null };
  tx.update(showPath(show.showId), ended);
  return { ...show, ...ended };
}

/** The lot as an auction: the builder's terms, the show's host and cut, the deployment's clock rules. */
function lotAuction(deps: ShowPaymentDeps, show: Show, lot: ShowLot, auctionId: string, now: Date): Auction {
  return {
    auctionId,
    guildId: show.guildId,
    channelId: show.channelId,
    builderId: lot.builderId,
    builderName: lot.builderName,
    item: lot.item,
    currency: show.currency,
    startCents: lot.startCents,
    reserveCents: lot.reserveCents,
    counterBidSeconds: lot.suddenDeath ? 0 : (lot.counterBidSeconds ?? deps.auctions.counterBidSeconds),
    suddenDeath: lot.suddenDeath,
    settleMs: deps.auctions.settleMs,
    streamDelaySeconds: show.streamDelaySeconds ?? streamDelayLimits.defaultSeconds,
    // A show started before final calls keeps what it had: the delay stands for it.
    ...(show.finalCallSeconds !== undefined ? { finalCallSeconds: show.finalCallSeconds } : {}),
    drawSeed: newDrawSeed(),
    ladder: [...defaultLadder],
    startedAt: now.toISOString(),
    endsAt: new Date(now.getTime() + lot.durationSeconds * 1000).toISOString(),
    status: 'live',
    show: { showId: show.showId, lotId: lot.lotId, hostId: show.hostId, hostName: show.hostName, hostCutBps: show.hostCutBps ?? 0 },
  };
}

/**
 * Another auction holds the channel (one started before the show, say): the lot goes back
 * up next and the show pauses, so the host decides when to go on rather than a task retrying.
 */
async function putLotBack(deps: ShowPaymentDeps, showId: string, lot: ShowLot): Promise<void> {
  await deps.store.runTransaction(async (tx) => {
    const show = await tx.get(showPath(showId));
    if (!show) return;
    const lots = show.lots.map((l): ShowLot => (l.lotId === lot.lotId && l.state === 'live' ? { ...stripAuction(l), state: 'up-next' } : l));
    tx.update(showPath(showId), { lots, status: show.status === 'running' ? 'paused' : show.status, step: show.step + 1, nextLotAt: null });
  });
}

function stripAuction(lot: ShowLot): ShowLot {
  const { auctionId: _auctionId, ...rest } = lot;
  return rest;
}
