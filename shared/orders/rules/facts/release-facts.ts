/**
 * @module release-facts
 * Proof of work and the money it releases: the order proved live, its proof's clip or VOD
 * found, each party's release fixed before Stripe is asked, then made or refused; a
 * commission's milestones and the tranches they send.
 */
import type { Update } from '../../../ports';
import type { Order, Party, ProofOfWork, ReleaseIntent } from '../order';
import type { Advance, MilestoneProof, OrderCommission } from '../order-commission';
import { paidFor, type FactHandler } from './fact-handler';

export interface ReleaseFacts {
  proved: { proof: ProofOfWork };
  /** The proof's clip or VOD was found (or given up on): the proof as it now stands. */
  'proof-found': { proof: ProofOfWork };
  'release-fixed': { party: Party; intent: ReleaseIntent };
  /** The party's release went out: a transfer, or (a host's cut) owed by hand or none left. */
  released: { party: Party; at: string; coveredCents: number; transferId?: string; via?: 'transfer' | 'manual' | 'none' };
  /** Stripe refused the builder's release: with `refusal`, the order goes back to paid to be proved again; without, it waits for a reconnection. */
  'release-refused': { refusal?: string };
  'milestone-proved': { proof: MilestoneProof };
  /** A milestone's proof gained its clip or VOD. */
  'milestone-proof-found': { proof: MilestoneProof };
  'advance-fixed': { advance: Advance };
  /** Stripe answered a tranche: its transfer, or its refusal. */
  'advance-sent': { idempotencyKey: string; answer: Pick<Advance, 'transferId' | 'releasedAt'> | Pick<Advance, 'refusal'> };
}

type Handlers = { [K in keyof ReleaseFacts]: FactHandler<{ kind: K } & ReleaseFacts[K]> };

const noCommission = (order: Order) => (order.commission ? undefined : 'it is no commission');
const withCommission = (order: Order, change: (c: OrderCommission) => OrderCommission): Update<Order> => ({
  commission: change(order.commission ?? ({} as OrderCommission)),
});

export const releaseHandlers: Handlers = {
  proved: {
    from: ['paid'],
    owns: ['status', 'proof', 'proofUrl', 'commission'],
    apply: (order, { proof }) => ({
      status: 'building',
      proof,
      proofUrl: proof.url,
      // A commission from a queue is done: it leaves its builder's line.
      ...(order.commission ? { commission: { ...order.commission, milestone: 'done' as const, ended: 'done' as const, endedAt: proof.provedAt } } : {}),
    }),
  },
  'proof-found': {
    owns: ['proof', 'proofUrl'],
    refuses: (order, { proof }) => (order.proof?.provedAt === proof.provedAt ? undefined : 'it holds no such proof'),
    apply: (_, { proof }) => ({ proof, proofUrl: proof.url }),
  },
  'release-fixed': {
    from: paidFor,
    owns: ['payouts.builder', 'payouts.host', 'dispute'],
    refuses: (order, { party }) => (order.payouts[party]?.transferId ? `the ${party}'s release went out already` : undefined),
    apply: (order, { party, intent }) => {
      // The builder's amount already leaves a lost dispute's part out: nothing is to be taken back after it.
      const withheld =
        party === 'builder' && order.dispute?.state === 'lost' && !order.dispute.takeBack
          ? { dispute: { ...order.dispute, takeBack: { builderCents: 0, hostCents: 0 } } }
          : {};
      return { [`payouts.${party}.releasing`]: intent, ...withheld };
    },
  },
  released: {
    from: paidFor,
    owns: ['payouts.builder', 'payouts.host'],
    refuses: (order, { party }) => (order.payouts[party]?.transferId ? `the ${party}'s release went out already` : undefined),
    apply: (_, { party, at, coveredCents, transferId, via }) => ({
      ...(via !== undefined ? { [`payouts.${party}.via`]: via } : {}),
      [`payouts.${party}.releasedAt`]: at,
      [`payouts.${party}.refundCoveredCents`]: coveredCents,
      [`payouts.${party}.releasing`]: null,
      ...(transferId !== undefined ? { [`payouts.${party}.transferId`]: transferId } : {}),
    }),
  },
  'release-refused': {
    from: ['building'],
    owns: ['status', 'proof', 'proofUrl', 'releaseAttempts', 'lastReleaseRefusal', 'payouts.builder'],
    refuses: (order) => (order.payouts.builder.transferId ? 'its release went out already' : undefined),
    apply: (order, { refusal }) => ({
      ...(refusal !== undefined ? { status: 'paid', proof: null, proofUrl: null, lastReleaseRefusal: refusal.slice(0, 500) } : {}),
      releaseAttempts: (order.releaseAttempts ?? 0) + 1,
      'payouts.builder.releasing': null,
    }),
  },
  'milestone-proved': {
    // A commission's milestones come before its last proof: once building, its proof released the rest.
    from: ['paid'],
    owns: ['commission'],
    refuses: noCommission,
    apply: (order, { proof }) => withCommission(order, (c) => ({ ...c, milestone: proof.milestone, proofs: [...(c.proofs ?? []), proof] })),
  },
  'milestone-proof-found': {
    owns: ['commission'],
    refuses: (order, { proof }) =>
      order.commission?.proofs?.some((p) => p.milestone === proof.milestone && p.byInteraction === proof.byInteraction)
        ? undefined
        : 'it holds no such milestone proof',
    apply: (order, { proof }) =>
      withCommission(order, (c) => ({
        ...c,
        proofs: (c.proofs ?? []).map((p) => (p.milestone === proof.milestone && p.byInteraction === proof.byInteraction && p.kind === 'channel' ? proof : p)),
      })),
  },
  'advance-fixed': {
    from: paidFor,
    owns: ['commission'],
    refuses: noCommission,
    apply: (order, { advance }) => withCommission(order, (c) => ({ ...c, advances: [...(c.advances ?? []), advance] })),
  },
  'advance-sent': {
    owns: ['commission'],
    refuses: (order, { idempotencyKey }) =>
      order.commission?.advances?.some((a) => a.idempotencyKey === idempotencyKey) ? undefined : `tranche ${idempotencyKey} was never fixed`,
    apply: (order, { idempotencyKey, answer }) =>
      withCommission(order, (c) => ({
        ...c,
        advances: (c.advances ?? []).map((a) => (a.idempotencyKey === idempotencyKey && !a.transferId && !a.refusal ? { ...a, ...answer } : a)),
      })),
  },
};
