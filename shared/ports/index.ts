/**
 * @module ports
 * The interfaces the use cases need from the outside world, one file each, and the typed
 * paths every stored document is reached by. Each port has a production adapter (Google
 * Cloud, Discord, Stripe, Twitch, Upstash) and a local one; both pass the same contract.
 */
export * from './typed-paths';
export * from './document-store';
export type * from './event-bus';
export type * from './task-queue';
export type * from './discord';
export * from './clock';
export type * from './payments';
export type * from './saved-cards';
export * from './twitch';
export * from './twitch-chat';
export * from './auction-book';
export * from './shop-connections';
export * from './chat-outbox';
export * from './discord-oauth';
export * from './randomness-beacon';
export * from './carrier';
