import { pubsubFunction } from '../../../shared/triggers/pubsub-trigger';
import { StillRunning } from '../../../shared/common/use-cases/run-once';
import { PoisonMessage } from '../../../shared/errors';
import { log } from '../../../shared/log';
import type { PubSubCloudEvent } from '../../../shared/ports';

const event = { data: { message: { messageId: 'm-1', data: '' }, deliveryAttempt: 2 } } as unknown as PubSubCloudEvent;
const failingWith = (error: Error) =>
  pubsubFunction('stripeEvents', async () => {
    throw error;
  });

describe('the Pub/Sub subscriber’s one mapper', () => {
  afterEach(() => jest.restoreAllMocks());

  it('GIVEN another delivery holds the same work THEN it warns without a stack and lets Pub/Sub redeliver', async () => {
    const warn = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(log, 'error').mockImplementation(() => undefined);
    await expect(failingWith(new StillRunning('dispute-staged:dp_1'))(event)).rejects.toThrow(StillRunning);
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('another delivery'), expect.objectContaining({ messageId: 'm-1', error: expect.any(String) }));
  });

  it('GIVEN any other failure THEN it logs an error and lets Pub/Sub redeliver', async () => {
    const error = jest.spyOn(log, 'error').mockImplementation(() => undefined);
    await expect(failingWith(new Error('store down'))(event)).rejects.toThrow('store down');
    expect(error).toHaveBeenCalledWith('subscriber failed; Pub/Sub will redeliver', expect.objectContaining({ messageId: 'm-1', attempt: 2 }));
  });

  it('GIVEN a poison message THEN it is logged and acknowledged, never redelivered', async () => {
    const error = jest.spyOn(log, 'error').mockImplementation(() => undefined);
    await expect(failingWith(new PoisonMessage('not JSON'))(event)).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('poison message acknowledged', expect.anything());
  });
});
