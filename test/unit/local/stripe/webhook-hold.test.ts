/**
 * The local Stripe's webhook events held back (a test's switch, `POST /_local/stripe/webhooks/hold`):
 * nothing reaches the endpoint while the local clock is inside the hold, and every event made
 * then arrives once it has passed, with its `created` still the moment it happened.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeStripeEventSender } from '../../../../shared/local/stripe/event-sender';
import { StripeRedelivery } from '../../../../shared/local/stripe/redelivery';
import { WebhookHold } from '../../../../shared/local/stripe/webhook-hold';

let server: Server;
let url: string;
const received: Array<{ type: string; created: number }> = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as { type: string; created: number });
      res.writeHead(200).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function eventually(done: () => boolean): Promise<void> {
  while (!done()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('webhook events held back at the local Stripe', () => {
  it('GIVEN a hold THEN no event reaches the endpoint until the local clock passes it, and then each arrives with the time it was made', async () => {
    received.length = 0;
    const clock = { ms: Date.parse('2026-11-29T12:00:00Z'), now: () => new Date(clock.ms) };
    const later = new StripeRedelivery(clock, { firstWaitMs: 1, longestWaitMs: 4, forMs: 3 * 86_400_000 });
    const hold = new WebhookHold(clock);
    const send = makeStripeEventSender(url, { platform: 'whsec_a', connect: 'whsec_b' }, clock, undefined, undefined, later, hold);
    hold.holdUntil(clock.ms + 60_000);
    await send('checkout.session.completed', { id: 'cs_1' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([]);
    expect(later.pending).toBe(1);
    clock.ms += 60_000;
    await eventually(() => later.pending === 0);
    expect(received).toEqual([expect.objectContaining({ type: 'checkout.session.completed', created: Date.parse('2026-11-29T12:00:00Z') / 1000 })]);
    // No hold: sent at once, as before.
    await send('checkout.session.expired', { id: 'cs_2' });
    expect(received.map((e) => e.type)).toEqual(['checkout.session.completed', 'checkout.session.expired']);
    later.stop();
  });

  it('GIVEN a hold of the group buys’ events only THEN a group buy’s event waits for it and a drop’s order is sent at once', async () => {
    received.length = 0;
    const clock = { ms: Date.parse('2026-11-29T12:00:00Z'), now: () => new Date(clock.ms) };
    const later = new StripeRedelivery(clock, { firstWaitMs: 1, longestWaitMs: 4, forMs: 3 * 86_400_000 });
    const hold = new WebhookHold(clock);
    const send = makeStripeEventSender(url, { platform: 'whsec_a', connect: 'whsec_b' }, clock, undefined, undefined, later, hold);
    hold.holdUntil(clock.ms + 60_000, 'groupbuy');
    expect(hold.heldUntil).toBe('2026-11-29T12:01:00.000Z');
    await send('checkout.session.completed', { id: 'cs_pledge', metadata: { kind: 'groupbuy-pledge' } });
    await send('payment_intent.succeeded', { id: 'pi_pledge', metadata: { kind: 'groupbuy-order' } });
    await send('checkout.session.completed', { id: 'cs_drop', metadata: { kind: 'drop-order' } });
    await send('charge.refunded', { id: 'ch_1' });
    expect(received.map((e) => e.type)).toEqual(['checkout.session.completed', 'charge.refunded']);
    expect(later.pending).toBe(2);
    clock.ms += 60_000;
    await eventually(() => later.pending === 0);
    // Each held event is retried on its own timer, so the two arrive in either order (as Stripe's do).
    expect(received.slice(0, 2).map((e) => e.type)).toEqual(['checkout.session.completed', 'charge.refunded']);
    expect(
      received
        .slice(2)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['checkout.session.completed', 'payment_intent.succeeded']);
    expect(hold.holding).toBe(false);
    later.stop();
  });
});
