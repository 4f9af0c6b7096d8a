import { isSnowflake, normalizeOrderId, shortIdFrom } from '../rules/ids';

describe('short ids and Discord ids', () => {
  it('derives the same eight-character id from the same event, and a different one from another', () => {
    expect(shortIdFrom('order:1')).toBe('8x9727xc');
    expect(shortIdFrom('order:1')).toBe(shortIdFrom('order:1'));
    expect(shortIdFrom('drop:evt-42')).toBe('a304nxyw');
  });

  it('takes a snowflake of 17 to 20 digits below 2^64, and nothing with other characters around it', () => {
    expect(isSnowflake('18446744073709551615')).toBe(true);
    expect(isSnowflake('18446744073709551616')).toBe(false);
    expect(isSnowflake('110000000000000000')).toBe(true);
    expect(isSnowflake('x110000000000000000')).toBe(false);
    expect(isSnowflake('110000000000000000x')).toBe(false);
  });

  it('reads an order id typed with spaces, a leading # and capitals, and keeps a # inside it', () => {
    expect(normalizeOrderId('  #K2Q9XMBR  ')).toBe('k2q9xmbr');
    expect(normalizeOrderId('k2#q9')).toBe('k2#q9');
  });
});
