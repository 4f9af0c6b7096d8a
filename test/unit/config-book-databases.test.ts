/** The book's databases as the configuration names them: the first, then `UPSTASH_BOOK_SHARDS` in order. */
import { bookDatabases, ConfigError, loadConfig } from '../../shared/config';

const first = { UPSTASH_REDIS_REST_URL: 'https://first.upstash.io', UPSTASH_REDIS_REST_TOKEN: 'token-1' };
const shards = JSON.stringify([
  { url: 'https://second.upstash.io', token: 'token-2' },
  { url: 'https://third.upstash.io', token: 'token-3' },
]);

describe('the auction book’s databases', () => {
  it('are the one database when UPSTASH_BOOK_SHARDS is unset, [] or none', () => {
    for (const value of [undefined, '[]', 'none'])
      expect(bookDatabases(loadConfig({ ...first, ...(value === undefined ? {} : { UPSTASH_BOOK_SHARDS: value }) }))).toEqual([
        { url: 'https://first.upstash.io', token: 'token-1' },
      ]);
  });

  it('are the first, then each of UPSTASH_BOOK_SHARDS in its order', () => {
    expect(bookDatabases(loadConfig({ ...first, UPSTASH_BOOK_SHARDS: shards })).map((d) => d.token)).toEqual(['token-1', 'token-2', 'token-3']);
  });

  it.each([
    ['not JSON', '[{url:'],
    ['not a list', '{"url":"https://second.upstash.io","token":"t"}'],
    ['an entry without a token', '[{"url":"https://second.upstash.io"}]'],
    ['an entry whose url is not one', '[{"url":"second","token":"t"}]'],
    [
      'a database twice',
      JSON.stringify([
        { url: 'https://second.upstash.io', token: 'a' },
        { url: 'https://second.upstash.io', token: 'b' },
      ]),
    ],
    ['the first database again', JSON.stringify([{ url: 'https://first.upstash.io', token: 'token-1' }])],
  ])('stop a function at start with a ConfigError naming UPSTASH_BOOK_SHARDS when it holds %s', (_, value) => {
    expect(() => loadConfig({ ...first, UPSTASH_BOOK_SHARDS: value })).toThrow(ConfigError);
    expect(() => loadConfig({ ...first, UPSTASH_BOOK_SHARDS: value })).toThrow(/^UPSTASH_BOOK_SHARDS must be a JSON list/);
  });

  it('name the first database’s variable when a function holding the book was not given it', () => {
    expect(() => bookDatabases(loadConfig({}))).toThrow(
      new ConfigError('UPSTASH_REDIS_REST_URL is not set: this function needs it (see docs/reference/configuration.md)'),
    );
  });
});
