/**
 * @module outbound-calls
 * Every call a function makes out of itself is a span of its trace (see trace-context): to
 * Discord, Stripe and Twitch, to Redis (the auction book, the chat outbox), to Firestore, each
 * Pub/Sub publish and each Cloud Task made. A publish's or a task's span is the parent of the
 * subscriber's or the task run's span: the `traceparent` it carries is taken inside it.
 *
 * A call to Discord, Stripe or Twitch is also one line, written in the caller's span: which
 * call, how long it took, and whether it was refused (Discord's code, Stripe's status), so an
 * operator sees when one starts refusing. Redis, Firestore, publishes and tasks write no line:
 * a bid makes several, and a line costs more than its span. Never the arguments: they hold
 * what people typed and where they live; only a topic's or a queue's name is kept.
 *
 * @example
 * const discord = loggedCalls('discord', fittedMessenger(platform.discord()));
 * const book = tracedCalls('redis', platform.auctionBook());
 */
import { log } from './log';
import { lazy, type Platform } from './platform';
import { inChildSpan, type SpanAttributes, type SpanKindName } from './trace-context';

type AnyMethod = (...args: unknown[]) => unknown;

/** The systems whose calls are lines as well as spans. */
export type LoggedSystem = 'discord' | 'stripe' | 'twitch' | 'carrier';
/** The systems whose calls are spans only. */
export type TracedSystem = 'redis' | 'firestore' | 'pubsub' | 'cloud-tasks';

/** What a span of the call records beside its name: the system, and a publish's topic or a task's queue. */
function attributesOf(system: LoggedSystem | TracedSystem, call: string, args: unknown[]): SpanAttributes {
  const attributes: SpanAttributes = { 'c500.system': system, 'c500.call': call };
  const [first] = args;
  if (system === 'pubsub' && typeof first === 'string') attributes['messaging.destination.name'] = first;
  if (system === 'cloud-tasks') {
    const queue = typeof first === 'string' ? first : (first as { queue?: unknown } | undefined)?.queue;
    if (typeof queue === 'string') attributes['c500.queue'] = queue;
  }
  return attributes;
}

/** A publish or a task made is a producer's span; anything else a client's. */
const kindOf = (system: LoggedSystem | TracedSystem): SpanKindName => (system === 'pubsub' || system === 'cloud-tasks' ? 'producer' : 'client');

function outcomeLine(system: LoggedSystem, call: string, startedMs: number, error?: unknown): void {
  if (error === undefined) {
    log.info('outbound call', { system, call, ms: Date.now() - startedMs, outcome: 'ok' });
    return;
  }
  const { code, status, statusCode } = (error ?? {}) as { code?: unknown; status?: unknown; statusCode?: unknown };
  log.info('outbound call', { system, call, ms: Date.now() - startedMs, outcome: 'refused', code, status: status ?? statusCode });
}

/** `method` of `target` run in a span of its own; a call that answers a promise is one until it settles. */
function spanned(system: LoggedSystem | TracedSystem, call: string, target: object, method: AnyMethod, logged: boolean): AnyMethod {
  return (...args) => {
    const startedMs = Date.now();
    const answer = inChildSpan(`${system} ${call}`, kindOf(system), attributesOf(system, call, args), () => method.apply(target, args));
    if (!logged) return answer;
    if (!(answer instanceof Promise)) {
      outcomeLine(system as LoggedSystem, call, startedMs);
      return answer;
    }
    // Awaited here, outside the call's span: the line is the caller's, as it was before spans.
    return answer.then(
      (value: unknown) => {
        outcomeLine(system as LoggedSystem, call, startedMs);
        return value;
      },
      (error: unknown) => {
        outcomeLine(system as LoggedSystem, call, startedMs, error ?? 'refused');
        throw error;
      },
    );
  };
}

function wrapped<T extends object>(system: LoggedSystem | TracedSystem, port: T, logged: boolean): T {
  const methods = new Map<PropertyKey, AnyMethod>();
  return new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      let method = methods.get(key);
      if (!method) methods.set(key, (method = spanned(system, key, target, value as AnyMethod, logged)));
      return method;
    },
  });
}

/** `port` with each method call a span, and a line `outbound call` with `system`, `call`, `ms` and `outcome`. */
export function loggedCalls<T extends object>(system: LoggedSystem, port: T): T {
  return wrapped(system, port, true);
}

/** `port` with each method call a span of the current trace, and no line. */
export function tracedCalls<T extends object>(system: TracedSystem, port: T): T {
  return wrapped(system, port, false);
}

/** The platform's getters whose every call is a span (functions/catalog makes Discord's: it is fitted to Discord's limits first). */
export function tracedPlatform(platform: Platform): Omit<Platform, 'config' | 'clock' | 'discord'> {
  return {
    discordOAuth: lazy(() => loggedCalls('discord', platform.discordOAuth())),
    // The shop ingresses' one light read of their secrets (Firestore's REST API, cached for seconds).
    shopConnections: lazy(() => tracedCalls('firestore', platform.shopConnections())),
    payments: lazy(() => loggedCalls('stripe', platform.payments())),
    carrier: lazy(() => loggedCalls('carrier', platform.carrier())),
    twitch: lazy(() => loggedCalls('twitch', platform.twitch())),
    twitchChat: lazy(() => loggedCalls('twitch', platform.twitchChat())),
    auctionBook: lazy(() => tracedCalls('redis', platform.auctionBook())),
    chatOutbox: lazy(() => tracedCalls('redis', platform.chatOutbox())),
    store: lazy(() => tracedCalls('firestore', platform.store())),
    shopSecrets: lazy(() => tracedCalls('firestore', platform.shopSecrets())),
    publisher: lazy(() => tracedCalls('pubsub', platform.publisher())),
    tasks: lazy(() => tracedCalls('cloud-tasks', platform.tasks())),
  };
}
