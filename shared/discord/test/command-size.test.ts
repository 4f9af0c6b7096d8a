import { commandCharacters, commandLimits, group, str, sub, widestOptionLevel } from '../rules/command-options';

describe('a command’s size as Discord counts it', () => {
  it('counts the names and descriptions of the command and of every option at every depth', () => {
    const command = { name: 'ab', description: 'cde', options: [group('fg', 'h', [sub('ij', 'klm', [str('n', 'op')])])] };
    expect(commandCharacters(command)).toBe(2 + 3 + 2 + 1 + 2 + 3 + 1 + 2);
    expect(commandCharacters({ name: 'ab', description: 'cde' })).toBe(5);
  });

  it('counts each choice’s name and value', () => {
    const pick = {
      ...str('x', 'y'),
      choices: [
        { name: 'Red', value: 'r' },
        { name: 'Blue', value: 'bl' },
      ],
    };
    expect(commandCharacters({ name: 'c', description: 'd', options: [pick] })).toBe(2 + 2 + 4 + 6);
  });

  it('finds the widest level, whether the command’s own or one inside a group', () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => str(`o${i}`, 'x'));
    expect(widestOptionLevel({ name: 'c', description: 'd' })).toBe(0);
    expect(widestOptionLevel({ name: 'c', description: 'd', options: many(3) })).toBe(3);
    expect(widestOptionLevel({ name: 'c', description: 'd', options: [group('g', 'x', [sub('s', 'x', many(7)), sub('t', 'x')])] })).toBe(7);
  });

  it('holds Discord’s limits: 8,000 characters and 25 options a level', () => {
    expect(commandLimits).toEqual({ characters: 8_000, optionsPerLevel: 25 });
  });
});
