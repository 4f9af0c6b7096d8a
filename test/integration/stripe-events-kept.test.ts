/**
 * Stripe goes on sending an event until its endpoint answers. Under the production clients the
 * local Stripe writes each event down before sending it, so one a killed runtime was sending is
 * sent again by the runtime started after it.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { localStripeEvents, makeStripeEventSender, resendStripeEvents } from '../../shared/local/stripe/event-sender';

const secrets = { platform: 'whsec_kept_platform', connect: 'whsec_kept_connect' };
const clock = { now: () => new Date('2026-11-24T12:00:00Z') };

async function endpoint(answer: (seen: number) => 'answer' | 'hang') {
  const received: Array<{ id: string; type: string }> = [];
  const app = express();
  app.use(express.json());
  app.post('/webhooks/stripe', (req, res) => {
    received.push(req.body as { id: string; type: string });
    if (answer(received.length) === 'answer') res.status(200).end();
  });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/stripe`;
  return { url, received, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

describe('Stripe events kept by the local Stripe', () => {
  it('marks an event answered once its endpoint answered, and sends it no more', async () => {
    const hook = await endpoint(() => 'answer');
    const store = new LocalDocumentStore();
    await makeStripeEventSender(hook.url, secrets, clock, store)('checkout.session.completed', { id: 'cs_1' });
    expect(await resendStripeEvents(hook.url, secrets, clock, store)).toBe(0);
    expect(hook.received).toHaveLength(1);
    expect((await store.query(localStripeEvents)).map((d) => d.data.state)).toEqual(['answered']);
    await hook.close();
  });

  it('sends again, with the same id, an event whose sending died with the runtime', async () => {
    const hook = await endpoint((seen) => (seen === 1 ? 'hang' : 'answer'));
    const store = new LocalDocumentStore();
    // The first runtime is killed while its endpoint has not answered: its send never returns.
    // Its fetch fails once the endpoint closes, and gives up after Stripe's retries: left to fail quietly.
    const dying = makeStripeEventSender(hook.url, secrets, clock, store)('checkout.session.completed', { id: 'cs_2' }).catch(() => undefined);
    while (hook.received.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(await resendStripeEvents(hook.url, secrets, clock, store)).toBe(1);
    while (hook.received.length < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(hook.received[1]?.id).toBe(hook.received[0]?.id);
    expect(hook.received[1]?.type).toBe('checkout.session.completed');
    await hook.close();
    await dying;
  }, 30_000);

  it('keeps nothing without a store, as on the embedded stand-ins', async () => {
    const hook = await endpoint(() => 'answer');
    await makeStripeEventSender(hook.url, secrets, clock)('checkout.session.completed', { id: 'cs_3' });
    expect(hook.received).toHaveLength(1);
    await hook.close();
  });
});
