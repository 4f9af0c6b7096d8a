/**
 * Whether a run exercised what comes after a sale: the orders that reached `paid`, were proved
 * live, and had their builder's money released, read from the store at the end. A run whose
 * proofs never came (the builders' DMs late on a loaded machine) leaves the release checks
 * nothing to count: that run is weak, and it says so instead of passing silently.
 */
import type { Order } from '../../shared/orders';
import { verdict, type NamedCheck } from './check';
import { collection, type SoakWorld } from './world';

/** What a run must have lasted before a run that proved nothing is a broken one (a shorter one may not reach a proof). */
export const exercisedAfterMs = 60_000;

/** The world as this check reads it: how long the traffic ran, when the soak knows it. */
export type ReleaseWorld = Pick<SoakWorld, 'docs'> & { trafficMs?: number; stripeWorld?: boolean };

export interface ReleaseCounts {
  /** Drop and auction orders that reached `paid` (Stripe's payment recorded), whatever became of them after. */
  sold: number;
  /** Of any order: proved live, whole or a commission's milestone. */
  proved: number;
  /** Of any order: some of the builder's money sent at Stripe (the whole share, or a tranche). */
  released: number;
}

/** Sold, proved and released orders, from the store's orders at the end. */
export function releaseCounts(world: Pick<SoakWorld, 'docs'>): ReleaseCounts {
  const orders = collection<Order>(world, 'orders').map((d) => d.data);
  return {
    sold: orders.filter((o) => (o.source === 'drop' || o.source === 'auction') && o.paidAt !== undefined).length,
    proved: orders.filter((o) => Boolean(o.proof) || (o.commission?.proofs ?? []).length > 0).length,
    released: orders.filter((o) => o.payouts.builder.transferId !== undefined || (o.commission?.advances ?? []).some((a) => a.transferId !== undefined)).length,
  };
}

/** A run of a minute or more that sold orders proved at least one of them. */
const runExercisedReleases = (world: ReleaseWorld): ReturnType<typeof verdict> => {
  if (world.trafficMs === undefined || world.trafficMs < exercisedAfterMs) return verdict(0, []);
  const { sold, proved, released } = releaseCounts(world);
  return verdict(
    sold,
    sold > 0 && proved === 0
      ? [`${sold} orders sold in ${Math.round(world.trafficMs / 1000)} s of traffic, none proved live (${released} released): the proofs never came`]
      : [],
  );
};

/** A payout as the local Stripe keeps it: `account` names the connected account it left, none the platform's own. */
interface StoredPayout {
  stripe: { status: string };
  account?: string;
}

/**
 * A run of a minute or more with Stripe's wider world had a builder's payout sent back by their
 * bank and the platform paid out, read from the local Stripe's payouts: the books must close
 * over both, and a run where neither happened (every account empty when it was tried) proves
 * nothing of them.
 */
const runExercisedPayouts = (world: ReleaseWorld): ReturnType<typeof verdict> => {
  if (!world.stripeWorld || world.trafficMs === undefined || world.trafficMs < exercisedAfterMs) return verdict(0, []);
  const payouts = collection<StoredPayout>(world, '_localStripePayouts').map((d) => d.data);
  const builderFailed = payouts.filter((p) => p.account !== undefined && p.stripe.status === 'failed').length;
  const platform = payouts.filter((p) => p.account === undefined).length;
  return verdict(payouts.length, [
    ...(builderFailed === 0 ? [`no builder’s payout was sent back by their bank (${payouts.length} payouts in all)`] : []),
    ...(platform === 0 ? ['the platform was never paid out'] : []),
  ]);
};

export const releaseChecks: NamedCheck[] = [
  { name: 'the run exercised releases', group: 'state', check: runExercisedReleases },
  { name: 'the run exercised payouts: a builder’s sent back, the platform’s', group: 'money', check: runExercisedPayouts },
];
