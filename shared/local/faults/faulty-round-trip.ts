/**
 * @module faulty-round-trip
 * Redis (Upstash) as a network fails it: a round trip that times out, half the time before
 * Redis saw the command and half the time after it ran it, with only the answer lost. It
 * sits beneath the connection's retries, where a real timeout happens, and takes as long
 * as a real one would.
 */
import type { RoundTrip } from '../upstash/resp-connection';
import { bookTimeoutMs } from '../../adapters/upstash/upstash-connection';
import type { FaultInjector } from './fault-injector';

export function faultyRoundTrip(faults: FaultInjector): (inner: RoundTrip) => RoundTrip {
  return (inner) => async (req) => {
    if (!faults.roll('upstash.timeout')) return inner(req);
    const ranFirst = faults.between('upstash.timeout', 0, 1) === 1;
    const ran = ranFirst ? inner(req).catch(() => undefined) : Promise.resolve();
    await Promise.all([ran, new Promise((resolve) => setTimeout(resolve, bookTimeoutMs))]);
    throw new DOMException(`the auction book did not answer within ${bookTimeoutMs} ms (injected${ranFirst ? ', after Redis ran it' : ''})`, 'TimeoutError');
  };
}
