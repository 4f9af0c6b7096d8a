/**
 * The local runtime carries ports across its processes. Each is built from one object
 * naming every method of the port, so a method the port gains is a compile error until it
 * is named, never `undefined` in another process.
 */
import { EventEmitter } from 'node:events';
import { ProcessRpc, type IpcEndpoint } from '../../../shared/local/process-rpc';
import {
  discordMessengerMethods,
  portOf,
  taskQueueMethods,
  twitchChatMethods,
  twitchMethods,
  type AsyncPort,
  type PortMethods,
} from '../../../shared/local/whole-ports';
import type { DiscordMessenger, TaskQueue, TwitchChat, TwitchGateway } from '../../../shared/ports';

/** A port whose every method records its name, its arguments and the object it was called on. */
function recordingPort<P extends AsyncPort<P>>(methods: PortMethods<P>) {
  const calls: Array<{ name: string; args: unknown[]; on: unknown }> = [];
  const port: P = portOf(
    methods,
    (name) =>
      async function (this: unknown, ...args: unknown[]) {
        calls.push({ name, args, on: this });
        return `${name} answered`;
      },
  );
  return { port, calls };
}

/** Two ends of an IPC channel in one process, each message cloned as the advanced serialization would. */
function channel(): [IpcEndpoint, IpcEndpoint] {
  const [a, b] = [new EventEmitter(), new EventEmitter()];
  const end = (own: EventEmitter, other: EventEmitter): IpcEndpoint => ({
    send: (message, callback) => {
      setImmediate(() => other.emit('message', structuredClone(message)));
      callback?.(null);
      return true;
    },
    on: (event, listener) => own.on(event, listener),
  });
  return [end(a, b), end(b, a)];
}

/** Calls each method `methods` names on `port`, with `args(name)`, one after the other; their answers (or refusals) in that order. */
async function callEach<P extends AsyncPort<P>>(port: P, methods: PortMethods<P>, args: (name: string) => unknown[]): Promise<unknown[]> {
  const answers: unknown[] = [];
  for (const name of Object.keys(methods) as Array<keyof P & string>) answers.push(await port[name](...args(name)).catch((error: unknown) => error));
  return answers;
}

/** A port served on one side of a channel and called through its proxy on the other: every call lands. */
async function carriesEveryMethod<P extends AsyncPort<P>>(target: string, methods: PortMethods<P>): Promise<void> {
  const [runtimeSide, functionSide] = channel();
  const served = recordingPort(methods);
  new ProcessRpc(runtimeSide).serve(target, served.port);
  const names = Object.keys(methods);
  expect(await callEach(new ProcessRpc(functionSide).proxy<P>(target, methods), methods, (name) => [name, 1])).toEqual(names.map((name) => `${name} answered`));
  expect(served.calls.map(({ name, args }) => ({ name, args }))).toEqual(names.map((name) => ({ name, args: [name, 1] })));
}

const carried: Array<[string, () => Promise<void>]> = [
  ['discord', () => carriesEveryMethod<DiscordMessenger>('discord', discordMessengerMethods)],
  ['tasks', () => carriesEveryMethod<TaskQueue>('tasks', taskQueueMethods)],
  ['twitch', () => carriesEveryMethod<TwitchGateway>('twitch', twitchMethods)],
  ['twitchChat', () => carriesEveryMethod<TwitchChat>('twitchChat', twitchChatMethods)],
];

describe('ports wrapped whole', () => {
  it.each(carried)('carries every method of %s to the process that serves it, with its arguments and its answer', (_target, carry) => carry());

  it('refuses to compile a port whose methods are not all named, the very port that would lack one at run time', () => {
    const { sendDm, ...withoutSendDm } = discordMessengerMethods;
    expect(sendDm).toBe(true);
    // @ts-expect-error -- `sendDm` is not named: a DiscordMessenger without it does not compile.
    const proxied: DiscordMessenger = new ProcessRpc(channel()[0]).proxy<DiscordMessenger>('discord', withoutSendDm);
    expect(proxied.sendDm).toBeUndefined();
    // @ts-expect-error -- nor does a name the port lacks.
    const misnamed: PortMethods<DiscordMessenger> = { ...discordMessengerMethods, sendDmToAll: true };
    expect(Object.keys(misnamed)).toContain('sendDmToAll');
  });
});
