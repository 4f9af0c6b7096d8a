import { streamerSetup } from '../../shared/local/playground/streamer-words';

const base = 'http://localhost:5000';

describe('a streamer’s setup in Twitch & pages', () => {
  it('gives each live thing its OBS overlay link, ready to paste', () => {
    const setup = streamerSetup(base, {
      login: 'cleobuilds',
      chatBidding: { on: true },
      botIsModerator: true,
      live: [
        { kind: 'auction', id: 'a1', title: 'Tofu65' },
        { kind: 'show', id: 's1', title: 'Friday show' },
        { kind: 'group buy', id: 'g1', title: 'Keycaps' },
        { kind: 'race', id: 'r1', title: 'Sprint' },
      ],
    });
    expect(setup.overlays.map((o) => o.url)).toEqual([
      `${base}/overlay/auction?id=a1`,
      `${base}/overlay/show?id=s1`,
      `${base}/overlay/groupbuy?groupbuy=g1`,
      `${base}/overlay/pot?id=r1`,
    ]);
    expect(setup.overlays[0]?.label).toBe('Auction: Tofu65');
  });

  it('says chat bidding is on for the channel, with nothing to fix', () => {
    const setup = streamerSetup(base, { login: 'cleobuilds', chatBidding: { on: true }, botIsModerator: false, live: [] });
    expect(setup.chatBidding).toMatch(/^On for twitch\.tv\/cleobuilds/);
    expect(setup.fix).toBeUndefined();
  });

  it('says chat bidding is off and why, with the command that turns it on', () => {
    const never = streamerSetup(base, { login: 'cleobuilds', botIsModerator: false, live: [] });
    expect(never.chatBidding).toMatch(/^Off for twitch\.tv\/cleobuilds: .*!privacy get no answer. Authorize it\.$/);
    expect(never.fix).toBe('/c500 chat-bidding on');
    const revoked = streamerSetup(base, { login: 'cleobuilds', chatBidding: { on: false, offReason: 'revoked' }, botIsModerator: false, live: [] });
    expect(revoked.chatBidding).toContain('Twitch ended C500’s access');
    expect(revoked.fix).toBe('/c500 chat-bidding on');
  });

  it('asks for a linked channel first', () => {
    const setup = streamerSetup(base, { botIsModerator: false, live: [] });
    expect(setup.fix).toBe('/c500 link-twitch');
    expect(setup.login).toBeUndefined();
  });

  it('says what the bot may do as a moderator, and what it may not otherwise', () => {
    const mod = streamerSetup(base, { login: 'cleobuilds', botIsModerator: true, live: [] });
    expect(mod.bot).toContain('deletes a public !bid typed during a sealed final call');
    const notMod = streamerSetup(base, { login: 'cleobuilds', botIsModerator: false, live: [] });
    expect(notMod.bot).toContain('is not a moderator');
    expect(notMod.bot).toContain('stays in chat');
  });
});
