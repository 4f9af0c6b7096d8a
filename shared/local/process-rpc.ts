/**
 * @module process-rpc
 * Calls between the local runtime and a process it runs beside it (the bid subscriber),
 * over Node's IPC channel: each side serves objects by name, and the other calls their
 * asynchronous methods. Calls and results are batched per turn of the event loop, so a
 * herd of bids costs one IPC message a turn rather than one a bid. The channel must use
 * `serialization: 'advanced'`: dates and nested values cross as they are.
 */
import { log } from '../log';
import { portOf, type AsyncPort, type PortMethods } from './whole-ports';

/** A ChildProcess on one side, `process` on the other. */
export interface IpcEndpoint {
  /** With a callback, a channel that closed under us (a child killed with kill -9) is an error passed there, never an unhandled 'error' event. */
  send?(message: unknown, callback?: (error: Error | null) => void): boolean;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

interface Call {
  id: number;
  target: string;
  method: string;
  args: unknown[];
}

/** An error as it crosses: enough to rebuild what callers look at (Discord's code, an HTTP status, Twitch's `statusCode`). */
interface RemoteError {
  name: string;
  message: string;
  code?: unknown;
  status?: unknown;
  statusCode?: unknown;
}

type Result = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: RemoteError };

interface Envelope {
  rpc: 1;
  calls: Call[];
  results: Result[];
}

type Method = (...args: unknown[]) => unknown;

export class ProcessRpc {
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private readonly served = new Map<string, object>();
  private outgoing: Envelope = { rpc: 1, calls: [], results: [] };
  private flushScheduled = false;
  private closedBecause: Error | undefined;

  constructor(private readonly endpoint: IpcEndpoint) {
    endpoint.on('message', (message) => {
      if (isEnvelope(message)) this.receive(message);
    });
  }

  /** Answers the other side's calls to `target` with `impl`'s methods. */
  serve(target: string, impl: object): void {
    this.served.set(target, impl);
  }

  call(target: string, method: string, args: unknown[]): Promise<unknown> {
    if (this.closedBecause) return Promise.reject(this.closedBecause);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.outgoing.calls.push({ id, target, method, args });
      this.scheduleFlush();
    });
  }

  /**
   * A call whose answer nobody waits for: one message instead of two, and no wake-up for
   * the reply. For what cannot fail on the other side once it is sent.
   */
  notify(target: string, method: string, args: unknown[]): void {
    if (this.closedBecause) throw this.closedBecause;
    this.outgoing.calls.push({ id: 0, target, method, args });
    this.scheduleFlush();
  }

  /** The port `T` whose every method is the other side's `target`'s. */
  proxy<T extends AsyncPort<T>>(target: string, methods: PortMethods<T>): T {
    return portOf(
      methods,
      (method) =>
        (...args) =>
          this.call(target, method, args),
    );
  }

  /** The other side is gone: every call waiting and every later one fails with `error`. */
  close(error: Error): void {
    this.closedBecause = error;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }

  private receive(envelope: Envelope): void {
    for (const result of envelope.results) {
      const waiter = this.waiting.get(result.id);
      if (!waiter) continue;
      this.waiting.delete(result.id);
      if (result.ok) waiter.resolve(result.value);
      else waiter.reject(rebuild(result.error));
    }
    for (const call of envelope.calls) void this.answer(call);
  }

  private async answer(call: Call): Promise<void> {
    let result: Result;
    try {
      const impl = this.served.get(call.target) as Record<string, Method> | undefined;
      const method = impl?.[call.method];
      if (typeof method !== 'function') throw new Error(`nothing serves ${call.target}.${call.method}`);
      result = { id: call.id, ok: true, value: await method.apply(impl, call.args) };
    } catch (error) {
      result = { id: call.id, ok: false, error: flatten(error) };
    }
    if (call.id === 0) {
      // A notification: nobody waits for the answer, so a failure can only be told here.
      if (!result.ok) log.error('a notification from another process failed', { target: call.target, method: call.method, error: result.error.message });
      return;
    }
    this.outgoing.results.push(result);
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    setImmediate(() => {
      this.flushScheduled = false;
      const envelope = this.outgoing;
      this.outgoing = { rpc: 1, calls: [], results: [] };
      if (envelope.calls.length + envelope.results.length === 0) return;
      // The channel closed under us (the other side was killed): what this envelope asked for
      // fails now; the exit handler fails the rest.
      const failCalls = (error: unknown) => {
        for (const call of envelope.calls) this.waiting.get(call.id)?.reject(error instanceof Error ? error : new Error(String(error)));
      };
      try {
        this.endpoint.send?.(envelope, (error) => {
          if (error) failCalls(error);
        });
      } catch (error) {
        failCalls(error);
      }
    });
  }
}

function isEnvelope(message: unknown): message is Envelope {
  return typeof message === 'object' && message !== null && (message as Partial<Envelope>).rpc === 1;
}

function flatten(error: unknown): RemoteError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, status, statusCode } = error as Error & { code?: unknown; status?: unknown; statusCode?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(code !== undefined ? { code } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(statusCode !== undefined ? { statusCode } : {}),
  };
}

function rebuild(remote: RemoteError): Error {
  return Object.assign(new Error(remote.message), remote);
}
