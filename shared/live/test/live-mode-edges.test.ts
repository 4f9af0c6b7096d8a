import { parseLiveMode, type LiveOptions } from '../rules/live-mode';

const reasonOf = (options: LiveOptions) => {
  const result = parseLiveMode(options);
  return result.ok ? '' : result.reason;
};

describe('reading the /c500 live mode, at the edges', () => {
  it('does not read a mode hidden after other characters', () => {
    expect(reasonOf({ mode: '!chat' })).toContain('I don’t know the mode `!chat`.');
  });

  it('quotes at most 60 characters of an unknown mode', () => {
    expect(reasonOf({ mode: 'z'.repeat(100) })).toContain(`I don’t know the mode \`${'z'.repeat(60)}\`.`);
  });

  it('takes an order option made only of spaces as no order', () => {
    expect(reasonOf({ order: '   ' })).toContain('Tell me what you are live for.');
  });

  it('follows the mode typed over a stray order, orders or group buy option', () => {
    expect(parseLiveMode({ mode: 'chat', order: 'k2q9xmbr' })).toEqual({ ok: true, mode: { kind: 'chat' } });
    expect(parseLiveMode({ mode: 'drop', orders: 'aaaa1111' })).toEqual({ ok: true, mode: { kind: 'drop' } });
    expect(parseLiveMode({ mode: 'order:aaaa1111', groupbuy: 'k2q9xmbr' })).toEqual({
      ok: true,
      mode: { kind: 'orders', orderIds: ['aaaa1111'], single: true },
    });
  });

  it('reads the orders option alone as a list, answered with a summary', () => {
    expect(parseLiveMode({ orders: 'aaaa1111' })).toEqual({ ok: true, mode: { kind: 'orders', orderIds: ['aaaa1111'], single: false } });
  });

  it('quotes at most 40 characters of a malformed order id', () => {
    const bad = `${'a'.repeat(50)}$`;
    expect(reasonOf({ mode: `order:${bad}` })).toContain(`\`${'a'.repeat(40)}\` isn’t an order id`);
  });

  it('says how many orders were listed beyond the limit', () => {
    const ids = Array.from({ length: 11 }, (_, i) => `order${i}aa`).join(',');
    expect(reasonOf({ mode: `orders:${ids}` })).toContain('At most 10 orders at a time; you listed 11.');
  });

  it('lists the five forms one per line', () => {
    expect(reasonOf({ mode: 'party' })).toContain(
      ' `/c500 live` has five forms:\n• `/c500 live mode:chat`: hang out; posts your stream in the general channel\n• `/c500 live mode:drop`',
    );
  });
});
