/**
 * `npm run probe`'s options: the base URL, where the key comes from, and where the bid's
 * decision is read, from the command line and the environment alone.
 */
import { join } from 'node:path';
import { printedCheck, probeOptions } from '../../../scripts/probe';
import { ConfigError } from '../../../shared/config';

const files: Record<string, string> = {
  '/keys/probe.hex': 'abc123\n',
  [join('/data', 'dev-secrets.json')]: JSON.stringify({ PROBE_PRIVATE_KEY: 'local-key' }),
};
const readFile = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`no file ${path}`);
  return text;
};

describe('npm run probe’s options', () => {
  it('refuses to run without --url, and names the flag', () => {
    expect(() => probeOptions([], {}, readFile)).toThrow(/--url <base-url> is required/);
  });

  it('refuses a --url that is not an absolute URL', () => {
    expect(() => probeOptions(['--url', 'discord-interactions'], { PROBE_PRIVATE_KEY: 'k' }, readFile)).toThrow(/absolute URL/);
  });

  it('reads the key from --key-file before the environment', () => {
    const options = probeOptions(
      ['--url', 'https://tag---ingress.a.run.app/', '--key-file', '/keys/probe.hex'],
      { PROBE_PRIVATE_KEY: 'env', DISCORD_BOT_TOKEN: 't' },
      readFile,
    );
    expect(options).toMatchObject({ baseUrl: 'https://tag---ingress.a.run.app', keyText: 'abc123\n' });
  });

  it('takes the local runtime’s own key against a local URL', () => {
    expect(probeOptions(['--url', 'http://localhost:8080'], { C500_DATA_DIR: '/data' }, readFile).keyText).toBe('local-key');
  });

  it('asks for a key against a deployment when none is given', () => {
    expect(() => probeOptions(['--url', 'https://c500.example.com'], { C500_DATA_DIR: '/data' }, readFile)).toThrow(/needs its private key/);
  });

  it('reads the decision from Upstash when its URL and token are set, the local Redis against a local URL, else nowhere', () => {
    const upstash = { UPSTASH_REDIS_REST_URL: 'https://book.upstash.io', UPSTASH_REDIS_REST_TOKEN: 't', PROBE_PRIVATE_KEY: 'k', DISCORD_BOT_TOKEN: 't' };
    expect(probeOptions(['--url', 'https://c500.example.com'], upstash, readFile).book).toEqual({
      kind: 'upstash',
      url: 'https://book.upstash.io',
      token: 't',
    });
    expect(probeOptions(['--url', 'http://127.0.0.1:8080'], { PROBE_PRIVATE_KEY: 'k' }, readFile).book).toEqual({ kind: 'redis' });
    expect(probeOptions(['--url', 'https://c500.example.com'], { PROBE_PRIVATE_KEY: 'k', DISCORD_BOT_TOKEN: 't' }, readFile).book).toEqual({ kind: 'none' });
  });

  it('prints a failed check so it stands out', () => {
    expect(printedCheck({ check: 'bid', outcome: 'failed', reason: 'book-unavailable' })).toBe('FAILED  bid   book-unavailable');
    expect(printedCheck({ check: 'ping', outcome: 'ok', reason: 'PONG' })).toBe('ok      ping  PONG');
  });

  it('asks the local Discord for the application’s key against a local URL, and Discord’s API with the bot token elsewhere', () => {
    const env = { PROBE_PRIVATE_KEY: 'k' };
    expect(probeOptions(['--url', 'http://127.0.0.1:8080/'], env, readFile).discordApplication).toEqual({
      url: 'http://127.0.0.1:8080/_local/discord/api/v10/applications/@me',
      headers: {},
    });
    expect(probeOptions(['--url', 'https://c500.example.com'], { ...env, DISCORD_BOT_TOKEN: 'bot-token' }, readFile).discordApplication).toEqual({
      url: 'https://discord.com/api/v10/applications/@me',
      headers: { authorization: 'Bot bot-token' },
    });
    expect(
      probeOptions(['--url', 'https://c500.example.com'], { ...env, DISCORD_BOT_TOKEN: 't', C500_DISCORD_API_URL: 'http://127.0.0.1:9/api' }, readFile)
        .discordApplication.url,
    ).toBe('http://127.0.0.1:9/api/applications/@me');
  });

  it('GIVEN a deployed URL and no DISCORD_BOT_TOKEN THEN the probe refuses to run, saying what to set, rather than pass with the key unchecked', () => {
    const run = () => probeOptions(['--url', 'https://canary---discord-interactions-abc123-uc.a.run.app'], { PROBE_PRIVATE_KEY: 'k' }, readFile);
    expect(run).toThrow(ConfigError);
    expect(run).toThrow(/set DISCORD_BOT_TOKEN \(gcloud secrets versions access latest --secret discord-bot-token/);
  });

  it('GIVEN a local URL and no DISCORD_BOT_TOKEN THEN the probe still runs, asking the local Discord', () => {
    expect(probeOptions(['--url', 'http://localhost:8080'], { PROBE_PRIVATE_KEY: 'k' }, readFile).discordApplication.headers).toEqual({});
  });
});
