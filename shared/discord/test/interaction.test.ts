import { commandCall, isGuildAdmin, parseInteraction } from '../rules/interaction';
import { command, ping } from '../../../test/support/interactions';

describe('reading an interaction', () => {
  it('flattens subcommand groups into a path and leaf options', () => {
    const i = command({ name: 'c500', path: ['auction', 'start'], options: { item: 'Tofu65', price: 25.5, 'sudden-death': true } });
    expect(commandCall(i)).toEqual({ path: ['c500', 'auction', 'start'], options: { item: 'Tofu65', price: 25.5, 'sudden-death': true } });
  });

  it.each([
    ['8', true],
    ['32', true],
    [String((1n << 3n) | (1n << 40n)), true],
    ['3072', false],
    ['0', false],
    ['not-a-number', false],
  ])('treats permissions %s as admin: %s', (permissions, admin) => {
    expect(isGuildAdmin(command({ name: 'c500', permissions }))).toBe(admin);
  });

  it('treats an interaction without a member (a DM) as no admin', () => {
    expect(isGuildAdmin(command({ name: 'c500', guildId: null }))).toBe(false);
  });

  it('rejects JSON that lacks the fields every interaction has', () => {
    expect(parseInteraction({ type: 1 })).toBeUndefined();
    expect(parseInteraction(null)).toBeUndefined();
    expect(parseInteraction([1])).toBeUndefined();
  });
});

describe('reading a command that carries little', () => {
  it('reads no path and no options from an interaction without data, such as a PING', () => {
    expect(commandCall(ping())).toStrictEqual({ path: [], options: {} });
    const nameless = { ...ping(), type: 3, data: { custom_id: 'buy:k2q9xmbr' } };
    expect(commandCall(nameless)).toStrictEqual({ path: [], options: {} });
  });

  it('leaves out an option that carries no value, and reads a subcommand that has no options', () => {
    const typing = command({ name: 'bid', options: { amount: 25 } });
    typing.data?.options?.push({ name: 'note', type: 3 });
    expect(commandCall(typing)).toStrictEqual({ path: ['bid'], options: { amount: 25 } });
    expect(commandCall(command({ name: 'c500', path: ['help'] }))).toStrictEqual({ path: ['c500', 'help'], options: {} });
  });

  it('treats permissions with anything but digits around them as no admin', () => {
    expect(isGuildAdmin(command({ name: 'c500', permissions: 'x8' }))).toBe(false);
    expect(isGuildAdmin(command({ name: 'c500', permissions: '8x' }))).toBe(false);
  });
});
