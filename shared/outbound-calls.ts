/**
 * @module outbound-calls
 * One line per call a function makes to Discord or Stripe, written in the function's trace:
 * which call, how long it took, and whether it was refused (Discord's code, Stripe's status).
 * With it, one trace shows the embed's edit or the transfer that an interaction or a payment
 * caused, and an operator sees when Stripe starts refusing. Never the arguments: they hold
 * what people typed and where they live.
 *
 * @example
 * const discord = loggedCalls('discord', fittedMessenger(platform.discord()));
 */
import { log } from './log';

type AsyncMethod = (...args: unknown[]) => Promise<unknown>;

/** `port` with each method call logged as `outbound call` with `system`, `call`, `ms` and `outcome`. */
export function loggedCalls<T extends object>(system: 'discord' | 'stripe', port: T): T {
  const wrapped = new Map<PropertyKey, AsyncMethod>();
  return new Proxy(port, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || typeof key !== 'string') return value;
      let method = wrapped.get(key);
      if (!method) {
        method = async (...args) => {
          const startedMs = Date.now();
          try {
            const answer = await (value as AsyncMethod).apply(target, args);
            log.info('outbound call', { system, call: key, ms: Date.now() - startedMs, outcome: 'ok' });
            return answer;
          } catch (error) {
            const { code, status, statusCode } = (error ?? {}) as { code?: unknown; status?: unknown; statusCode?: unknown };
            log.info('outbound call', { system, call: key, ms: Date.now() - startedMs, outcome: 'refused', code, status: status ?? statusCode });
            throw error;
          }
        };
        wrapped.set(key, method);
      }
      return method;
    },
  });
}
