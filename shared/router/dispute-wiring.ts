/**
 * @module dispute-wiring
 * What a dispute's evidence task is handed: the store, Discord, Stripe and the clock.
 */
import type { Platform } from '../platform';
import type { submitEvidence } from '../disputes';

/** A dispute's evidence, submitted to the bank before it is due. */
export function evidenceDeps(platform: Platform): Parameters<typeof submitEvidence>[0] {
  return { store: platform.store(), discord: platform.discord(), payments: platform.payments(), clock: platform.clock };
}
