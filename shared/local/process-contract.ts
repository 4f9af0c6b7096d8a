/**
 * @module process-contract
 * What the runtime and a process it runs functions in agree on: how a function is hosted,
 * what the process is told at its start, and the header that carries a test's clock.
 */
import type { LatencyProfile } from './latency/latency-profile';
import type { Config } from '../config';
import type { HostedFunction, Platform } from '../platform';
import type { FunctionEntry } from '../registry';
import type { BookEndpoint } from './auction-book-connection';
import type { FaultPlan } from './faults/fault-plan';

export type HostFunction = (entry: FunctionEntry, platform: Platform) => HostedFunction;

/** Tells a process running on a test's clock what time it is, with each request handed to it. */
export const localClockHeader = 'x-c500-local-clock-ms';

/** What the runtime tells a process it starts. */
export interface ProcessInit {
  role: string;
  functions: string[];
  config: Config;
  book: BookEndpoint;
  /** The runtime runs on a clock of its own (a test's): read it from each delivery and request. */
  reportsClock: boolean;
  /** On the system's time: how far the local clock has been moved ahead of it (`POST /_local/clock`), until told again. */
  clockOffsetMs?: number;
  /** How HTTP functions are reached: the public socket handed over (the front), or a port of their own. */
  http: 'front' | 'own-port' | 'none';
  /** For the front: where requests for routes it does not serve go. */
  backendUrl?: string;
  /**
   * For the front: routes it hands straight to the process that serves them (by role), not
   * through the runtime, as Twitch's deliveries reach their own function in production. Only
   * with the system clock: a test's clock travels with the runtime's forwarding.
   */
  directRoutes?: Array<{ route: string; role: string }>;
  /**
   * For a process the front hands connections to: the public address, where a request on
   * such a connection for a route this process does not serve is sent on.
   */
  frontUrl?: string;
  /**
   * Publishes as a notification, answering its caller without waiting for the bus's word:
   * for the ingresses a herd waits on (Discord's, Twitch's), whose answer time is the bar.
   */
  publishesWithoutWaiting?: boolean;
  /** The local Stripe served over HTTP: functions pay through the production adapter, stripe-node, against it. */
  stripeApi: { host: string; port: number; protocol: 'http' };
  /** The carrier's stand-in served over HTTP (its `/v2/` base): functions reach it with `@easypost/api`, the production client. */
  carrierApiUrl: string;
  /** Discord's REST stand-in, when functions are to use the production client against it. */
  discordApiUrl?: string;
  /**
   * Under the production clients: the Firestore emulator (or the fault proxy before it) this
   * process opens the production adapter on, instead of reaching the runtime's store.
   */
  firestoreHost?: string;
  /**
   * Under the production clients: the Pub/Sub emulator this process's functions publish to
   * with the production publishers, telling the runtime each message id (emulator-publisher).
   */
  pubsubEmulatorHost?: string;
  /** Faults this process injects at its own transports (its Redis connection). */
  faults?: FaultPlan;
  /** How long this process's calls to outside services wait, as production's network has them (`C500_LATENCY`). */
  latency?: LatencyProfile;
  /** How many of this role's processes died before this one: its faults draw from a stream of their own. */
  incarnation?: number;
}

/**
 * What crosses beside a socket the front hands on whole (see connection-handoff): to the
 * runtime, then beside it again to the process serving `handOver`, the role.
 */
export interface HandedConnection {
  handOver: string;
  /** The bytes the front read: the first request's line, at least. */
  head: Uint8Array;
}

export const isHandedConnection = (message: unknown): message is HandedConnection =>
  typeof (message as HandedConnection | null)?.handOver === 'string' && (message as HandedConnection).head instanceof Uint8Array;
