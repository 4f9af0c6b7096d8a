import { loadConfig } from '../../config';
import { channelOption, invalidChannelOption } from '../rules/channel-option';
import { chatBiddingApp, chatterWebApp } from '../rules/chat-app-config';

const env = {
  C500_RUNTIME: 'gcp',
  GOOGLE_CLOUD_PROJECT: 'c500-test',
  C500_PUBLIC_BASE_URL: 'https://c500.example',
  C500_CONTROLLER_NAME: 'C500 Test Ltd',
  C500_PRIVACY_CONTACT: 'privacy@c500.example',
  C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH, eu-rep@c500.example',
  TWITCH_CLIENT_ID: 'client-1',
  OAUTH_STATE_KEY: 's'.repeat(32),
  TWITCH_EVENTSUB_SECRET: 'e'.repeat(20),
  C500_TWITCH_BOT_USER_ID: '777',
};
const without = (name: keyof typeof env) => Object.fromEntries(Object.entries(env).filter(([k]) => k !== name));

describe('what chat bidding reads from the configuration', () => {
  it('gives the chatter’s pages the Twitch application, the signing key and where the site lives', () => {
    expect(chatterWebApp(loadConfig(env))).toEqual({
      clientId: 'client-1',
      stateKey: 's'.repeat(32),
      authorizeUrl: 'https://id.twitch.tv/oauth2/authorize',
      publicBaseUrl: 'https://c500.example',
    });
  });

  it('gives the commands the EventSub secret and the bot as well', () => {
    expect(chatBiddingApp(loadConfig(env))).toEqual({
      clientId: 'client-1',
      stateKey: 's'.repeat(32),
      authorizeUrl: 'https://id.twitch.tv/oauth2/authorize',
      publicBaseUrl: 'https://c500.example',
      eventSubSecret: 'e'.repeat(20),
      botUserId: '777',
    });
  });

  it.each(['TWITCH_CLIENT_ID', 'OAUTH_STATE_KEY', 'TWITCH_EVENTSUB_SECRET'] as const)('fails at start naming %s when it is not set', (name) => {
    expect(() => chatBiddingApp(loadConfig(without(name)))).toThrow(`${name} is not set`);
  });
});

describe('the channel option of /c500 chat-bidding off', () => {
  it('reads the login named, trimmed and lower-cased', () => {
    expect(channelOption('  LavKeebs  ')).toBe('lavkeebs');
    expect(channelOption(undefined)).toBeUndefined();
  });

  it('refuses what cannot be a Twitch login, and says what one looks like', () => {
    expect(channelOption('lav keebs')).toBe('invalid');
    expect(invalidChannelOption.content).toContain('`/c500 chat-bidding off channel:lavkeebs`');
  });
});
