import { pubsubFunction } from '../../../shared/triggers/pubsub-trigger';
import { StillRunning } from '../../../shared/common/use-cases/run-once';
import { PoisonMessage } from '../../../shared/errors';
import { log } from '../../../shared/log';
import type { PubSubCloudEvent } from '../../../shared/ports';

const event = { data: { message: { messageId: 'm-1', data: '' }, deliveryAttempt: 2 } } as unknown as PubSubCloudEvent;
const noWait = async () => undefined;
const failingWith = (error: Error) =>
  pubsubFunction(
    'stripeEvents',
    async () => {
      throw error;
    },
    { wait: noWait },
  );

describe('the Pub/Sub subscriber’s one mapper', () => {
  afterEach(() => jest.restoreAllMocks());

  it('GIVEN another delivery holds the same work THEN it warns without a stack and lets Pub/Sub redeliver', async () => {
    const warn = jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    const error = jest.spyOn(log, 'error').mockImplementation(() => undefined);
    await expect(failingWith(new StillRunning('dispute-staged:dp_1'))(event)).rejects.toThrow(StillRunning);
    expect(error).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('another delivery'), expect.objectContaining({ messageId: 'm-1', error: expect.any(String) }));
  });

  it('GIVEN another delivery holds the same work and finishes while this one waits THEN this delivery is handled, not handed back', async () => {
    jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    jest.spyOn(log, 'info').mockImplementation(() => undefined);
    let holderDone = false;
    const waits: number[] = [];
    const handled = pubsubFunction(
      'stripeEvents',
      async () => {
        if (!holderDone) throw new StillRunning('dispute-staged:dp_1');
      },
      {
        wait: async (ms) => {
          waits.push(ms);
          if (waits.length === 3) holderDone = true;
        },
      },
    );
    await expect(handled(event)).resolves.toBeUndefined();
    expect(waits).toHaveLength(3);
  });

  it('GIVEN the holder never finishes THEN this delivery waits a bounded while, well inside the ack deadline, then hands the message back', async () => {
    jest.spyOn(log, 'warn').mockImplementation(() => undefined);
    const waits: number[] = [];
    let asks = 0;
    const held = pubsubFunction(
      'stripeEvents',
      async () => {
        asks += 1;
        throw new StillRunning('dispute-staged:dp_1');
      },
      { wait: async (ms) => void waits.push(ms) },
    );
    await expect(held(event)).rejects.toThrow(StillRunning);
    expect(asks).toBe(waits.length + 1);
    expect(waits.reduce((sum, ms) => sum + ms, 0)).toBeLessThan(60_000 / 2);
  });

  it('GIVEN any other failure THEN it is not asked again in this delivery', async () => {
    jest.spyOn(log, 'error').mockImplementation(() => undefined);
    let asks = 0;
    const failing = pubsubFunction(
      'stripeEvents',
      async () => {
        asks += 1;
        throw new Error('store down');
      },
      { wait: noWait },
    );
    await expect(failing(event)).rejects.toThrow('store down');
    expect(asks).toBe(1);
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
