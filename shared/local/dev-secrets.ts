/**
 * @module dev-secrets
 * A newcomer's server needs no account anywhere: every secret not given in the
 * environment gets a development value, kept under the data dir so it survives restarts
 * and printed at start (the Discord key pair among them, so people can sign requests).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretName } from '../config';
import { generateDiscordKeyPair } from './discord-signing';

export type DevSecrets = Partial<Record<SecretName | 'DISCORD_PRIVATE_KEY', string>>;

/**
 * Upstash is served by the local bridge instead, with a token of its own, and on one Redis (no
 * further databases); the local Twitch clips as the bot without a token.
 */
type Generated = Exclude<SecretName, 'UPSTASH_REDIS_REST_URL' | 'UPSTASH_REDIS_REST_TOKEN' | 'UPSTASH_BOOK_SHARDS' | 'TWITCH_BOT_REFRESH_TOKEN'>;

function generate(): Record<Generated | 'DISCORD_PRIVATE_KEY', string> {
  const hex = (n: number) => randomBytes(n).toString('hex');
  const discord = generateDiscordKeyPair();
  // The probe signs as Discord does, with a pair of its own.
  const probe = generateDiscordKeyPair();
  return {
    DISCORD_PUBLIC_KEY: discord.publicKeyHex,
    DISCORD_PRIVATE_KEY: discord.privateKeyHex,
    DISCORD_APPLICATION_ID: '1100000000000000001',
    DISCORD_BOT_TOKEN: `local-bot-${hex(12)}`,
    STRIPE_SECRET_KEY: `sk_test_local_${hex(12)}`,
    STRIPE_WEBHOOK_SECRET: `whsec_local_${hex(16)}`,
    STRIPE_CONNECT_WEBHOOK_SECRET: `whsec_local_connect_${hex(16)}`,
    TWITCH_CLIENT_ID: `local${hex(8)}`,
    TWITCH_CLIENT_SECRET: hex(16),
    TWITCH_EVENTSUB_SECRET: hex(16),
    OAUTH_STATE_KEY: hex(32),
    SHOPIFY_WEBHOOK_SECRET: hex(16),
    KOFI_VERIFICATION_TOKEN: hex(12),
    // EasyPost's test keys start EZTK; only the local carrier stand-in takes this one.
    EASYPOST_API_KEY: `EZTK_local_${hex(12)}`,
    EASYPOST_WEBHOOK_SECRET: hex(16),
    DISCORD_CLIENT_SECRET: `local-client-secret-${hex(12)}`,
    DASHBOARD_SESSION_KEY: hex(32),
    TOKEN_SEAL_KEYS: `local1=${hex(32)}`,
    LOG_ID_KEY: hex(32),
    ID_HASH_KEY: hex(32),
    PROBE_PUBLIC_KEY: probe.publicKeyHex,
    PROBE_PRIVATE_KEY: probe.privateKeyHex,
  };
}

export interface FilledSecrets {
  secrets: DevSecrets;
  /** The names that got a development value. */
  generated: string[];
}

/** Fills what the environment lacks from `<dataDir>/dev-secrets.json`, creating it once. */
export function fillDevSecrets(given: Partial<Record<SecretName, string>>, dataDir: string): FilledSecrets {
  const file = join(dataDir, 'dev-secrets.json');
  let saved: DevSecrets | undefined;
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as DevSecrets;
  } catch {
    saved = undefined;
  }
  // A data dir from before a secret existed gets a value for it, and keeps every one it had.
  const fresh = generate();
  const missing = Object.keys(fresh).filter((name) => saved?.[name as keyof DevSecrets] === undefined);
  if (!saved || missing.length > 0) {
    const discordKeys = saved?.DISCORD_PUBLIC_KEY ? {} : { DISCORD_PUBLIC_KEY: fresh.DISCORD_PUBLIC_KEY, DISCORD_PRIVATE_KEY: fresh.DISCORD_PRIVATE_KEY };
    const probeKeys = saved?.PROBE_PUBLIC_KEY ? {} : { PROBE_PUBLIC_KEY: fresh.PROBE_PUBLIC_KEY, PROBE_PRIVATE_KEY: fresh.PROBE_PRIVATE_KEY };
    saved = { ...fresh, ...saved, ...discordKeys, ...probeKeys };
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, `${JSON.stringify(saved, null, 2)}\n`, { mode: 0o600 });
  }
  const secrets: DevSecrets = { ...given };
  const generated: string[] = [];
  for (const [name, value] of Object.entries(saved) as Array<[keyof DevSecrets, string]>) {
    if (name === 'DISCORD_PRIVATE_KEY') continue;
    if (secrets[name] === undefined) {
      secrets[name] = value;
      generated.push(name);
    }
  }
  // The private key only signs for the public key it was made with.
  if (secrets.DISCORD_PUBLIC_KEY === saved.DISCORD_PUBLIC_KEY) secrets.DISCORD_PRIVATE_KEY = saved.DISCORD_PRIVATE_KEY;
  if (secrets.PROBE_PUBLIC_KEY !== saved.PROBE_PUBLIC_KEY && given.PROBE_PRIVATE_KEY === undefined) delete secrets.PROBE_PRIVATE_KEY;
  return { secrets, generated };
}
