/**
 * @module giveaway-wiring
 * What a giveaway's task and its public pages are handed: the store, Discord, the task queue
 * and the clock, nothing of another module. (Its commands run on `discord-commands`, its
 * `!enter` beside the chat bids: twitch- and chat-wiring.)
 */
import type { Platform } from '../platform';
import { required } from '../config';
import { readSealKeys } from '../common';
import type { publicGiveawayView, runGiveawayTask } from '../giveaways';
import type { RandomnessBeacon } from '../ports';
import { createDrandBeacon } from '../adapters/drand/drand-beacon';

/** drand through its own client: quicknet in the cloud (pinned), the runtime's stand-in locally. */
export function randomnessBeacon(platform: Platform): RandomnessBeacon {
  return createDrandBeacon({ ...platform.config.beacon, now: () => platform.clock.now().getTime() });
}

/** The draw at the end and each round's deadline. */
export function giveawayDrawDeps(platform: Platform): Parameters<typeof runGiveawayTask>[0] {
  return {
    store: platform.store(),
    discord: platform.discord(),
    clock: platform.clock,
    tasks: platform.tasks(),
    outbox: platform.chatOutbox(),
    publicBaseUrl: platform.config.publicBaseUrl,
    // The seed is sealed until the draw opens it.
    sealKeys: readSealKeys(required(platform.config, 'TOKEN_SEAL_KEYS')),
    beacon: randomnessBeacon(platform),
  };
}

/** A giveaway's rules, entries and overlay feed. */
export function giveawayPageDeps(platform: Platform): Parameters<typeof publicGiveawayView>[0] {
  return { store: platform.store(), clock: platform.clock };
}
