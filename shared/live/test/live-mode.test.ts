import fc from 'fast-check';
import { maxOrdersPerLive, parseLiveMode } from '../rules/live-mode';

describe('reading the /c500 live mode', () => {
  it.each([
    [{ mode: 'chat' }, { kind: 'chat' }],
    [{ mode: ' DROP ' }, { kind: 'drop' }],
    [{ mode: 'order:k2q9xmbr' }, { kind: 'orders', orderIds: ['k2q9xmbr'], single: true }],
    [{ mode: 'order: #K2Q9XMBR' }, { kind: 'orders', orderIds: ['k2q9xmbr'], single: true }],
    [{ mode: 'orders:aaaa1111,bbbb2222' }, { kind: 'orders', orderIds: ['aaaa1111', 'bbbb2222'], single: false }],
    [{ mode: 'orders: aaaa1111, bbbb2222 aaaa1111' }, { kind: 'orders', orderIds: ['aaaa1111', 'bbbb2222'], single: false }],
    [
      { mode: 'order', order: 'k2q9xmbr' },
      { kind: 'orders', orderIds: ['k2q9xmbr'], single: true },
    ],
    [
      { mode: 'orders', orders: 'aaaa1111 bbbb2222' },
      { kind: 'orders', orderIds: ['aaaa1111', 'bbbb2222'], single: false },
    ],
    [{ order: 'k2q9xmbr' }, { kind: 'orders', orderIds: ['k2q9xmbr'], single: true }],
  ])('reads %p', (options, mode) => {
    expect(parseLiveMode(options)).toEqual({ ok: true, mode });
  });

  it.each([
    [{ mode: 'party' }, 'I don’t know the mode `party`'],
    [{ mode: '' }, 'Tell me what you are live for'],
    [{ mode: 'order:' }, 'Name the order'],
    [{ mode: 'orders:' }, 'List the orders'],
    [{ mode: 'order:aaaa1111,bbbb2222' }, 'takes one id'],
    [{ mode: 'orders:abc$%^' }, 'isn’t an order id'],
    [{ mode: 'chat now' }, 'takes nothing after it'],
  ])('refuses %p and shows the four forms', (options, why) => {
    const result = parseLiveMode(options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain(why);
      for (const form of ['mode:chat', 'mode:drop', 'mode:order:<id>', 'mode:orders:<id>,<id>']) expect(result.reason).toContain(form);
    }
  });

  it('refuses more orders than one summary can hold', () => {
    const ids = Array.from({ length: maxOrdersPerLive + 1 }, (_, i) => `order${i}aa`);
    expect(parseLiveMode({ mode: `orders:${ids.join(',')}` }).ok).toBe(false);
  });

  it('counts every listed order once, in the order first listed, whatever the separators', () => {
    const id = fc.stringMatching(/^[0-9a-z]{4,12}$/);
    const separator = fc.constantFrom(',', ' ', ', ', ' ,  ');
    fc.assert(
      fc.property(fc.array(id, { minLength: 1, maxLength: 15 }), separator, (ids, sep) => {
        const result = parseLiveMode({ mode: `orders:${ids.join(sep)}` });
        const distinct = [...new Set(ids)];
        if (distinct.length > maxOrdersPerLive) return expect(result.ok).toBe(false);
        expect(result).toEqual({ ok: true, mode: { kind: 'orders', orderIds: distinct, single: false } });
      }),
    );
  });

  it('never throws, whatever is typed', () => {
    fc.assert(fc.property(fc.string(), (mode) => void parseLiveMode({ mode })));
  });
});
