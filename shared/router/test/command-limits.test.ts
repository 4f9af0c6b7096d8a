/**
 * Room for the next command: Discord refuses a registration whose command passes 8,000
 * characters or 25 options at a level, so every command stays under 80 % of both, and a
 * family that grows moves to a command of its own (as `/groupbuy` did from `/c500`).
 */
import { commandCharacters, commandLimits, widestOptionLevel } from '../../discord';
import { commandDefinitions } from '../command-surface';

const sizes = commandDefinitions.map((c) => ({ command: `/${c.name}`, characters: commandCharacters(c), options: widestOptionLevel(c) }));

describe('every command’s size against Discord’s limits', () => {
  it.each(sizes)('keeps $command under 80 % of 8,000 characters and of 25 options a level', ({ characters, options }) => {
    expect(characters).toBeLessThan(commandLimits.characters * 0.8);
    expect(options).toBeLessThan(commandLimits.optionsPerLevel * 0.8);
  });

  it('gives group buys a command of their own, outside /c500', () => {
    const c500 = commandDefinitions.find((c) => c.name === 'c500');
    expect(c500?.options?.map((o) => o.name)).not.toContain('groupbuy');
    expect(commandDefinitions.find((c) => c.name === 'groupbuy')?.options?.map((o) => o.name)).toEqual(['interest', 'start', 'extend', 'extras', 'cancel']);
  });
});
