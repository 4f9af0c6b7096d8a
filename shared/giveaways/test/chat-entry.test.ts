/**
 * `!enter` in Twitch chat counts alone or followed by words, after spaces, in any case;
 * nothing else that merely contains it does.
 */
import { looksLikeChatEntry } from '../rules/chat-entry';

describe('an entry typed in Twitch chat', () => {
  it('counts !enter alone, after spaces, in any case, or followed by words', () => {
    expect(looksLikeChatEntry('!enter')).toBe(true);
    expect(looksLikeChatEntry('  !ENTER')).toBe(true);
    expect(looksLikeChatEntry('!enter please')).toBe(true);
  });

  it('ignores a message that only mentions it, or a longer command', () => {
    expect(looksLikeChatEntry('type !enter to join')).toBe(false);
    expect(looksLikeChatEntry('x!enter')).toBe(false);
    expect(looksLikeChatEntry('!entering')).toBe(false);
    expect(looksLikeChatEntry('!enter!')).toBe(false);
  });
});
