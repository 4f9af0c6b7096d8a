import { group, num, postableChannelTypes, str, sub } from '../rules/command-options';

describe('describing slash commands to Discord', () => {
  it('offers text and announcement channels, the ones the bot can post in', () => {
    expect(postableChannelTypes).toEqual([0, 5]);
  });

  it('registers text and number options as required unless said otherwise', () => {
    expect(str('item', 'What you are selling')).toEqual({ type: 3, name: 'item', description: 'What you are selling', required: true });
    expect(str('note', 'Anything buyers should know', false)).toEqual({ type: 3, name: 'note', description: 'Anything buyers should know', required: false });
    expect(num('price', 'Starting price')).toEqual({ type: 10, name: 'price', description: 'Starting price', required: true });
    expect(num('reserve', 'Lowest price you accept', false)).toEqual({ type: 10, name: 'reserve', description: 'Lowest price you accept', required: false });
  });

  it('registers a subcommand with its options, or none, and a group around subcommands', () => {
    const start = sub('start', 'Start an auction', [str('item', 'What you are selling')]);
    expect(sub('help', 'Every command')).toEqual({ type: 1, name: 'help', description: 'Every command', options: [] });
    expect(start).toEqual({ type: 1, name: 'start', description: 'Start an auction', options: [str('item', 'What you are selling')] });
    expect(group('auction', 'Auctions', [start])).toEqual({ type: 2, name: 'auction', description: 'Auctions', options: [start] });
  });
});
