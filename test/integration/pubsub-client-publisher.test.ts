import { randomUUID } from 'node:crypto';
import { PubSub, type Message } from '@google-cloud/pubsub';
import { PubSubClientPublisher } from '../../shared/adapters/pubsub/pubsub-client-publisher';

// The Pub/Sub emulator cannot be downloaded on our build machines; where one runs
// (`gcloud beta emulators pubsub start`), set PUBSUB_EMULATOR_HOST and this runs too.
const withEmulator = process.env.PUBSUB_EMULATOR_HOST ? describe : describe.skip;

withEmulator('PubSubClientPublisher against the Pub/Sub emulator (skipped unless PUBSUB_EMULATOR_HOST is set)', () => {
  const projectId = 'c500-emulator';
  const pubsub = new PubSub({ projectId });
  const topicName = `payments-${randomUUID()}`;

  afterAll(() => pubsub.close());

  it('publishes a message that a subscriber receives with its data, attributes and ordering key', async () => {
    const [topic] = await pubsub.createTopic(topicName);
    const [subscription] = await topic.createSubscription(`${topicName}-sub`, { enableMessageOrdering: true });
    const received = new Promise<Message>((resolve) => subscription.once('message', resolve));
    const publisher = new PubSubClientPublisher({ projectId, pubsub });

    const id = await publisher.publish(topicName, { orderId: 'o1' }, { attributes: { source: 'stripe' }, orderingKey: 'o1' });

    const message = await received;
    message.ack();
    await subscription.close();
    expect(message.id).toBe(id);
    expect(JSON.parse(message.data.toString('utf8'))).toEqual({ orderId: 'o1' });
    expect(message.attributes).toEqual({ source: 'stripe' });
    expect(message.orderingKey).toBe('o1');
  });
});
