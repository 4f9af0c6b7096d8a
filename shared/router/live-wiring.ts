/**
 * @module live-wiring
 * What `/c500 live`, the proof's VOD search and a group buy's milestone reaching its orders
 * are handed: the store, Discord, Twitch and the tasks; the live commands and the group buy's
 * batches also release money through payments.
 */
import type { Platform } from '../platform';
import type { FanOutDeps, findProofVod } from '../live';
import type { CommandDepsOn } from './command-jobs';

/** The `live-commands` subscriber's deps. */
export function liveCommandDeps(platform: Platform): CommandDepsOn<'live-commands'> {
  return {
    store: platform.store(),
    discord: platform.discord(),
    payments: platform.payments(),
    twitch: platform.twitch(),
    tasks: platform.tasks(),
    clock: platform.clock,
  };
}

/** A proof whose clip failed, looking for the stream's VOD. */
export function proofVodDeps(platform: Platform): Parameters<typeof findProofVod>[0] {
  return { store: platform.store(), discord: platform.discord(), twitch: platform.twitch(), tasks: platform.tasks(), clock: platform.clock };
}

/** A batch of a group buy's milestone reaching its orders: each order's tranche goes out through payments. */
export function milestoneFanOutDeps(platform: Platform): FanOutDeps {
  return { store: platform.store(), discord: platform.discord(), payments: platform.payments(), tasks: platform.tasks(), clock: platform.clock };
}
