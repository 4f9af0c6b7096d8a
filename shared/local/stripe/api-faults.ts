/**
 * @module stripe/api-faults
 * How the served local Stripe fails under the fault plan, at the HTTP edge where stripe-node
 * (and its retries) see it. `stripe.500` answers 500 before anything is done;
 * `stripe.timeout-after-success` does the work and drops the connection unanswered. Half
 * the faults are one request's: stripe-node's retry (same Idempotency-Key) gets through, or
 * gets Stripe's replayed answer. The other half last a spell longer than stripe-node's
 * retries (two, at most 1.5 s apart): every attempt of that request (same key, or for a
 * request without one the same method and path) fails the same way meanwhile, so the use
 * case sees the error and its own retry (the redelivered event or task) must replay the
 * same key, as the port-level faults made it before Stripe was reached over HTTP.
 */
import type { FaultKind } from '../faults/fault-plan';

export type StripeFault = Extract<FaultKind, 'stripe.500' | 'stripe.timeout-after-success'>;

/** What the served API draws its faults from: the runtime's fault injector (a test's own). */
export interface StripeFaultDraws {
  roll(kind: FaultKind): boolean;
  between(kind: FaultKind, min: number, max: number): number;
}

/** Longer than stripe-node's two retries (0.5 s, then 0.5 to 1 s), shorter than Pub/Sub's least redelivery back-off (10 s). */
export const stripeFaultSpellMs = 5_000;

export class StripeApiFaults {
  private readonly spells = new Map<string, { fault: StripeFault; untilMs: number }>();

  constructor(
    private readonly draws: StripeFaultDraws | undefined,
    private readonly nowMs: () => number = () => performance.now(),
    private readonly spellMs = stripeFaultSpellMs,
  ) {}

  /** Whether this attempt is answered 500 before anything is done. */
  failsBefore(request: string): boolean {
    const spell = this.spellOf(request);
    if (spell) return spell === 'stripe.500';
    return this.rolled(request, 'stripe.500');
  }

  /** Whether this attempt's answer, once Stripe has done the work, is lost on the way back. */
  losesAnswer(request: string): boolean {
    const spell = this.spellOf(request);
    if (spell) return spell === 'stripe.timeout-after-success';
    return this.rolled(request, 'stripe.timeout-after-success');
  }

  private rolled(request: string, fault: StripeFault): boolean {
    if (!this.draws?.roll(fault)) return false;
    if (this.draws.between(fault, 0, 1) === 1) this.startSpell(request, fault);
    return true;
  }

  private spellOf(request: string): StripeFault | undefined {
    const spell = this.spells.get(request);
    if (!spell) return undefined;
    if (spell.untilMs > this.nowMs()) return spell.fault;
    this.spells.delete(request);
    return undefined;
  }

  private startSpell(request: string, fault: StripeFault): void {
    const now = this.nowMs();
    // Spells of requests never tried again are forgotten once over.
    if (this.spells.size > 1_000) for (const [key, spell] of this.spells) if (spell.untilMs <= now) this.spells.delete(key);
    this.spells.set(request, { fault, untilMs: now + this.spellMs });
  }
}
