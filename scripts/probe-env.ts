/**
 * The environment of a deployed ingress, with fresh secrets, for the probe. The request
 * part of the probe speaks Discord, Ko-fi and Shopify, so only those ingresses take `request`.
 */
import { randomBytes } from 'node:crypto';
import { generateDiscordKeyPair } from '../shared/local/discord-signing';

export const ingressTargets = ['discordInteractions', 'stripeWebhook', 'twitchWebhook', 'kofiWebhook', 'shopifyWebhook'] as const;
export type IngressTarget = (typeof ingressTargets)[number];

export function ingressProbeEnv(options: { request: boolean; target?: IngressTarget }): NodeJS.ProcessEnv {
  const keys = generateDiscordKeyPair();
  return {
    PATH: process.env.PATH,
    FUNCTION_TARGET: options.target ?? 'discordInteractions',
    STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
    STRIPE_CONNECT_WEBHOOK_SECRET: `whsec_${randomBytes(16).toString('hex')}`,
    TWITCH_EVENTSUB_SECRET: randomBytes(16).toString('hex'),
    KOFI_VERIFICATION_TOKEN: randomBytes(16).toString('hex'),
    SHOPIFY_WEBHOOK_SECRET: randomBytes(32).toString('hex'),
    // Every function hashes people's ids in its log lines: none starts without the key.
    LOG_ID_KEY: randomBytes(32).toString('hex'),
    C500_RUNTIME: 'gcp',
    GOOGLE_CLOUD_PROJECT: 'c500-probe',
    C500_PUBLIC_BASE_URL: 'https://c500.example',
    C500_CONTROLLER_NAME: 'C500 Test Ltd',
    C500_PRIVACY_CONTACT: 'privacy@c500.example',
    C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH, eu-rep@c500.example',
    DISCORD_PUBLIC_KEY: keys.publicKeyHex,
    DISCORD_PRIVATE_KEY: keys.privateKeyHex,
    C500_LOG_LEVEL: 'silent',
    // No trace sampled: a sampled span loads OpenTelemetry's SDK and Cloud Trace's exporter (with
    // gRPC) after the answer, so at the default 10 % one run in ten would read another module graph.
    // The graph read here is the answer's path, the same every run.
    C500_TRACE_SAMPLE_RATIO: '0',
    // No metadata server here: the publisher's token warm-up at cold start fails at once instead of probing for one.
    METADATA_SERVER_DETECTION: 'none',
    ...(options.request ? { PROBE_REQUEST: '1' } : {}),
  };
}
