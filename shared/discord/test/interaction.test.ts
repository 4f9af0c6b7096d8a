import { commandCall, isGuildAdmin, parseInteraction } from '../rules/interaction';
import { command } from '../../../test/support/interactions';

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
