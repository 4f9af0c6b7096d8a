/**
 * @module discord-api
 * A stand-in for Discord's REST API (v10), in front of the outbox: the routes the
 * production messenger (`DiscordRestMessenger`, on `@discordjs/rest`) calls, answered as
 * Discord answers them. With it, a function process sends through the very client that
 * deploys, and the fault plan can make "Discord" answer 429 (a route's bucket, or the
 * global one, with `Retry-After` and Discord's headers) or 5xx, so the client's own
 * rate-limit and retry handling is what is under test.
 *
 * An interaction webhook's path carries its token but not the interaction's id, whose
 * snowflake time tells the outbox when Discord issued the token; this stand-in does not
 * know it, so it does not refuse expired tokens (the in-process path still does): it dates
 * the token now by the outbox's clock, which moves with the runtime's.
 */
import type express from 'express';
import { snowflakeAt } from '../common';
import type { Config } from '../config';
import type { DiscordMessage, DiscordMessenger } from '../ports';
import type { DiscordOutbox } from './discord/discord-outbox';
import type { FaultInjector } from './faults/fault-injector';

/** Where the stand-in answers, under the runtime's URL: the messenger's `api` option. */
export const discordApiPath = '/_local/discord/api';

type Handler = (req: express.Request) => Promise<unknown>;

/** The fault plan's decisions, as far as Discord's stand-in asks for them. */
export type DiscordFaults = Pick<FaultInjector, 'roll' | 'between'>;

/** The production messenger, pointed at the stand-in: loaded only when Discord is to misbehave. */
export function discordApiMessenger(config: Config, api: string): DiscordMessenger {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design: @discordjs/rest is not loaded otherwise
  const { DiscordRestMessenger } = require('../adapters/discord/discord-rest-messenger') as typeof import('../adapters/discord/discord-rest-messenger');
  return new DiscordRestMessenger({
    applicationId: config.secrets.DISCORD_APPLICATION_ID ?? '1100000000000000001',
    botToken: config.secrets.DISCORD_BOT_TOKEN ?? 'local-bot-token',
    api,
  });
}

/** The application the local Discord speaks for: its id, and the public key of the pair it signs interactions with. */
export interface LocalApplication {
  id: string;
  /** Undefined when the local Discord holds no signing key (DISCORD_PUBLIC_KEY given without its private key). */
  verifyKey: string | undefined;
}

export function mountDiscordApi(app: express.Express, outbox: DiscordOutbox, faults?: DiscordFaults, application?: LocalApplication): void {
  // An id dated by the wall clock would look half an hour old once the local clock moved half an hour.
  const issuedNow = () => snowflakeAt(outbox.clock.now().getTime(), 0);
  const route = (method: 'get' | 'post' | 'patch', path: string, handle: Handler) =>
    app[method](`${discordApiPath}/v10${path}`, async (req, res) => {
      if (faults && injectFault(res, faults, path)) return;
      try {
        const answer = await handle(req);
        res.status(200).json(answer);
      } catch (error) {
        const { status, code, message } = error as { status?: number; code?: number; message?: string };
        if (typeof status !== 'number' || typeof code !== 'number') throw error;
        res.status(status).json({ message, code });
      }
    });
  const body = (req: express.Request) => JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '{}') as DiscordMessage & { recipient_id?: string };

  // Get Current Application: the application object, whose `verify_key` is the key Discord signs this application's interactions for.
  route('get', '/applications/@me', async () => {
    if (!application?.verifyKey) throw Object.assign(new Error('401: Unauthorized'), { status: 401, code: 0 });
    return { id: application.id, name: 'C500 (local)', verify_key: application.verifyKey, bot_public: false, bot_require_code_grant: false, flags: 0 };
  });
  route('post', '/users/@me/channels', async (req) => {
    const userId = String(body(req).recipient_id ?? '');
    return { id: outbox.dmChannelOf(userId), type: 1, recipients: [{ id: userId }] };
  });
  route('post', '/channels/:channelId/messages', async (req) => {
    const channelId = String(req.params.channelId);
    const userId = outbox.dmUserOf(channelId);
    const { messageId } = userId ? await outbox.sendDm(userId, body(req)) : await outbox.postToChannel(channelId, body(req));
    return { id: messageId, channel_id: channelId };
  });
  route('patch', '/channels/:channelId/messages/:messageId', async (req) => {
    const { channelId, messageId } = req.params as { channelId: string; messageId: string };
    await outbox.editChannelMessage(channelId, messageId, body(req));
    return { id: messageId, channel_id: channelId };
  });
  // The client sends `@original` percent-encoded, as Discord takes it either way.
  route('patch', '/webhooks/:applicationId/:token/messages/:messageId', async (req) => {
    if (decodeURIComponent(String(req.params.messageId)) !== '@original') throw Object.assign(new Error('Unknown Message'), { status: 404, code: 10008 });
    await outbox.editOriginalResponse({ id: issuedNow(), token: String(req.params.token) }, body(req));
    return { id: snowflakeAt(Date.now(), 0) };
  });
  route('post', '/webhooks/:applicationId/:token', async (req) => {
    const { messageId } = await outbox.sendFollowup({ id: issuedNow(), token: String(req.params.token) }, body(req));
    return { id: messageId };
  });
  // A route this stand-in does not serve answers as Discord answers an unknown one, so the client says what it called.
  app.all(`${discordApiPath}/*rest`, (req, res) => void res.status(404).json({ message: `404: Not Found (${req.method} ${req.path})`, code: 0 }));
}

/**
 * Answers as Discord does when it will not take the request, before doing anything:
 * whether it did, by the fault plan.
 */
/** A 429's wait in whole seconds: one four times in five, else three to five. */
function longWait(faults: DiscordFaults, kind: 'discord.429' | 'discord.429-global'): number {
  return faults.between(kind, 0, 4) < 4 ? 1 : faults.between(kind, 3, 5);
}

function injectFault(res: express.Response, faults: DiscordFaults, path: string): boolean {
  if (faults.roll('discord.429-global')) {
    // Discord's header counts whole seconds: mostly one, now and then longer than the client waits (2 s), which it throws.
    const seconds = longWait(faults, 'discord.429-global');
    res
      .status(429)
      .set({ 'retry-after': String(seconds), 'x-ratelimit-global': 'true', 'x-ratelimit-scope': 'global', via: '1.1 google' })
      .json({ message: 'You are being rate limited.', retry_after: seconds, global: true, code: 0 });
    return true;
  }
  if (faults.roll('discord.429')) {
    const seconds = longWait(faults, 'discord.429');
    res
      .status(429)
      .set({
        'retry-after': String(seconds),
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset-after': String(seconds),
        'x-ratelimit-bucket': `local-${path.split('/')[1] ?? 'route'}`,
        'x-ratelimit-scope': 'user',
      })
      .json({ message: 'You are being rate limited.', retry_after: seconds, global: false, code: 0 });
    return true;
  }
  if (faults.roll('discord.5xx')) {
    const status = [500, 502, 503][faults.between('discord.5xx', 0, 2)] as number;
    // A 502 comes from Discord's edge as an HTML page, not JSON.
    if (status === 502) res.status(502).type('text/html').send('<html><head><title>502 Bad Gateway</title></head><body>cloudflare</body></html>');
    else res.status(status).json({ message: `${status}: ${status === 500 ? 'Internal Server Error' : 'Service Unavailable'}`, code: 0 });
    return true;
  }
  return false;
}
