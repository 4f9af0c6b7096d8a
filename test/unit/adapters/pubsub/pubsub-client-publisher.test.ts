import {
  PubSubClientPublisher,
  publishBatching,
  type PublishBatching,
  type PublishingTopic,
  type TopicSource,
} from '../../../../shared/adapters/pubsub/pubsub-client-publisher';

type Published = Parameters<PublishingTopic['publishMessage']>[0];

class FakeTopic implements PublishingTopic {
  readonly published: Published[] = [];
  readonly resumed: string[] = [];
  failNext = false;

  async publishMessage(message: Published): Promise<string> {
    if (this.failNext) {
      this.failNext = false;
      throw new Error('DEADLINE_EXCEEDED');
    }
    this.published.push(message);
    return `id-${this.published.length}`;
  }
  resumePublishing(orderingKey: string): void {
    this.resumed.push(orderingKey);
  }
}

class FakePubSub implements TopicSource {
  readonly opened: Array<{ name: string; options: unknown }> = [];
  readonly topics = new Map<string, FakeTopic>();

  topic(name: string, options?: { messageOrdering?: boolean; batching?: PublishBatching }): FakeTopic {
    this.opened.push({ name, options });
    const topic = new FakeTopic();
    this.topics.set(name, topic);
    return topic;
  }
}

describe('PubSubClientPublisher', () => {
  it('publishes JSON bytes with attributes and ordering key on an ordering-enabled topic', async () => {
    const pubsub = new FakePubSub();
    const publisher = new PubSubClientPublisher({ pubsub });

    const id = await publisher.publish('payments', { orderId: 'o1' }, { attributes: { source: 'stripe' }, orderingKey: 'o1' });

    expect(id).toBe('id-1');
    expect(pubsub.opened).toEqual([{ name: 'payments', options: { messageOrdering: true, batching: publishBatching } }]);
    const [message] = pubsub.topics.get('payments')?.published ?? [];
    expect(JSON.parse(message.data.toString('utf8'))).toEqual({ orderId: 'o1' });
    expect(message.attributes).toEqual({ source: 'stripe' });
    expect(message.orderingKey).toBe('o1');
  });

  it('gathers messages into publish requests within Pub/Sub’s 1,000 messages and 10 MB a request', () => {
    expect(publishBatching.maxMessages).toBeLessThanOrEqual(1_000);
    expect(publishBatching.maxBytes).toBeLessThanOrEqual(10_000_000);
    expect(publishBatching.maxMessages).toBeGreaterThan(1);
  });

  it('reuses one Topic object per topic name', async () => {
    const pubsub = new FakePubSub();
    const publisher = new PubSubClientPublisher({ pubsub });

    await publisher.publish('shop-events', { n: 1 });
    await publisher.publish('shop-events', { n: 2 });
    await publisher.publish('payments', { n: 3 });

    expect(pubsub.opened.map((o) => o.name)).toEqual(['shop-events', 'payments']);
    expect(pubsub.topics.get('shop-events')?.published).toHaveLength(2);
  });

  it('resumes a failed ordering key before rethrowing, so later messages with that key still go out', async () => {
    const pubsub = new FakePubSub();
    const publisher = new PubSubClientPublisher({ pubsub });
    await publisher.publish('payments', { n: 1 }, { orderingKey: 'o1' });
    const topic = pubsub.topics.get('payments') as FakeTopic;
    topic.failNext = true;

    await expect(publisher.publish('payments', { n: 2 }, { orderingKey: 'o1' })).rejects.toThrow('DEADLINE_EXCEEDED');

    expect(topic.resumed).toEqual(['o1']);
  });

  it('does not resume anything when a message without ordering key fails', async () => {
    const pubsub = new FakePubSub();
    const publisher = new PubSubClientPublisher({ pubsub });
    await publisher.publish('shop-events', { n: 1 });
    const topic = pubsub.topics.get('shop-events') as FakeTopic;
    topic.failNext = true;

    await expect(publisher.publish('shop-events', { n: 2 })).rejects.toThrow();

    expect(topic.resumed).toEqual([]);
  });
});
