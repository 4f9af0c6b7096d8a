/**
 * @module whole-ports
 * The ports the local runtime carries across its processes or wraps in faults, each with
 * every one of its methods named once, in an object whose type asks for all of them: a
 * port that gains a method fails to compile here until the method is named, rather than
 * being `undefined` in another process or under faults. Built from that object, a proxy
 * or a wrapper is the whole port.
 *
 * @example
 * const payments = rpc.proxy<Payments>('payments', paymentsMethods);
 * const faulty = wrapEveryMethod(payments, paymentsMethods, (name, call) => async (...args) => call(...args));
 */
import type { DiscordMessenger, Payments, TaskQueue, TwitchChat, TwitchGateway } from '../ports';

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

/** `inner`, each of whose methods is called through `around(name, call)`. */
export function wrapEveryMethod<P extends AsyncPort<P>>(inner: P, methods: PortMethods<P>, around: (name: keyof P & string, call: PortCall) => PortCall): P {
  return portOf(methods, (name) => around(name, (...args) => inner[name](...args)));
}

export const paymentsMethods: PortMethods<Payments> = {
  createConnectedAccount: true,
  createOnboardingLink: true,
  createLoginLink: true,
  accountStatus: true,
  createCheckoutSession: true,
  expireCheckoutSession: true,
  chargeOfPayment: true,
  createTransfer: true,
  reverseTransfer: true,
  refund: true,
  updateDispute: true,
};

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

export const twitchChatMethods: PortMethods<TwitchChat> = { send: true };
