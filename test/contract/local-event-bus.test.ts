import { LocalEventBus } from '../../shared/local/pubsub/event-bus';
import { decodeMessageData } from '../../shared/adapters/pubsub/pubsub-envelope';
import type { PubSubCloudEvent } from '../../shared/ports';

const fast = { minMs: 1, maxMs: 5 };

describe('the local event bus', () => {
  it('delivers the CloudEvent Pub/Sub delivers: base64 JSON data, attributes, ids and subscription', async () => {
    const bus = new LocalEventBus({ projectId: 'c500-test' });
    const got: PubSubCloudEvent[] = [];
    bus.subscribe('orders', 'orders-sub', async (e) => void got.push(e), { maxDeliveryAttempts: 5 });
    const id = await bus.publish('orders', { orderId: 'ord_1', cents: 4550 }, { attributes: { source: 'stripe' } });
    await bus.idle();
    const event = got[0] as PubSubCloudEvent;
    expect(event).toMatchObject({
      specversion: '1.0',
      id,
      type: 'google.cloud.pubsub.topic.v1.messagePublished',
      source: '//pubsub.googleapis.com/projects/c500-test/topics/orders',
      data: { subscription: 'projects/c500-test/subscriptions/orders-sub', deliveryAttempt: 1, message: { messageId: id, attributes: { source: 'stripe' } } },
    });
    expect(Buffer.from(event.data.message.data, 'base64').toString()).toBe('{"orderId":"ord_1","cents":4550}');
    expect(decodeMessageData(event)).toEqual({ orderId: 'ord_1', cents: 4550 });
  });

  it('delivers a message to every subscription of its topic and to no other', async () => {
    const bus = new LocalEventBus({ projectId: 'p' });
    const seen: string[] = [];
    bus.subscribe('a', 'a-1', async () => void seen.push('a-1'), { maxDeliveryAttempts: 1 });
    bus.subscribe('a', 'a-2', async () => void seen.push('a-2'), { maxDeliveryAttempts: 1 });
    bus.subscribe('b', 'b-1', async () => void seen.push('b-1'), { maxDeliveryAttempts: 1 });
    await bus.publish('a', {});
    await bus.idle();
    expect(seen.sort()).toEqual(['a-1', 'a-2']);
  });

  it('redelivers with back-off when the subscriber throws, counting the attempts', async () => {
    const bus = new LocalEventBus({ projectId: 'p', backoff: fast });
    const attempts: number[] = [];
    bus.subscribe(
      't',
      's',
      async (e) => {
        attempts.push(e.data.deliveryAttempt ?? 0);
        if (attempts.length < 3) throw new Error('flaky');
      },
      { maxDeliveryAttempts: 5 },
    );
    await bus.publish('t', { n: 1 });
    await bus.idle();
    expect(attempts).toEqual([1, 2, 3]);
    expect(bus.deadLetters).toHaveLength(0);
  });

  it('dead-letters a message after the subscription’s attempts and hands it to the dead-letter topic', async () => {
    const bus = new LocalEventBus({ projectId: 'p', backoff: fast });
    const dead: PubSubCloudEvent[] = [];
    bus.subscribe(
      't',
      's',
      async () => {
        throw new Error('always');
      },
      { maxDeliveryAttempts: 3, deadLetterTopic: 't-dead' },
    );
    bus.subscribe('t-dead', 'keep', async (e) => void dead.push(e), { maxDeliveryAttempts: 1 });
    const id = await bus.publish('t', { n: 1 });
    await bus.idle();
    expect(bus.deadLetters).toEqual([expect.objectContaining({ topic: 't', subscription: 's', attempts: 3, error: 'always' })]);
    expect(dead.map((e) => e.data.message.messageId)).toEqual([id]);
  });

  it('hands messages with one ordering key over one at a time, in publish order, even across retries', async () => {
    const bus = new LocalEventBus({ projectId: 'p', backoff: fast });
    const log: string[] = [];
    let inFlight = 0;
    let failedOnce = false;
    bus.subscribe(
      't',
      's',
      async (e) => {
        const { n } = decodeMessageData(e) as { n: number };
        inFlight++;
        expect(inFlight).toBe(1);
        await new Promise((r) => setTimeout(r, Math.random() * 3));
        inFlight--;
        if (n === 2 && !failedOnce) {
          failedOnce = true;
          throw new Error('retry me');
        }
        log.push(`${e.data.message.orderingKey}:${n}`);
      },
      { maxDeliveryAttempts: 5 },
    );
    for (let n = 1; n <= 5; n++) await bus.publish('t', { n }, { orderingKey: 'auction-1' });
    await bus.idle();
    expect(log).toEqual(['auction-1:1', 'auction-1:2', 'auction-1:3', 'auction-1:4', 'auction-1:5']);
  });

  it('delivers messages without an ordering key concurrently', async () => {
    const bus = new LocalEventBus({ projectId: 'p' });
    let inFlight = 0;
    let most = 0;
    bus.subscribe(
      't',
      's',
      async () => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 10));
        inFlight--;
      },
      { maxDeliveryAttempts: 1 },
    );
    await Promise.all([1, 2, 3, 4].map((n) => bus.publish('t', { n })));
    await bus.idle();
    expect(most).toBe(4);
  });

  it('hands a subscriber no more messages at once than its concurrency, the rest waiting in the bus in publish order', async () => {
    const bus = new LocalEventBus({ projectId: 'p' });
    let inFlight = 0;
    let most = 0;
    const order: number[] = [];
    bus.subscribe(
      't',
      's',
      async (e) => {
        most = Math.max(most, ++inFlight);
        order.push((decodeMessageData(e) as { n: number }).n);
        await new Promise((r) => setTimeout(r, 2));
        inFlight--;
      },
      { maxDeliveryAttempts: 1, concurrency: 3 },
    );
    for (let n = 0; n < 40; n++) await bus.publish('t', { n });
    expect(bus.stats()).toEqual([expect.objectContaining({ subscription: 's', concurrency: 3 })]);
    await bus.idle();
    expect(most).toBe(3);
    expect(order).toEqual(Array.from({ length: 40 }, (_, n) => n));
    expect(bus.stats()[0]).toMatchObject({ waiting: 0, inFlight: 0, peakInFlight: 3, delivered: 40 });
  });

  it('frees a slot while a failed message waits for its redelivery', async () => {
    const bus = new LocalEventBus({ projectId: 'p', backoff: { minMs: 50, maxMs: 50 } });
    const handled: string[] = [];
    let failed = false;
    bus.subscribe(
      't',
      's',
      async (e) => {
        const { n } = decodeMessageData(e) as { n: string };
        if (n === 'flaky' && !failed) {
          failed = true;
          throw new Error('once');
        }
        handled.push(n);
      },
      { maxDeliveryAttempts: 3, concurrency: 1 },
    );
    await bus.publish('t', { n: 'flaky' });
    await bus.publish('t', { n: 'next' });
    await bus.idle();
    // One slot: "next" went while "flaky" waited out its back-off.
    expect(handled).toEqual(['next', 'flaky']);
  });

  it('keeps ordering keys one at a time within the concurrency, other keys going meanwhile', async () => {
    const bus = new LocalEventBus({ projectId: 'p' });
    const seen: string[] = [];
    let most = 0;
    let inFlight = 0;
    bus.subscribe(
      't',
      's',
      async (e) => {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 1));
        seen.push(`${e.data.message.orderingKey}:${(decodeMessageData(e) as { n: number }).n}`);
        inFlight--;
      },
      { maxDeliveryAttempts: 1, concurrency: 2 },
    );
    for (let n = 1; n <= 3; n++) {
      await bus.publish('t', { n }, { orderingKey: 'a' });
      await bus.publish('t', { n }, { orderingKey: 'b' });
    }
    await bus.idle();
    expect(most).toBe(2);
    expect(seen.filter((s) => s.startsWith('a'))).toEqual(['a:1', 'a:2', 'a:3']);
    expect(seen.filter((s) => s.startsWith('b'))).toEqual(['b:1', 'b:2', 'b:3']);
  });

  it('refuses a payload that is not JSON-serialisable at publish time', async () => {
    const bus = new LocalEventBus({ projectId: 'p' });
    await expect(bus.publish('t', undefined)).rejects.toThrow(/JSON/);
  });
});

describe('the local event bus, when faults are injected', () => {
  it('delivers a message twice, at once or after it was handled, with the same message id', async () => {
    for (const when of ['at-once', 'after-ack'] as const) {
      const bus = new LocalEventBus({ projectId: 'p', faults: { duplicate: () => when, holdBackMs: () => 0 } });
      const ids: string[] = [];
      bus.subscribe('t', 's', async (e) => void ids.push(e.data.message.messageId), { maxDeliveryAttempts: 1 });
      const id = await bus.publish('t', { n: 1 });
      await bus.idle();
      expect([when, ids]).toEqual([when, [id, id]]);
    }
  });

  it('lets later messages overtake one held back, but never one with an ordering key', async () => {
    let first = true;
    const bus = new LocalEventBus({
      projectId: 'p',
      faults: {
        duplicate: () => undefined,
        holdBackMs: () => {
          const held = first ? 30 : 0;
          first = false;
          return held;
        },
      },
    });
    const seen: number[] = [];
    bus.subscribe('t', 's', async (e) => void seen.push((decodeMessageData(e) as { n: number }).n), { maxDeliveryAttempts: 1 });
    for (const n of [1, 2, 3]) await bus.publish('t', { n });
    await bus.idle();
    expect(seen).toEqual([2, 3, 1]);

    first = true;
    const ordered: number[] = [];
    bus.subscribe('o', 'o-sub', async (e) => void ordered.push((decodeMessageData(e) as { n: number }).n), { maxDeliveryAttempts: 1 });
    for (const n of [1, 2, 3]) await bus.publish('o', { n }, { orderingKey: 'k' });
    await bus.idle();
    expect(ordered).toEqual([1, 2, 3]);
  });
});

describe('the local event bus, under the production latency profile', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('pushes each message its drawn latency after its publish, an ordering key’s in order and overlapping, not one after another', async () => {
    // Fake timers: when each push lands is the bus's arithmetic, not how busy the machine is.
    jest.useFakeTimers({ now: 0 });
    const waits = [1_200, 10, 900, 20];
    const bus = new LocalEventBus({ projectId: 'p', pushLatencyMs: () => waits.shift() ?? 0 });
    const seen: Array<{ n: number; atMs: number }> = [];
    bus.subscribe('o', 'o-sub', async (e) => void seen.push({ n: (decodeMessageData(e) as { n: number }).n, atMs: Date.now() }), {
      maxDeliveryAttempts: 1,
    });
    for (const n of [1, 2, 3, 4]) await bus.publish('o', { n }, { orderingKey: 'k' });
    await jest.advanceTimersByTimeAsync(1_199);
    expect(seen).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    const idle = bus.idle();
    await jest.advanceTimersByTimeAsync(1_000);
    await idle;
    expect(seen.map((s) => s.n)).toEqual([1, 2, 3, 4]);
    // All by the longest latency (1.2 s), not the sum of them (2.13 s): the waits overlapped.
    // (Each next one of the key is handed over on the next timer tick, a millisecond apart.)
    expect(seen[0]?.atMs).toBe(1_200);
    expect(seen[3]?.atMs).toBeLessThan(1_300);
  });
});
