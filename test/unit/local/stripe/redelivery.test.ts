import { StripeRedelivery, type Undelivered } from '../../../../shared/local/stripe/redelivery';

const fast = { firstWaitMs: 1, longestWaitMs: 4, forMs: 3 * 24 * 3_600_000 };

/** An endpoint answering each attempt with the next status given (the last one from then on). */
function endpoint(statuses: number[]) {
  const state = { attempts: 0, delivered: [] as number[] };
  const event = (eventId: string): Undelivered => ({
    eventId,
    type: 'checkout.session.expired',
    send: async () => new Response('', { status: statuses[Math.min(state.attempts++, statuses.length - 1)] as number }),
    delivered: (status) => void state.delivered.push(status),
  });
  return { state, event };
}

async function eventually(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 2));
}

describe('the local Stripe sending an undelivered event again', () => {
  it('GIVEN an endpoint refusing a while THEN the event is sent until it answers 2xx, and marked delivered once', async () => {
    const clock = { now: () => new Date('2026-11-27T12:00:00Z') };
    const later = new StripeRedelivery(clock, fast);
    const { state, event } = endpoint([500, 503, 401, 200]);
    later.later(event('evt_1'));
    later.later(event('evt_1'));
    expect(later.pending).toBe(1);
    await eventually(() => later.pending === 0);
    expect(state).toEqual({ attempts: 4, delivered: [200] });
    later.stop();
  });

  it('GIVEN three days of the local clock pass with the endpoint refusing THEN it gives up, as Stripe does', async () => {
    const clock = { ms: Date.parse('2026-11-27T12:00:00Z'), now: () => new Date(clock.ms) };
    const later = new StripeRedelivery(clock, fast);
    const { state, event } = endpoint([500]);
    later.later(event('evt_2'));
    await eventually(() => state.attempts >= 2);
    clock.ms += fast.forMs;
    await eventually(() => later.pending === 0);
    expect(state.delivered).toEqual([]);
    later.stop();
  });

  it('GIVEN the runtime closes THEN nothing more is sent', async () => {
    const clock = { now: () => new Date('2026-11-27T12:00:00Z') };
    const later = new StripeRedelivery(clock, { ...fast, firstWaitMs: 60_000 });
    const { state, event } = endpoint([200]);
    later.later(event('evt_3'));
    later.stop();
    expect(later.pending).toBe(0);
    later.later(event('evt_4'));
    expect(later.pending).toBe(0);
    expect(state.attempts).toBe(0);
  });
});
