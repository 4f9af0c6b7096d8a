/**
 * @module upstash-only-script-flags
 * What the local stand-ins for Upstash (the REST bridge and the RESP connection, both in
 * front of a real Redis) do with a script flag only Upstash knows. Upstash runs a script
 * under its database-wide lock unless the shebang says `#!lua flags=allow-key-locking`,
 * and then locks only the keys in KEYS. Redis 7.0 refuses that script outright
 * ("ERR Unexpected flag in script shebang: allow-key-locking"), so the stand-ins drop
 * the flag before Redis sees it, and the production code sends exactly what Upstash wants.
 *
 * EVALSHA names a script by the SHA-1 of its text: the client hashes the flagged text,
 * while Redis only ever loaded the text without the flag. The translator remembers each
 * flagged script's SHA with the SHA of what Redis got, and sends that one instead.
 *
 * @example
 * const toRedis = createUpstashScriptTranslator();
 * toRedis(['evalsha', flaggedSha, '1', 'k']); // ['evalsha', strippedSha, '1', 'k'] once the flagged text went by
 */
import { createHash } from 'node:crypto';

/** Flags Upstash reads in a script's shebang and Redis 7.0 refuses. */
export const upstashOnlyScriptFlags: readonly string[] = ['allow-key-locking'];

const shebang = /^#!lua(?:[ \t]+flags=([^\s]*))?[ \t]*(?=\r?\n|$)/;

/** The flags a script's shebang declares (none without a shebang). */
export function scriptFlags(script: string): string[] {
  const flags = shebang.exec(script)?.[1];
  return flags ? flags.split(',').filter((flag) => flag !== '') : [];
}

/**
 * The script as Redis 7.0 takes it: the shebang keeps every flag Redis knows. A shebang
 * left with none stays a bare `#!lua` (Redis then applies its shebang defaults, as it
 * would to the flagged script), so only the flag differs from what Upstash runs.
 */
export function withoutUpstashOnlyFlags(script: string): string {
  const match = shebang.exec(script);
  if (!match?.[1]) return script;
  const kept = scriptFlags(script).filter((flag) => !upstashOnlyScriptFlags.includes(flag));
  if (kept.length === scriptFlags(script).length) return script;
  return `${kept.length > 0 ? `#!lua flags=${kept.join(',')}` : '#!lua'}${script.slice(match[0].length)}`;
}

export const scriptSha = (script: string) => createHash('sha1').update(script).digest('hex');

/** A bound on the SHAs remembered: a handful of scripts exist, so it only guards a leak. */
const rememberedScripts = 1_000;

/** Rewrites one Redis command (name first, as Upstash's REST API and RESP both carry it) for a real Redis. */
export type ScriptTranslator = (command: readonly unknown[]) => unknown[];

export function createUpstashScriptTranslator(): ScriptTranslator {
  const redisShaOf = new Map<string, string>();
  const strip = (script: unknown): unknown => {
    if (typeof script !== 'string') return script;
    const stripped = withoutUpstashOnlyFlags(script);
    if (stripped !== script) {
      if (redisShaOf.size >= rememberedScripts) redisShaOf.clear();
      redisShaOf.set(scriptSha(script), scriptSha(stripped));
    }
    return stripped;
  };
  const sha = (value: unknown): unknown => (typeof value === 'string' ? (redisShaOf.get(value.toLowerCase()) ?? value) : value);

  return (command) => {
    const [name, ...args] = command;
    const verb = typeof name === 'string' ? name.toLowerCase() : '';
    switch (verb) {
      case 'eval':
      case 'eval_ro':
        return [name, strip(args[0]), ...args.slice(1)];
      case 'evalsha':
      case 'evalsha_ro':
        return [name, sha(args[0]), ...args.slice(1)];
      case 'script': {
        const sub = typeof args[0] === 'string' ? args[0].toLowerCase() : '';
        if (sub === 'load') return [name, args[0], strip(args[1]), ...args.slice(2)];
        if (sub === 'exists') return [name, args[0], ...args.slice(1).map(sha)];
        return [...command];
      }
      default:
        return [...command];
    }
  };
}
