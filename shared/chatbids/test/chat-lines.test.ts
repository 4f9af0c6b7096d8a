import { composeChatMessage, dropOnceMore, mustLinesAfterFailure } from '../rules/chat-lines';
import { signInLine, winnerLine } from '../rules/chat-messages';

describe('composing a chat message from what the bot has to say', () => {
  it('says nothing when nothing is queued', () => {
    expect(composeChatMessage([])).toBeUndefined();
  });

  it('puts the hammer first, then the state, then who bid too low in one line', () => {
    const composed = composeChatMessage([
      { text: 'SOLD to @ana for $520', must: true },
      { text: '@ana leads at $520 · next $530', slot: 'lead' },
      { text: 'too low, next $510', group: { name: 'too-low', login: 'bo' } },
      { text: 'too low, next $530', group: { name: 'too-low', login: 'cy' } },
      { text: 'too low, next $530', group: { name: 'too-low', login: 'bo' } },
    ]);
    expect(composed).toEqual({
      text: 'SOLD to @ana for $520 · @ana leads at $520 · next $530 · @bo @cy: too low, next $530',
      said: [{ text: 'SOLD to @ana for $520', must: true }],
      later: [],
      // What spoke to someone is said again if Twitch drops the message; the state is not (the next message is newer).
      once: [
        { text: 'too low, next $510', group: { name: 'too-low', login: 'bo' } },
        { text: 'too low, next $530', group: { name: 'too-low', login: 'cy' } },
        { text: 'too low, next $530', group: { name: 'too-low', login: 'bo' } },
      ],
    });
  });

  it('says a line to someone again only once: a line already in a dropped message is not kept for another', () => {
    const refused = { text: 'over the new-bidder limit', group: { name: 'limit', login: 'bo' } };
    const first = composeChatMessage([refused]);
    expect(first?.once).toEqual([refused]);
    const again = dropOnceMore(first?.once ?? []);
    expect(again).toEqual([{ ...refused, failedSends: 1 }]);
    const second = composeChatMessage(again);
    expect(second?.text).toBe('@bo: over the new-bidder limit');
    expect(second?.once).toEqual([]);
  });

  it('keeps no line to someone that did not fit in the message', () => {
    const long = { text: 'x'.repeat(480), must: true };
    const refused = { text: 'too low, next $530', group: { name: 'too-low', login: 'cy' } };
    expect(composeChatMessage([long, refused])).toEqual({ text: long.text, said: [long], later: [], once: [] });
  });

  it('never passes 500 characters, and keeps must lines that did not fit for the next message', () => {
    const must = Array.from({ length: 5 }, (_, i) => ({ text: `${i}: ${'x'.repeat(150)}`, must: true }));
    const composed = composeChatMessage([...must, { text: 'state', slot: 'lead' }]);
    expect(composed?.text.length).toBeLessThanOrEqual(500);
    expect(composed?.later.map((l) => l.text)).toEqual(must.slice(3).map((l) => l.text));
    // Nothing after a held-back must line goes first: the pay link is not overtaken by chatter.
    expect(composed?.text).not.toContain('state');
  });

  it('never drops a viewer’s one sign-in line in a full message: said only once a day, it waits for the next', () => {
    const busy = Array.from({ length: 40 }, (_, i) => ({ text: `note ${i} ${'y'.repeat(30)}` }));
    const signIn = signInLine('lurker', '790000000', 'https://c500.example/twitch/bidder');
    const composed = composeChatMessage([...busy, signIn, ...Array.from({ length: 12 }, (_, i) => ({ text: `must ${i} ${'z'.repeat(30)}`, must: true }))]);
    expect(composed?.text.length).toBeLessThanOrEqual(500);
    expect([...(composed?.said ?? []), ...(composed?.later ?? [])]).toContainEqual(signIn);
  });

  it('drops what does not fit of the rest: the next message says the newer state', () => {
    const rest = Array.from({ length: 40 }, (_, i) => ({ text: `note ${i} ${'y'.repeat(30)}` }));
    const composed = composeChatMessage(rest);
    expect(composed?.text.length).toBeLessThanOrEqual(500);
    expect(composed?.later).toEqual([]);
  });

  it('names at most eight of a crowd that bid too low', () => {
    const crowd = Array.from({ length: 20 }, (_, i) => ({ text: 'too low, next $10', group: { name: 'too-low', login: `v${i}` } }));
    expect(composeChatMessage(crowd)?.text).toBe('@v0 @v1 @v2 @v3 @v4 @v5 @v6 @v7 +12: too low, next $10');
  });

  it('clips a single must line longer than a chat message rather than hold it forever', () => {
    const composed = composeChatMessage([{ text: 'z'.repeat(700), must: true }]);
    expect(composed?.text).toHaveLength(500);
    expect(composed?.later).toEqual([]);
  });
});

describe('composing must lines and groups into a chat message', () => {
  it('keeps must lines in order: once one waits, every later one waits behind it', () => {
    const first = { text: 'a'.repeat(300), must: true };
    const second = { text: 'b'.repeat(300), must: true };
    const third = { text: 'short', must: true };
    expect(composeChatMessage([first, second, third])).toEqual({ text: first.text, said: [first], later: [second, third], once: [] });
  });

  it('says a winner’s pay link ahead of the sign-in links queued before it, which keep their order behind it', () => {
    const signIns = Array.from({ length: 12 }, (_, i) => signInLine(`lurker_${i}`, `79000000${i}`, 'https://c500.example/twitch/bidder'));
    const sold = winnerLine('ana', 'Bench board', 52_000, 'usd', 'https://c500.example/pay/o1', '2026-11-26T02:30:00.000Z', false);
    const composed = composeChatMessage([...signIns, sold]);
    expect(composed?.text.startsWith('SOLD! @ana wins Bench board at $520.00.')).toBe(true);
    expect(composed?.said[0]).toBe(sold);
    expect([...(composed?.said ?? []), ...(composed?.later ?? [])].slice(1)).toEqual(signIns);
  });

  it('sends a must line of exactly 500 characters whole', () => {
    expect(composeChatMessage([{ text: 'z'.repeat(500), must: true }])?.text).toBe('z'.repeat(500));
  });

  it('names all of exactly eight who bid too low, without a count', () => {
    const eight = Array.from({ length: 8 }, (_, i) => ({ text: 'too low, next $10', group: { name: 'too-low', login: `v${i}` } }));
    expect(composeChatMessage(eight)?.text).toBe('@v0 @v1 @v2 @v3 @v4 @v5 @v6 @v7: too low, next $10');
  });

  it('sends a must line again after a failed send, and lets it go after its fifth', () => {
    const fresh = { text: 'SOLD', must: true };
    const fourth = { text: 'pay link', must: true, failedSends: 3 };
    const fifth = { text: 'old pay link', must: true, failedSends: 4 };
    expect(mustLinesAfterFailure([fresh, fourth, fifth])).toEqual({
      again: [
        { ...fresh, failedSends: 1 },
        { ...fourth, failedSends: 4 },
      ],
      givenUp: [{ ...fifth, failedSends: 5 }],
    });
  });
});
