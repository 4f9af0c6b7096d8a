/**
 * @module prove-milestone
 * `/c500 live mode:order:<id> milestone:<parts-in|assembly|sound-test>`: a commission from
 * the builder's queue reaches a milestone, proved live. The proof's clip (or VOD, or the
 * channel) is kept on the order, the buyer gets it by DM once, the line shows the step, and
 * the tranche of the builder's share the drop named for it (and any skipped before it) goes
 * out: a transfer from the order's charge keyed by the milestone, fixed before Stripe is
 * asked, never past what the builder may hold after refunds and disputes. `done` is the
 * order's own proof (prove-order), which sends the rest.
 */
import type { ProofOfWork } from '../../orders';
import { advanceFor, advanceKey, bestProofOf, isLater, nextStep, releaseHold, reverseShares, takeBackForDispute } from '../../payments';
import { transferEntry } from '../../orders';
import { orderPath, type Advance, type Milestone, type MilestoneProof, type Order, applyOrderFact } from '../../orders';
import { accountRevoked, streamUrl, type Builder, type TwitchLink } from '../../onboarding';
import { formatMoney } from '../../common';
import { tellOnce } from '../../discord';
import { planNetting, planNettingUndone } from '../../debts';
import { JournalRead, withJournal } from '../../journal';
import { PaymentRefused } from '../../errors';
import { log, personPseudonym } from '../../log';
import type { OrderOutcome, OrderRefusal } from '../rules/live-messages';
import { milestoneProved } from '../rules/workbench-messages';
import { proofWithMedia } from '../rules/proof-media';
import type { LiveStream } from './confirm-live';
import type { ProveOrderDeps } from './prove-order';

type Step = { refusal: OrderRefusal } | { order: Order; proof: MilestoneProof };

export async function proveMilestone(
  deps: ProveOrderDeps,
  builder: Builder & { twitch: TwitchLink },
  orderId: string,
  milestone: Exclude<Milestone, 'done'>,
  stream: LiveStream,
  interactionId: string,
  /** When it was proved: now, unless this is a group buy's one proof reaching its orders later (its moment, so its VOD link is the same). */
  provedAt = deps.clock.now().toISOString(),
): Promise<OrderOutcome> {
  const link = streamUrl(builder.twitch.login);
  const step = await deps.store.runTransaction(async (tx): Promise<Step> => {
    const order = await tx.get(orderPath(orderId));
    if (!order) return { refusal: 'not-found' };
    if (order.builderId !== builder.discordUserId) return { refusal: 'not-yours' };
    const refusal = milestoneRefusal(order);
    if (refusal) return { refusal };
    const commission = order.commission;
    if (!commission) return { refusal: 'no-milestones' };
    // This very command, delivered again: it finishes what it started.
    const ours = commission.proofs?.find((p) => p.milestone === milestone && p.byInteraction === interactionId);
    if (ours) return { order, proof: ours };
    if (!isLater(milestone, commission.milestone)) return { refusal: 'milestone-passed' };
    const proof: MilestoneProof = { milestone, url: link, kind: 'channel', provedAt, byInteraction: interactionId };
    return { order: applyOrderFact(tx, order, { kind: 'milestone-proved', proof }), proof };
  });
  if ('refusal' in step) return { orderId, ok: false, refusal: step.refusal };
  const proof = await withMedia(deps, step.order, step.proof, stream, builder);
  const sent = await sendTranche(deps, orderId, milestone, builder);
  if (sent.refused) return { orderId, ok: false, refusal: 'release-refused', detail: sent.refused };
  const view = { kind: proof.kind, url: proof.url, searching: false, provedAt: proof.provedAt };
  await tellOnce(deps, `milestone:${orderId}:${milestone}`, step.order.buyerId, milestoneProved(step.order, milestone, view));
  return {
    orderId,
    ok: true,
    title: step.order.title,
    milestone,
    ...(step.order.commission ? { next: nextStep(step.order.commission) } : {}),
    proof: view,
    ...(sent.cents > 0 ? { releasedLabel: formatMoney({ cents: sent.cents, currency: step.order.currency }) } : {}),
    ...(sent.held ? { held: true } : {}),
  };
}

function milestoneRefusal(order: Order): OrderRefusal | undefined {
  if (order.status === 'awaiting-payment') return 'not-paid';
  if (order.status === 'expired') return 'expired';
  if (order.status === 'refunded' || order.commission?.ended === 'cancelled') return 'refunded';
  // Done already: its proof released the rest.
  if (order.status !== 'paid') return 'already-verified';
  return undefined;
}

/** The clip (or VOD) of this command for the milestone's proof, kept once on the order: the channel when there is none. */
async function withMedia(deps: ProveOrderDeps, order: Order, proof: MilestoneProof, stream: LiveStream, builder: Builder & { twitch: TwitchLink }) {
  if (proof.kind !== 'channel' || !deps.proofMedia) return proof;
  const base: ProofOfWork = {
    url: proof.url,
    provedAt: proof.provedAt,
    broadcasterId: builder.twitch.userId,
    ...(stream.streamId ? { streamId: stream.streamId } : {}),
  };
  const made = proofWithMedia(base, await deps.proofMedia.make());
  const view = bestProofOf({ proof: made });
  if (!view || view.kind === 'channel') return proof;
  const settled: MilestoneProof = { ...proof, kind: view.kind, url: view.url };
  await deps.store.runTransaction(async (tx) => {
    const current = await tx.get(orderPath(order.orderId));
    const proofs = current?.commission?.proofs;
    if (!current?.commission || !proofs) return;
    if (proofs.some((p) => p.milestone === proof.milestone && p.byInteraction === proof.byInteraction))
      applyOrderFact(tx, current, { kind: 'milestone-proof-found', proof: settled });
  });
  return settled;
}

/**
 * The milestone's tranche: fixed on the order (key, amount) before Stripe is asked, replayed
 * as fixed on a retry, recorded once made. A dispute holds it; a refusal sends nothing and
 * leaves it to the next milestone (whose tranche counts what this one did not send).
 */
async function sendTranche(
  deps: ProveOrderDeps,
  orderId: string,
  milestone: Milestone,
  builder: Builder,
): Promise<{ cents: number; held?: boolean; refused?: string }> {
  const fixed = await deps.store.runTransaction(async (tx): Promise<{ order: Order; advance: Advance } | { held: boolean } | undefined> => {
    const stored = await tx.get(orderPath(orderId));
    const commission = stored?.commission;
    if (!stored || !commission) return undefined;
    const { order, entries } = await withJournal(tx, stored);
    const earlier = (commission.advances ?? []).filter((a) => a.milestone === milestone);
    const standing = earlier.find((a) => a.refusal === undefined);
    if (standing) return standing.transferId ? undefined : { order, advance: standing };
    if (releaseHold(order) || accountRevoked(builder)) return { held: true };
    const dueCents = advanceFor(order, milestone, entries);
    if (dueCents <= 0 || !order.chargeId || !builder.stripeAccountId) return undefined;
    const idempotencyKey = advanceKey(orderId, milestone, earlier.length);
    // The builder's debt on the server is paid from it first, once under the tranche's key (as the release at `done` does).
    const netting = await planNetting(tx, {
      guildId: order.guildId,
      userId: order.builderId,
      releaseKey: idempotencyKey,
      dueCents,
      currency: order.currency,
      orderId,
      at: deps.clock.now().toISOString(),
    });
    const advance: Advance = {
      milestone,
      idempotencyKey,
      amountCents: netting.sendCents,
      ...(netting.nettedCents > 0 ? { nettedCents: netting.nettedCents } : {}),
    };
    netting.write();
    applyOrderFact(tx, order, { kind: 'advance-fixed', advance });
    return { order, advance };
  });
  if (!fixed) return { cents: 0 };
  if ('held' in fixed) return { cents: 0, held: fixed.held };
  const { order, advance } = fixed;
  let answer: Pick<Advance, 'transferId' | 'releasedAt'> | Pick<Advance, 'refusal'>;
  try {
    const made = await deps.payments.createTransfer({
      idempotencyKey: advance.idempotencyKey,
      amountCents: advance.amountCents,
      currency: order.currency,
      destination: builder.stripeAccountId ?? '',
      sourceTransaction: order.chargeId ?? '',
      transferGroup: orderId,
      metadata: { order_id: orderId, builder_pseudonym: personPseudonym(order.builderId), milestone },
    });
    answer = { transferId: made.transferId, releasedAt: deps.clock.now().toISOString() };
  } catch (error) {
    if (!(error instanceof PaymentRefused)) throw error;
    log.warn('Stripe refused a commission’s tranche; the next milestone may send it', { orderId, milestone, error });
    answer = { refusal: error.message.slice(0, 500) };
  }
  const recorded = await deps.store.runTransaction(async (tx) => {
    const stored = await tx.get(orderPath(orderId));
    const journal = stored && (await withJournal(tx, stored));
    const current = journal?.order;
    const commission = current?.commission;
    if (!journal || !current || !commission) return current;
    const fixedNow = (commission.advances ?? []).find((a) => a.idempotencyKey === advance.idempotencyKey && !a.transferId && !a.refusal);
    // A refused tranche sent nothing: what it had taken for the builder's debt is owed again, once under its key.
    const undo =
      fixedNow?.nettedCents && 'refusal' in answer
        ? await planNettingUndone(tx, {
            guildId: current.guildId,
            userId: current.builderId,
            releaseKey: advance.idempotencyKey,
            nettedCents: fixedNow.nettedCents,
            currency: current.currency,
            orderId,
            at: deps.clock.now().toISOString(),
          })
        : undefined;
    undo?.();
    // The tranche's transfer in the journal, with the answer that records it (only the first answer to a tranche fixed now).
    const sent =
      fixedNow && 'transferId' in answer && answer.transferId
        ? transferEntry(current, answer.transferId, advance.amountCents, answer.releasedAt ?? deps.clock.now().toISOString(), 'builder')
        : undefined;
    return applyOrderFact(
      tx,
      current,
      { kind: 'advance-sent', idempotencyKey: advance.idempotencyKey, answer },
      { read: JournalRead.ofOrders([orderId], journal.entries), entries: [sent] },
    );
  });
  if ('refusal' in answer) return { cents: 0, refused: answer.refusal };
  // A refund or a dispute that landed while the tranche was asked for takes back what now passes what the builder may hold.
  if (recorded && recorded.refundedCents > 0) await reverseShares(deps, orderId, recorded.refundedCents);
  if (recorded?.dispute && recorded.dispute.state !== 'won' && !recorded.dispute.takeBack) await takeBackForDispute(deps, orderId);
  return { cents: advance.amountCents };
}
