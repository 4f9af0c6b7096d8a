/**
 * @module whole-ports
 * The ports the local runtime carries across its processes, each with every one of its
 * methods named once, in an object whose type asks for all of them: a port that gains a
 * method fails to compile here until the method is named, rather than being `undefined`
 * in another process. Built from that object, a proxy is the whole port. Payments is not
 * among them: functions reach the local Stripe over HTTP with the production adapter.
 *
 * @example
 * const discord = rpc.proxy<DiscordMessenger>('discord', discordMessengerMethods);
 */
import type { DiscordMessenger, TaskQueue, TwitchChat, TwitchGateway } from '../ports';

/**
 * One method as the wrappers see it: arguments and answer passed on, never looked into.
 * Declared as a method, whose parameters TypeScript compares both ways, so that every
 * port's method (`refund(request: RefundRequest)`) is one.
 */
export type PortCall = { method(...args: unknown[]): Promise<unknown> }['method'];

/** A port whose methods all answer with a promise, as every port that crosses a process does. */
export type AsyncPort<P> = { [K in keyof P]: PortCall };

/** Every method of `P`, each named: leaving one out, or naming one `P` lacks, is a compile error. */
export type PortMethods<P> = Record<keyof P, true>;

/** A port whose every method is `method(name)`. */
export function portOf<P extends AsyncPort<P>>(methods: PortMethods<P>, method: (name: keyof P & string) => PortCall): P {
  const names = Object.keys(methods) as Array<keyof P & string>;
  // `methods` names every key of P (its type says so): the port is whole.
  return Object.fromEntries(names.map((name) => [name, method(name)])) as P;
}

export const discordMessengerMethods: PortMethods<DiscordMessenger> = {
  sendDm: true,
  postToChannel: true,
  editChannelMessage: true,
  editOriginalResponse: true,
  sendFollowup: true,
};

export const taskQueueMethods: PortMethods<TaskQueue> = { schedule: true, cancel: true };

export const twitchMethods: PortMethods<TwitchGateway> = {
  userFromAuthorizationCode: true,
  subscribeToStreamEvents: true,
  currentStream: true,
  subscribeToChatMessages: true,
  subscribeToAuthorizationRevocations: true,
  unsubscribe: true,
  listSubscriptions: true,
  createClip: true,
  clipById: true,
  archivesOf: true,
};

export const twitchChatMethods: PortMethods<TwitchChat> = { send: true, deleteMessage: true };
