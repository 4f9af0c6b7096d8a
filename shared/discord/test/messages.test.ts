import { dmNote, personMention, privateNote, refusals } from '../rules/messages';

describe('the notes every module shares', () => {
  it('shows a private note only to the person who asked, mentioning no one', () => {
    expect(privateNote('Saved.')).toEqual({ content: 'Saved.', flags: 64, allowed_mentions: { parse: [] } });
    expect(refusals.guildOnly).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expect(refusals.staleComponent).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
  });

  it('writes a DM’s note without the EPHEMERAL flag, which Discord refuses on a DM, mentioning no one', () => {
    expect(dmNote('Outbid.')).toEqual({ content: 'Outbid.', allowed_mentions: { parse: [] } });
  });

  it('names the command it does not know, privately', () => {
    const note = refusals.unknownCommand('c500 teleport');
    expect(note.content).toContain('`c500 teleport`');
    expect(note).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
  });

  it('mentions only a whole Discord id, and names anything else with digits in it', () => {
    expect(personMention('x800000000000000009', 'cleo')).toBe('**cleo**');
    expect(personMention('800000000000000009x', 'cleo')).toBe('**cleo**');
    expect(personMention('80000000000000000', 'cleo')).toBe('<@80000000000000000>');
  });
});
