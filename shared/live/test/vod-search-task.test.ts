import { parseVodSearchTask } from '../rules/proof-media';

describe('reading a VOD search task', () => {
  it('accepts the first and the last attempt for a well-shaped order id', () => {
    expect(parseVodSearchTask({ orderId: 'abcd1234', attempt: 1 })).toEqual({ orderId: 'abcd1234', attempt: 1 });
    expect(parseVodSearchTask({ orderId: 'abcd1234', attempt: 4, extra: 'ignored' })).toEqual({ orderId: 'abcd1234', attempt: 4 });
  });

  it('refuses an order id that is a number, even one shaped like an id', () => {
    expect(parseVodSearchTask({ orderId: 12345678, attempt: 1 })).toBeUndefined();
  });
});
