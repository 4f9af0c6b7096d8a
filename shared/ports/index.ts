/**
 * @module ports
 * The interfaces the use cases need from the outside world, one file each, and the typed
 * paths every stored document is reached by. Each port has a production adapter (Google
 * Cloud, Discord, Stripe, Twitch, Upstash) and a local one; both pass the same contract.
 */
export * from './typed-paths';
export * from './document-store';
export * from './event-bus';
export * from './task-queue';
export * from './discord';
export * from './clock';
export * from './payments';
export * from './twitch';
export * from './auction-book';
export * from './shop-connections';
export * from './discord-oauth';
