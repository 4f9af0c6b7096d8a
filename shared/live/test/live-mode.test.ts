import fc from 'fast-check';
import { parseLiveMode } from '../rules/live-mode';
import { maxOrdersPerLive } from '../../orders';

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
  ])('refuses %p and shows the five forms', (options, why) => {
    const result = parseLiveMode(options);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toContain(why);
      for (const form of ['mode:chat', 'mode:drop', 'mode:order:<id>', 'mode:orders:<id>,<id>', 'mode:groupbuy:<id>']) expect(result.reason).toContain(form);
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

describe('a milestone named with /c500 live', () => {
  it('proves a milestone on one order or several, as typed in any case and spacing', () => {
    expect(parseLiveMode({ mode: 'order:k3v9m2qa', milestone: ' Parts-In ' })).toEqual({
      ok: true,
      mode: { kind: 'orders', orderIds: ['k3v9m2qa'], single: true, milestone: 'parts-in' },
    });
    expect(parseLiveMode({ mode: 'orders:k3v9m2qa,b2c3d4e5', milestone: 'assembly' })).toMatchObject({
      ok: true,
      mode: { orderIds: ['k3v9m2qa', 'b2c3d4e5'], milestone: 'assembly' },
    });
    expect(parseLiveMode({ mode: 'order:k3v9m2qa', milestone: 'done' })).toMatchObject({ ok: true, mode: { milestone: 'done' } });
  });

  it('leaves the mode as it was when no milestone is named', () => {
    expect(parseLiveMode({ mode: 'order:k3v9m2qa' })).toEqual({ ok: true, mode: { kind: 'orders', orderIds: ['k3v9m2qa'], single: true } });
  });

  it('refuses a milestone it does not know, naming the ones it does', () => {
    const read = parseLiveMode({ mode: 'order:k3v9m2qa', milestone: 'painting-the-case-in-three-coats' });
    expect(read.ok).toBe(false);
    expect(!read.ok && read.reason).toMatch(/^`painting-the-case-in` isn’t a milestone: use `parts-in`, `assembly`, `sound-test`, `done`\./);
  });

  it('refuses a milestone on a hangout or a drop, which prove no order', () => {
    for (const mode of ['chat', 'drop']) {
      const read = parseLiveMode({ mode, milestone: 'parts-in' });
      expect(!read.ok && read.reason).toMatch(/^A milestone is proved on an order or a group buy: `mode:order:<id> milestone:parts-in`\./);
    }
  });

  it('says what is wrong with the mode first, whatever the milestone', () => {
    const read = parseLiveMode({ mode: 'dance', milestone: 'nonsense' });
    expect(!read.ok && read.reason).toMatch(/^I don’t know the mode `dance`/);
  });
});

describe('a group buy’s milestone with /c500 live', () => {
  it('reads the group buy inline, or from its own option, with the milestone named', () => {
    const mode = { kind: 'groupbuy', groupBuyId: 'k2q9xmbr', milestone: 'parts-in' };
    expect(parseLiveMode({ mode: 'groupbuy:k2q9xmbr', milestone: 'parts-in' })).toEqual({ ok: true, mode });
    expect(parseLiveMode({ mode: 'GroupBuy: #K2Q9XMBR', milestone: 'Parts-In' })).toEqual({ ok: true, mode });
    expect(parseLiveMode({ mode: 'groupbuy', groupbuy: 'k2q9xmbr', milestone: 'parts-in' })).toEqual({ ok: true, mode });
    expect(parseLiveMode({ groupbuy: 'k2q9xmbr', milestone: 'done' })).toEqual({ ok: true, mode: { ...mode, milestone: 'done' } });
  });

  it('never guesses a group buy’s milestone: proving one pays a tranche of every order', () => {
    const read = parseLiveMode({ mode: 'groupbuy:k2q9xmbr' });
    expect(!read.ok && read.reason).toMatch(/^Name the milestone you are proving for the whole group buy: `milestone:parts-in`/);
  });

  it.each([
    [{ mode: 'groupbuy:', milestone: 'done' }, 'Name the group buy: `groupbuy:<id>`'],
    [{ mode: 'groupbuy', milestone: 'done' }, 'Name the group buy: `groupbuy:<id>`'],
    [{ mode: 'groupbuy:k2q9', milestone: 'done' }, '`k2q9` isn’t a group buy’s id'],
    [{ mode: 'groupbuy:k2q9xmbr,a1b2c3d4', milestone: 'done' }, '`k2q9xmbr,a1b2c3d4` isn’t a group buy’s id'],
    [{ mode: 'groupbuy:k2q9xmbr', milestone: 'painting' }, '`painting` isn’t a milestone'],
  ])('refuses %p, saying what to type instead', (options, why) => {
    const read = parseLiveMode(options);
    expect(!read.ok && read.reason).toContain(why);
  });
});
