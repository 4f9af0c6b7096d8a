/**
 * `npm run probe -- --url <base-url> [--key-file <path>]`: the synthetic probe's checks
 * (docs/operations/probe.md) from a workstation against any deployment's base URL, a
 * revision's tag URL too: a signed PING and a dry-run bid on the probe's own lot. Prints each
 * check; exits 1 when one failed, 2 when it could not run.
 *
 * The key check: the ingress says which Discord public key it holds (in its answer to the
 * probe's PING), and Discord's API says the application's (`verify_key` of GET
 * /applications/@me, with DISCORD_BOT_TOKEN and C500_DISCORD_API_URL if set; against a local
 * URL, the local Discord answers). When they differ the probe fails (exit 1): every
 * interaction Discord sends is then refused. Against a deployed URL the check is not optional:
 * without DISCORD_BOT_TOKEN the probe does not run (exit 2), so a deploy's smoke test (which
 * runs this probe against the canary's tag) always holds the new revision's key.
 *
 * The key: `--key-file` (PKCS#8 DER in hex, or PEM), else PROBE_PRIVATE_KEY, else, against a
 * local URL, the local runtime's own (`<data dir>/dev-secrets.json`). The bid's decision is
 * read from the book: Upstash when UPSTASH_REDIS_REST_URL and _TOKEN are set, the local Redis
 * against a local URL; with neither, the bid check ends at the ingress's answer and says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../shared/config';
import { systemClock } from '../shared/ports';
import { probePrivateKey, probeSigner, runProbe, type ProbeCheck } from '../shared/probe';
import { discordApplicationKey, probeDecisionReads } from '../shared/router/probe-wiring';

type Env = Readonly<Record<string, string | undefined>>;

export interface ProbeOptions {
  baseUrl: string;
  /** The private key's text, as read from the file or the environment. */
  keyText: string;
  /** Where the bid's decision is read: Upstash's REST API, the local Redis, or nowhere. */
  book: { kind: 'upstash'; url: string; token: string } | { kind: 'redis' } | { kind: 'none' };
  /** Where the application's key is read: Discord's Get Current Application, or the local Discord against a local URL. */
  discordApplication: { url: string; headers: Record<string, string> };
}

const isLocal = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** The options from the command line and the environment; a file is read through `readFile`. */
export function probeOptions(args: readonly string[], env: Env, readFile: (path: string) => string): ProbeOptions {
  const valueOf = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const raw = valueOf('--url');
  if (!raw) throw new ConfigError('--url <base-url> is required, e.g. npm run probe -- --url https://discord-interactions-123.us-central1.run.app');
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`--url takes an absolute URL (got ${raw})`);
  }
  const keyFile = valueOf('--key-file');
  const localKey = () => {
    const dataDir = loadConfig({ ...env, C500_RUNTIME: 'local' }).dataDir;
    return (JSON.parse(readFile(join(dataDir, 'dev-secrets.json'))) as { PROBE_PRIVATE_KEY?: string }).PROBE_PRIVATE_KEY;
  };
  const keyText = keyFile !== undefined ? readFile(keyFile) : (env.PROBE_PRIVATE_KEY ?? (isLocal(url) ? localKey() : undefined));
  if (!keyText) throw new ConfigError('the probe needs its private key: --key-file <path> or PROBE_PRIVATE_KEY (docs/operations/probe.md)');
  const { UPSTASH_REDIS_REST_URL: bookUrl, UPSTASH_REDIS_REST_TOKEN: bookToken } = env;
  const book: ProbeOptions['book'] =
    bookUrl && bookToken ? { kind: 'upstash', url: bookUrl, token: bookToken } : isLocal(url) ? { kind: 'redis' } : { kind: 'none' };
  const baseUrl = url.toString().replace(/\/$/, '');
  if (!isLocal(url) && !env.DISCORD_BOT_TOKEN) {
    throw new ConfigError(
      'against a deployed URL the probe checks the ingress’s Discord public key against the application’s, and needs the bot token for that: ' +
        'set DISCORD_BOT_TOKEN (gcloud secrets versions access latest --secret discord-bot-token --project $PROJECT; docs/operations/probe.md)',
    );
  }
  const discordApplication: ProbeOptions['discordApplication'] = isLocal(url)
    ? { url: `${baseUrl}/_local/discord/api/v10/applications/@me`, headers: {} }
    : { url: `${env.C500_DISCORD_API_URL ?? 'https://discord.com/api/v10'}/applications/@me`, headers: { authorization: `Bot ${env.DISCORD_BOT_TOKEN}` } };
  return { baseUrl, keyText, book, discordApplication };
}

/* eslint-disable @typescript-eslint/no-require-imports -- each book's client loads only when it is the one used */
/** Reads the probe bid's decision where the options say; `close` lets the process end. */
function decisionReader(options: ProbeOptions, env: Env): { read?: (probeId: string) => Promise<string | undefined>; close(): Promise<void> } {
  const { auctionBookKeys } = require('../shared/adapters/upstash/book-layout') as typeof import('../shared/adapters/upstash/book-layout');
  const { probeDecisions } = require('../shared/adapters/upstash/probe-decisions') as typeof import('../shared/adapters/upstash/probe-decisions');
  const config = loadConfig({ ...env, C500_RUNTIME: 'local' });
  // Production's keys start with c500: (terraform's redis_key_prefix); the local runtime's with its own.
  const prefix = options.book.kind === 'upstash' ? (env.C500_REDIS_KEY_PREFIX ?? 'c500:') : config.redisKeyPrefix;
  const { probeKey, probeCountKey } = auctionBookKeys(prefix);
  if (options.book.kind === 'upstash') {
    const { connectAuctionBook } = require('../shared/adapters/upstash/upstash-connection') as typeof import('../shared/adapters/upstash/upstash-connection');
    const redis = connectAuctionBook(options.book);
    return { read: probeDecisions(redis, probeKey, probeCountKey).probeDecision, close: async () => undefined };
  }
  if (options.book.kind === 'redis') {
    const { connectAuctionBookOverResp } = require('../shared/local/upstash/resp-connection') as typeof import('../shared/local/upstash/resp-connection');
    const connection = connectAuctionBookOverResp(config.redisUrl);
    return { read: probeDecisions(connection.redis, probeKey, probeCountKey).probeDecision, close: connection.close };
  }
  return { close: async () => undefined };
}
/* eslint-enable @typescript-eslint/no-require-imports */

export function printedCheck(check: ProbeCheck): string {
  return `${check.outcome === 'ok' ? 'ok    ' : 'FAILED'}  ${check.check.padEnd(4)}  ${check.reason}`;
}

if (require.main === module) {
  (async () => {
    const options = probeOptions(process.argv.slice(2), process.env, (path) => readFileSync(path, 'utf8'));
    const reader = decisionReader(options, process.env);
    try {
      const checks = await runProbe({
        baseUrl: options.baseUrl,
        sign: probeSigner(probePrivateKey(options.keyText)),
        clock: systemClock,
        fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(10_000) }),
        ...(reader.read ? { readBidDecision: reader.read } : {}),
        applicationKey: discordApplicationKey(options.discordApplication),
        pause: () => new Promise((resolve) => setTimeout(resolve, probeDecisionReads.everyMs)),
        attempts: probeDecisionReads.attempts,
      });
      console.log(`probe of ${options.baseUrl}`);
      for (const check of checks) console.log(printedCheck(check));
      process.exitCode = checks.every((c) => c.outcome === 'ok') ? 0 : 1;
    } finally {
      await reader.close();
    }
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
