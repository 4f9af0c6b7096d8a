import { cloudEventFromPush, decodeMessageData, encodeMessageData } from '../../../../shared/adapters/pubsub/pubsub-envelope';
import { PoisonMessage } from '../../../../shared/errors';

const message = {
  data: encodeMessageData({ job: 'profile-view' }),
  attributes: { interactionId: '42' },
  messageId: 'm-1',
  publishTime: '2026-11-21T12:00:00.000Z',
};

describe('reading a Pub/Sub delivery', () => {
  it('builds the CloudEvent from a push subscription body, with the delivery attempt', () => {
    const event = cloudEventFromPush({}, { message, subscription: 'projects/p/subscriptions/s', deliveryAttempt: 3 });
    expect(event).toMatchObject({
      id: 'm-1',
      type: 'google.cloud.pubsub.topic.v1.messagePublished',
      data: { message, subscription: 'projects/p/subscriptions/s', deliveryAttempt: 3 },
    });
    expect(decodeMessageData(event)).toEqual({ job: 'profile-view' });
  });

  it('takes the id and source from the ce- headers of an Eventarc binary CloudEvent', () => {
    const event = cloudEventFromPush(
      { 'ce-id': 'ce-9', 'ce-source': '//pubsub.googleapis.com/projects/p/topics/t' },
      { message, subscription: 'projects/p/subscriptions/s' },
    );
    expect(event).toMatchObject({ id: 'ce-9', source: '//pubsub.googleapis.com/projects/p/topics/t' });
  });

  it('reads the snake_case ids some push payloads carry', () => {
    const { messageId, publishTime, ...rest } = message;
    const event = cloudEventFromPush({}, { message: { ...rest, message_id: messageId, publish_time: publishTime }, subscription: 's' });
    expect(event.data.message).toMatchObject({ messageId: 'm-1', publishTime });
  });

  it('calls a body that is not a Pub/Sub envelope a poison message', () => {
    expect(() => cloudEventFromPush({}, { hello: 'world' })).toThrow(PoisonMessage);
    expect(() => cloudEventFromPush({}, 'text')).toThrow(PoisonMessage);
  });

  it('calls data that is not JSON a poison message', () => {
    const event = cloudEventFromPush({}, { message: { ...message, data: Buffer.from('not json').toString('base64') }, subscription: 's' });
    expect(() => decodeMessageData(event)).toThrow(PoisonMessage);
  });
});
