/**
 * The auction scripts read as text: each declares Upstash's key locking, and each key it
 * touches is one passed in KEYS. With the flag, Upstash refuses a key built inside the
 * script, and Redis on a developer machine would not notice: this test does.
 */
import * as scripts from '../../../../shared/adapters/upstash/auction-scripts';
import { scriptFlags } from '../../../../shared/local/upstash/upstash-only-script-flags';

const all = Object.entries(scripts).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[0].endsWith('Script'));

/** Commands the scripts may call, each taking exactly one key, as its first argument. */
const singleKeyCommands = [
  'GET',
  'SET',
  'DEL',
  'EXISTS',
  'PEXPIRE',
  'PTTL',
  'HGET',
  'HSET',
  'HDEL',
  'HMGET',
  'HGETALL',
  'SADD',
  'SREM',
  'SISMEMBER',
  'SMISMEMBER',
  'XADD',
  'XRANGE',
];

/** Commands that touch no key at all: the book's clock (`TIME`), read by the scripts that may begin a final call. */
const keylessCommands = ['TIME'];

interface Call {
  command: string;
  key: string;
}

/** Every `redis.call` / `redis.pcall`: its command and its first argument's text. */
function redisCalls(lua: string): Call[] {
  return [...lua.matchAll(/redis\.p?call\(\s*(['"])(\w+)\1\s*(?:,\s*([^,)]+))?/g)].map((m) => ({
    command: (m[2] ?? '').toUpperCase(),
    key: (m[3] ?? '').trim(),
  }));
}

const fromKeys = (expression: string) => /^KEYS\[(\d+|[a-z]\w*)\]$/.test(expression);

/** A local function's parameter stands for a key when every call of that function passes one from KEYS (a helper never called touches nothing). */
function parameterAlwaysFromKeys(lua: string, name: string): boolean {
  const definitions = [...lua.matchAll(/local function (\w+)\(([^)]*)\)/g)].filter((m) =>
    (m[2] ?? '')
      .split(',')
      .map((p) => p.trim())
      .includes(name),
  );
  if (definitions.length !== 1) return false;
  const [definition] = definitions;
  const fn = definition?.[1] ?? '';
  const position = (definition?.[2] ?? '')
    .split(',')
    .map((p) => p.trim())
    .indexOf(name);
  const callSites = [...lua.matchAll(new RegExp(`(?<!function )\\b${fn}\\(([^()]*)\\)`, 'g'))].map(
    (m) => (m[1] ?? '').split(',').map((a) => a.trim())[position] ?? '',
  );
  return callSites.every(fromKeys);
}

describe('the auction scripts, read as text', () => {
  it('are eleven, so a new script cannot slip past these checks unnoticed', () => {
    expect(all.map(([name]) => name).sort()).toEqual([
      'bidScript',
      'cancelScript',
      'claimEmbedScript',
      'forgetListsScript',
      'forgetScript',
      'hammerScript',
      'openScript',
      'preBidsInScript',
      'readScript',
      'trustScript',
      'withdrawScript',
    ]);
  });

  it.each(all)('%s declares allow-key-locking on its first line, so Upstash locks only its keys', (_name, lua) => {
    expect(lua.split('\n')[0]).toMatch(/^#!lua flags=/);
    expect(scriptFlags(lua)).toContain('allow-key-locking');
  });

  it.each(all)('%s calls only single-key commands whose key comes from KEYS (or the keyless TIME), never a name built in Lua', (_name, lua) => {
    const calls = redisCalls(lua);
    expect(calls.length).toBeGreaterThan(0);
    for (const call of calls.filter((c) => !(keylessCommands.includes(c.command) && c.key === ''))) {
      expect({ call, known: singleKeyCommands.includes(call.command) }).toEqual({ call, known: true });
      expect({ call, fromKeys: fromKeys(call.key) || parameterAlwaysFromKeys(lua, call.key) }).toEqual({ call, fromKeys: true });
    }
  });

  it('catches a key built inside a script, and a helper handed one', () => {
    const built = "local function load(key) return redis.call('HGET', key, 'x') end\nload(KEYS[1])\nredis.call('GET', 'c500:channel:' .. ARGV[1])";
    const [helper, concatenated] = redisCalls(built);
    expect(parameterAlwaysFromKeys(built, helper?.key ?? '')).toBe(true);
    expect(fromKeys(concatenated?.key ?? '')).toBe(false);
    const handed = "local function load(key) return redis.call('HGET', key, 'x') end\nload(ARGV[1])";
    expect(parameterAlwaysFromKeys(handed, 'key')).toBe(false);
  });
});
