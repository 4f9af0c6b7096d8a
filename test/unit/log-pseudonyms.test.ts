/**
 * A person's stored pseudonym (log/pseudonyms): the same for the same id under one key, in any
 * month, another for another id or under another key, and shaped so nobody reads an id in it.
 */
import { isPersonPseudonym, personPseudonym, setLogIdKey } from '../../shared/log';

const member = '800000000000000031';

describe('a person’s stored pseudonym', () => {
  beforeEach(() => setLogIdKey('k'.repeat(64)));

  it('is the same for the same id every time, so an idempotency key made twice is the same key', () => {
    expect(personPseudonym(member)).toBe(personPseudonym(member));
    expect(isPersonPseudonym(personPseudonym(member))).toBe(true);
  });

  it('differs between two people, and never holds the id', () => {
    expect(personPseudonym(member)).not.toBe(personPseudonym('800000000000000032'));
    expect(personPseudonym(member)).not.toContain(member);
  });

  it('is another under another deployment key: nobody without the key can make it from an id', () => {
    const under = personPseudonym(member);
    setLogIdKey('j'.repeat(64));
    expect(personPseudonym(member)).not.toBe(under);
  });

  it('is `ps_` and 32 hex exactly: an id, a name or a longer hex is not one', () => {
    expect(isPersonPseudonym(`ps_${'a'.repeat(32)}`)).toBe(true);
    expect(isPersonPseudonym(`ps_${'a'.repeat(31)}`)).toBe(false);
    expect(isPersonPseudonym(`ps_${'a'.repeat(33)}`)).toBe(false);
    expect(isPersonPseudonym(`xps_${'a'.repeat(32)}`)).toBe(false);
    expect(isPersonPseudonym(member)).toBe(false);
  });
});
