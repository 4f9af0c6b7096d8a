/**
 * @module config/book-databases
 * The Upstash databases the auction book is spread over (shared/auctions/rules/book-shards):
 * the first is `UPSTASH_REDIS_REST_URL` and `UPSTASH_REDIS_REST_TOKEN`, as with one database;
 * more are `UPSTASH_BOOK_SHARDS`, a JSON list of `{ "url", "token" }` in the order they were
 * added (a database is known by its place: append, never reorder). `[]` or `none`: only the first.
 */
import { invalid, missing } from './errors';

export interface BookDatabase {
  url: string;
  token: string;
}

const expected = 'a JSON list of {"url": "https://…", "token": "…"}, each database once and not the first (`[]` or `none` for none)';

/** The extra databases `UPSTASH_BOOK_SHARDS` names; throws a ConfigError naming the variable when it cannot be read. */
export function readBookShards(text: string | undefined, first?: string): BookDatabase[] {
  const trimmed = text?.trim() ?? '';
  if (trimmed === '' || trimmed === 'none') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return invalid('UPSTASH_BOOK_SHARDS', expected);
  }
  if (!Array.isArray(parsed)) return invalid('UPSTASH_BOOK_SHARDS', expected);
  const databases = parsed.map((entry: unknown): BookDatabase => {
    const { url, token } = (entry ?? {}) as { url?: unknown; token?: unknown };
    if (typeof url !== 'string' || !URL.canParse(url) || typeof token !== 'string' || token === '') return invalid('UPSTASH_BOOK_SHARDS', expected);
    return { url, token };
  });
  const urls = databases.map((d) => d.url);
  if (new Set(urls).size !== urls.length || (first !== undefined && urls.includes(first))) invalid('UPSTASH_BOOK_SHARDS', expected);
  return databases;
}

/** Every database of the book, the first first: what each function that holds the book connects to. */
export function bookDatabases(config: {
  secrets: Partial<Record<'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN' | 'UPSTASH_BOOK_SHARDS', string>>;
}): BookDatabase[] {
  const url = config.secrets.UPSTASH_REDIS_REST_URL;
  const token = config.secrets.UPSTASH_REDIS_REST_TOKEN;
  if (url === undefined) return missing('UPSTASH_REDIS_REST_URL', 'this function needs it (see docs/reference/configuration.md)');
  if (token === undefined) return missing('UPSTASH_REDIS_REST_TOKEN', 'this function needs it (see docs/reference/configuration.md)');
  return [{ url, token }, ...readBookShards(config.secrets.UPSTASH_BOOK_SHARDS, url)];
}
