import { readCommissionTerms, readTrancheTerms, termsText } from '../rules/commission-terms';

const terms = (text: string) => {
  const read = readCommissionTerms(text);
  if (!read.ok) throw new Error(read.reason);
  return read.terms;
};
const reason = (text: string) => {
  const read = readCommissionTerms(text);
  if (read.ok) throw new Error(`read ${JSON.stringify(read.terms)}`);
  return read.reason;
};

describe('a commission’s queue terms as a builder types them', () => {
  it('reads slots and weeks, with everything released at done when no tranche is named', () => {
    expect(terms('5 slots 6 weeks')).toEqual({ slots: 5, leadWeeks: 6, oneAtATime: false, tranches: [] });
  });

  it('reads a tranche at a milestone and gives done the rest', () => {
    expect(terms('3 slots 6 weeks 30% at parts-in').tranches).toEqual([
      { milestone: 'parts-in', percent: 30 },
      { milestone: 'done', percent: 70 },
    ]);
  });

  it('puts tranches in the order a build reaches them, whatever order they were typed in', () => {
    expect(terms('3 slots 6 weeks 20% at sound-test 30% at parts-in').tranches.map((t) => t.milestone)).toEqual(['parts-in', 'sound-test', 'done']);
  });

  it('takes one slot, one week, singular words, wks and one at a time', () => {
    expect(terms('1 slot 1 week one at a time')).toEqual({ slots: 1, leadWeeks: 1, oneAtATime: true, tranches: [] });
    expect(terms('2 slots 10 wks').leadWeeks).toBe(10);
  });

  it('accepts done named with the parts adding up to 100', () => {
    expect(terms('2 slots 4 weeks 40% at assembly 60% at done').tranches).toEqual([
      { milestone: 'assembly', percent: 40 },
      { milestone: 'done', percent: 60 },
    ]);
  });

  it('keeps at least 1 % for done, which ends the build', () => {
    expect(terms('2 slots 4 weeks 99% at sound-test').tranches.at(-1)).toEqual({ milestone: 'done', percent: 1 });
    expect(reason('2 slots 4 weeks 100% at sound-test')).toMatch(/leave at least 1% for `done`/);
    expect(reason('2 slots 4 weeks 60% at parts-in 50% at assembly')).toMatch(/add up to 110%: leave at least 1% for `done`/);
  });

  it('asks for the slots when none are given', () => {
    expect(reason('6 weeks')).toMatch(/how many buyers/);
  });

  it('asks for the weeks when none are given', () => {
    expect(reason('3 slots')).toMatch(/how many weeks.*`commission 3 slots 6 weeks`/);
  });

  it.each(['0 slots 6 weeks', '51 slots 6 weeks', '2.5 slots 6 weeks', 'three slots 6 weeks'])(
    'refuses slots that are not a whole number from 1 to 50: %s',
    (text) => {
      expect(reason(text)).toMatch(/slots must be a whole number from 1 to 50/);
    },
  );

  it.each(['3 slots 0 weeks', '3 slots 105 weeks', '3 slots 1.5 weeks'])('refuses a lead time that is not 1 to 104 whole weeks: %s', (text) => {
    expect(reason(text)).toMatch(/whole number of weeks from 1 to 104/);
  });

  it('refuses a milestone it does not know, naming the ones it does', () => {
    expect(reason('3 slots 6 weeks 30% at painting')).toMatch(/`painting` isn’t a milestone: use `parts-in`, `assembly`, `sound-test`, `done`/);
  });

  it.each(['0%', '101%', '12.5%', '-5%'])('refuses a part that is not a whole percent: %s', (part) => {
    expect(reason(`3 slots 6 weeks ${part} at parts-in`)).toMatch(/whole percent from 1 to 99/);
  });

  it('refuses a milestone named twice', () => {
    expect(reason('3 slots 6 weeks 30% at parts-in 20% at parts-in')).toMatch(/named twice/);
  });

  it('refuses done named with parts that do not add up to 100', () => {
    expect(reason('3 slots 6 weeks 30% at parts-in 60% at done')).toMatch(/add up to 90%.*must add up to 100%/);
  });

  it('refuses words that are not part of the terms, quoting them', () => {
    expect(reason('3 slots 6 weeks please')).toMatch(/`please` isn’t part of a commission’s terms/);
  });

  it('says the terms back as a builder would', () => {
    expect(termsText(terms('3 slots 6 weeks one at a time 30% at parts-in'))).toBe('3 slots · 6 weeks · one at a time · 30% at parts-in, 70% at done');
    expect(termsText(terms('1 slot 1 week'))).toBe('1 slot · 1 week');
  });
});

describe('tranches alone, as a group buy takes them', () => {
  it('reads parts in any case, with commas, `and`, long dashes and spaces around the percent', () => {
    expect(readTrancheTerms('30 %  AT  Parts–in, 20%at assembly and 10% at sound-test')).toEqual({
      ok: true,
      tranches: [
        { milestone: 'parts-in', percent: 30 },
        { milestone: 'assembly', percent: 20 },
        { milestone: 'sound-test', percent: 10 },
        { milestone: 'done', percent: 40 },
      ],
    });
  });

  it('takes nothing typed as none: all at done', () => {
    expect(readTrancheTerms('')).toEqual({ ok: true, tranches: [] });
    expect(readTrancheTerms('  ')).toEqual({ ok: true, tranches: [] });
  });

  it('names what is not a tranche, cut to 30 characters, and says what to type', () => {
    const read = readTrancheTerms('30% at parts-in then half of it when the case arrives');
    expect(read).toEqual({
      ok: false,
      reason:
        '`then half of it when the case` isn’t a tranche: type `30% at parts-in`, one part for each milestone (`parts-in`, `assembly`, `sound-test`, `done`).',
    });
  });

  it('refuses a milestone it does not know, and a part outside 1 to 99', () => {
    expect(readTrancheTerms('30% at shipping')).toMatchObject({ ok: false, reason: expect.stringContaining('`shipping` isn’t a milestone') });
    expect(readTrancheTerms('0% at parts-in')).toMatchObject({ ok: false, reason: expect.stringContaining('a whole percent from 1 to 99') });
  });

  it('names an unknown milestone cut to 20 characters', () => {
    expect(readTrancheTerms('30% at abcdefghijklmnopqrstuvwxyz')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^`abcdefghijklmnopqrst` isn’t a milestone/),
    });
  });

  it('refuses parts before done that leave nothing for done, and a done that makes them pass 100', () => {
    expect(readTrancheTerms('50% at parts-in 50% at assembly')).toMatchObject({
      ok: false,
      reason: 'the parts before `done` add up to 100%: leave at least 1% for `done`.',
    });
    expect(readTrancheTerms('60% at parts-in 50% at assembly 1% at done')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('the parts add up to 111%'),
    });
    expect(readTrancheTerms('50% at parts-in 49% at assembly')).toMatchObject({ ok: true });
  });
});
