/**
 * @module demo-run
 * What one run of `npm run demo` plays in, so the demo works every time against the same
 * runtime and its `.data`. Each run gets a server (guild) and channels of its own, and new
 * bidders and shop sale ids, all made from the moment it started: what an earlier run left
 * behind (its setup, a show or a race still running when it was stopped halfway, racers'
 * wallets, a bidder's strikes, sales the shops already delivered) never meets this one. The
 * builders, admins and the buyer are the same people every run; the demo takes them as it
 * finds them (`demoOnboarding`).
 */
import { snowflakeAt } from '../shared/common';

export interface DemoRun {
  guildId: string;
  channels: { general: string; marketplace: string; stage: string };
  dropRole: string;
  /** New each run: a bidder who let a win lapse carries a strike into every later auction, and enough strikes ban. */
  bidders: { dee: string; eve: string; fay: string; viewers: string[] };
  /** A shop's sale is credited once ever by its own id: each run sells under new ones. */
  sales: { kofiTransaction: string; kofiMessage: string; shopifyOrder: string; shopifyWebhooks: [string, string] };
}

/** Sequences far above the demo's interaction counters, so a run's ids never equal an interaction's. */
const firstSequence = 3_000_000;
export const demoViewers = 30;

export function demoRun(startedAtMs: number): DemoRun {
  let next = firstSequence;
  const id = () => snowflakeAt(startedAtMs, next++);
  const stamp = String(startedAtMs);
  return {
    guildId: id(),
    channels: { general: id(), marketplace: id(), stage: id() },
    dropRole: id(),
    bidders: { dee: id(), eve: id(), fay: id(), viewers: Array.from({ length: demoViewers }, id) },
    sales: {
      kofiTransaction: `demo-kofi-${stamp}`,
      kofiMessage: `demo-kofi-message-${stamp}`,
      // Shopify's order ids are numbers.
      shopifyOrder: String(startedAtMs % 1_000_000_000_000),
      shopifyWebhooks: [`demo-wh-${stamp}-1`, `demo-wh-${stamp}-2`],
    },
  };
}

/** Every id a run plays with, for checking that two runs share none. */
export function idsOf(run: DemoRun): string[] {
  return [
    run.guildId,
    ...Object.values(run.channels),
    run.dropRole,
    run.bidders.dee,
    run.bidders.eve,
    run.bidders.fay,
    ...run.bidders.viewers,
    ...Object.values(run.sales).flat(),
  ];
}

/**
 * What `/c500 onboard` answered a builder: the onboarding link to open, or, for a builder
 * onboarded in an earlier run, nothing to open (Stripe's link would only be asked for again).
 */
export function demoOnboarding(answerLink: string): { open: string } | { alreadyOnboarded: true } {
  return answerLink ? { open: answerLink } : { alreadyOnboarded: true };
}
