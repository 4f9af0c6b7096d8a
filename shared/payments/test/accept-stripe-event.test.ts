import { acceptStripeEvent } from '../use-cases/accept-stripe-event';
import { handledStripeEvents } from '../rules/stripe-event';
import { RecentIds } from '../../common';
import { stripeSignatureHeader, stripeVerifier } from '../../adapters/stripe/stripe-signature';
import type { EventPublisher, PublishOptions } from '../../ports';

const secret = 'whsec_accept_test';
const now = 1_800_000_000;
const clock = { now: () => new Date(now * 1000) };

function recordingPublisher(fail = false) {
  const published: Array<{ topic: string; data: unknown; options: PublishOptions | undefined }> = [];
  const publisher: EventPublisher = {
    publish: async (topic, data, options) => {
      if (fail) throw new Error('Pub/Sub is unavailable');
      published.push({ topic, data, options });
      return String(published.length);
    },
  };
  return { publisher, published };
}

function setup(fail = false) {
  const { publisher, published } = recordingPublisher(fail);
  const deps = { isSignedByStripe: stripeVerifier(secret, clock), publisher, recent: new RecentIds(), clock };
  const deliver = (event: unknown, header?: string) => {
    const body = typeof event === 'string' ? event : JSON.stringify(event);
    return acceptStripeEvent(Buffer.from(body), header ?? stripeSignatureHeader(body, secret, now), deps);
  };
  return { deliver, published, deps };
}

const completed = {
  id: 'evt_1',
  object: 'event',
  created: now,
  type: 'checkout.session.completed',
  data: { object: { id: 'cs_1', client_reference_id: 'o1' } },
};

describe('accepting a Stripe webhook delivery', () => {
  it('publishes a signed, handled event to stripe-events with its id and type, then answers 200', async () => {
    const { deliver, published } = setup();
    expect(await deliver(completed)).toMatchObject({ status: 200 });
    expect(published).toEqual([
      { topic: 'stripe-events', data: { event: completed }, options: { attributes: { eventId: 'evt_1', type: 'checkout.session.completed' } } },
    ]);
  });

  it.each(handledStripeEvents)('hands on %s', async (type) => {
    const { deliver, published } = setup();
    await deliver({ ...completed, type });
    expect(published).toHaveLength(1);
  });

  it('answers 401 and publishes nothing when the signature is bad, missing or stale', async () => {
    const { deliver, published } = setup();
    const body = JSON.stringify(completed);
    expect(await deliver(body, stripeSignatureHeader(body, 'whsec_wrong', now))).toMatchObject({ status: 401 });
    expect(await deliver(body, '')).toMatchObject({ status: 401 });
    expect(await deliver(body, stripeSignatureHeader(body, secret, now - 301))).toMatchObject({ status: 401 });
    expect(await acceptStripeEvent(Buffer.from(body), undefined, setup().deps)).toMatchObject({ status: 401 });
    expect(published).toEqual([]);
  });

  it('answers 400 when the signed body is not a Stripe event', async () => {
    const { deliver, published } = setup();
    for (const body of [
      'not json',
      '[]',
      '{"id":"cs_1","type":"x","data":{"object":{}}}',
      '{"id":"evt_1","data":{"object":{}}}',
      '{"id":"evt_1","type":"x","data":{}}',
      '{"id":"evt_1","type":"x","data":{"object":[]}}',
    ]) {
      expect(await deliver(body)).toMatchObject({ status: 400 });
    }
    expect(published).toEqual([]);
  });

  it('acknowledges event types the product does not handle without publishing them', async () => {
    const { deliver, published } = setup();
    expect(await deliver({ ...completed, type: 'customer.created' })).toEqual({ status: 200, text: 'ignored' });
    expect(published).toEqual([]);
  });

  it('answers a repeated event id with 200 and publishes it once', async () => {
    const { deliver, published } = setup();
    expect(await deliver(completed)).toMatchObject({ status: 200 });
    expect(await deliver(completed)).toMatchObject({ status: 200 });
    expect(published).toHaveLength(1);
  });

  it('lets the failure through when publishing fails, so Stripe retries and the retry is not taken for a repeat', async () => {
    const failing = setup(true);
    await expect(failing.deliver(completed)).rejects.toThrow('Pub/Sub is unavailable');
    expect(failing.deps.recent.claim('evt_1')).toBe(true);
  });
});
