/**
 * Twitch logins are kept as Twitch keeps them, in lower case: a login typed with capitals or
 * spaces names the same record as the one a chatter signed in with.
 */
import { twitchLoginPath, twitchLoginSeen } from '../rules/twitch-logins';

describe('the record of a Twitch login', () => {
  it('is kept under the login in lower case, spaces around it dropped', () => {
    expect(String(twitchLoginPath('  KbFan_42 '))).toBe('twitchLogins/kbfan_42');
  });

  it('holds the login in lower case, spaces around it dropped, with the account and when it was seen', () => {
    expect(twitchLoginSeen(' KbFan_42  ', '4242', '2026-11-25T18:00:00.000Z')).toEqual({
      login: 'kbfan_42',
      twitchUserId: '4242',
      seenAt: '2026-11-25T18:00:00.000Z',
    });
  });
});
