/**
 * The environment of a deployed Discord ingress, with a fresh key pair, for the probe.
 */
import { generateDiscordKeyPair } from '../shared/local/discord-signing';

export function ingressProbeEnv(options: { request: boolean }): NodeJS.ProcessEnv {
  const keys = generateDiscordKeyPair();
  return {
    PATH: process.env.PATH,
    FUNCTION_TARGET: 'discordInteractions',
    C500_RUNTIME: 'gcp',
    GOOGLE_CLOUD_PROJECT: 'c500-probe',
    C500_PUBLIC_BASE_URL: 'https://c500.example',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_PRIVATE_KEY: keys.privateKeyHex,
    C500_LOG_LEVEL: 'silent',
    ...(options.request ? { PROBE_REQUEST: '1' } : {}),
  };
}
