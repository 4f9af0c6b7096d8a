/**
 * @module race-deps
 * What the race use cases are given: the ports and the deployment's defaults, one options object.
 */
import type { Clock, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';

export interface RaceDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  tasks: TaskQueue;
  clock: Clock;
  /** The deployment's currency: a guild's until an admin sets its own. */
  currency: string;
  /** For the overlay link a host puts in OBS. */
  publicBaseUrl: string;
}

/** Recording a sale or a refund needs no overlay link. */
export type RecordSaleDeps = Omit<RaceDeps, 'publicBaseUrl'>;

/** The race commands also connect shops: their webhook secrets live in a database of their own. */
export interface RaceCommandDeps extends RaceDeps {
  shopSecrets: DocumentStore;
}
