/**
 * The playground's feed keeps its latest events, between the bound and twice it, and says
 * whether a page can still be caught up from the last event it saw.
 */
import { PlayFeed } from '../../../shared/local/playground/play-feed';

const line = (text: string) => ({ kind: 'chat' as const, line: { channel: 'cleobuilds', login: 'viewer', text, bot: false } });

describe('the playground’s feed', () => {
  it('keeps at least the latest events it is bound to, and never twice as many', () => {
    const feed = new PlayFeed(10);
    for (let i = 1; i <= 35; i++) feed.add(line(String(i)));
    const held = feed.since(0);
    expect(held.length).toBeGreaterThanOrEqual(10);
    expect(held.length).toBeLessThan(20);
    expect(held[held.length - 1]?.seq).toBe(35);
    expect(held.map((e) => e.seq)).toEqual(held.map((_, i) => 36 - held.length + i));
  });

  it('catches a page up only from an event it still holds, or the one just before', () => {
    const feed = new PlayFeed(10);
    for (let i = 1; i <= 35; i++) feed.add(line(String(i)));
    const oldest = feed.since(0)[0]?.seq as number;
    expect(feed.canReplayAfter(oldest - 1)).toBe(true);
    expect(feed.canReplayAfter(oldest - 2)).toBe(false);
    expect(feed.canReplayAfter(35)).toBe(true);
    expect(feed.canReplayAfter(36)).toBe(false);
    expect(feed.since(30).map((e) => e.seq)).toEqual([31, 32, 33, 34, 35]);
  });
});
