import { discordLimitProblems } from '../rules/discord-limits';

const text = (n: number) => 'x'.repeat(n);

describe('naming every limit a message is over, as Discord would', () => {
  it('names a nonce over 25 characters and more than ten embeds', () => {
    expect(discordLimitProblems({ nonce: text(26) })).toEqual(['nonce is 26 long, over 25']);
    expect(discordLimitProblems({ nonce: text(25) })).toEqual([]);
    expect(discordLimitProblems({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).toEqual(['embeds is 11 long, over 10']);
  });

  it('names which embed’s title, description, field or footer is too long', () => {
    expect(discordLimitProblems({ embeds: [{ title: 't' }, { title: text(257) }] })).toEqual(['embeds[1].title is 257 long, over 256']);
    expect(discordLimitProblems({ embeds: [{ description: text(4_097) }] })).toEqual(['embeds[0].description is 4097 long, over 4096']);
    expect(discordLimitProblems({ embeds: [{ fields: [{ name: text(257), value: text(1_025) }] }] })).toEqual([
      'embeds[0].fields.name is 257 long, over 256',
      'embeds[0].fields.value is 1025 long, over 1024',
    ]);
    expect(discordLimitProblems({ embeds: [{ footer: { text: text(2_049) } }] })).toEqual(['embeds[0].footer.text is 2049 long, over 2048']);
  });

  it('names embeds over 6,000 characters in all, counting every part of every embed', () => {
    const part = { title: text(200), description: text(2_000), footer: { text: text(500) }, fields: [{ name: text(100), value: text(201) }] };
    // 3,001 an embed: two are 6,002.
    expect(discordLimitProblems({ embeds: [part, part] })).toEqual(['embeds in all is 6002 long, over 6000']);
    const fits = { ...part, fields: [{ name: text(100), value: text(200) }] };
    expect(discordLimitProblems({ embeds: [fits, fits] })).toEqual([]);
  });

  it('takes a row without components and a select menu without options or without an option’s label or value', () => {
    expect(discordLimitProblems({ components: [{ type: 1 }] })).toEqual([]);
    expect(discordLimitProblems({ components: [{ type: 1, components: [{ type: 3, custom_id: 'pick' }] }] })).toEqual([]);
    expect(
      discordLimitProblems({ components: [{ type: 1, components: [{ type: 3, custom_id: 'pick', options: [{ value: 'a' }, { label: 'b' }] }] }] }),
    ).toEqual([]);
  });

  it('checks placeholders on select menus only', () => {
    const placeholder = text(151);
    expect(discordLimitProblems({ components: [{ type: 1, components: [{ custom_id: 'c', placeholder }] }] })).toEqual([]);
    expect(discordLimitProblems({ components: [{ type: 1, components: [{ type: 4, custom_id: 'c', placeholder }] }] })).toEqual([]);
    expect(discordLimitProblems({ components: [{ type: 1, components: [{ type: 6, custom_id: 'c', placeholder }] }] })).toEqual([
      'select placeholder is 151 long, over 150',
    ]);
  });

  it('says “unset” for a button with no style that has a url and no custom_id', () => {
    expect(discordLimitProblems({ components: [{ type: 1, components: [{ type: 2, url: 'https://c500.example' }] }] })).toEqual([
      'a style unset button has a url',
      'a style unset button has no custom_id',
    ]);
  });
});
