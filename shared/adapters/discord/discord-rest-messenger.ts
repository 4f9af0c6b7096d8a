/**
 * @module discord-rest-messenger
 * Discord REST through `@discordjs/rest`, which keeps the rate-limit buckets, honours
 * `Retry-After` and retries 5xx answers. Bot routes send `Authorization: Bot <token>`;
 * interaction webhooks are authorized by the token in their path and send none.
 *
 * Two clients: `@discordjs/rest` counts every request it sends against one local global
 * bucket (50 a second by default), interaction webhooks included, but Discord says
 * interaction endpoints are not bound by the global limit. With the bid subscriber
 * answering 250 bids at once, answers and outbid edits queued at 50 a second behind a
 * limit that does not exist. So interaction webhooks go through a client of their own
 * whose global bucket never runs out; their per-route buckets (one per token) still hold.
 *
 * @example
 * const discord = new DiscordRestMessenger({ applicationId, botToken });
 * await discord.sendDm(userId, { content: 'Your order shipped.' });
 */
import { REST, type RateLimitData } from '@discordjs/rest';
import { Routes, type APIDMChannel, type APIMessage, type RESTPostAPICurrentUserCreateDMChannelJSONBody } from 'discord-api-types/v10';
import type { DiscordMessage, DiscordMessenger, InteractionReply, SentDm } from '../../ports';

export interface DiscordRestMessengerOptions {
  applicationId: string;
  botToken: string;
  /** Base URL of the API, `https://discord.com/api` by default; tests point it at a local server. */
  api?: string;
  /** The longest rate-limit wait served by sleeping; longer ones throw. */
  maxRateLimitWaitMs?: number;
}

/**
 * A billed serverless instance should not sleep through a long rate limit: past this
 * wait the call throws a `RateLimitError` (with `retryAfter`), the subscriber fails, and
 * Pub/Sub or Cloud Tasks delivers the work again later at no cost while it waits.
 * Short waits (Discord's per-route buckets often reset in under a second) are cheaper
 * to sit out than to redeliver.
 */
const defaultMaxRateLimitWaitMs = 2_000;

export class DiscordRestMessenger implements DiscordMessenger {
  /** Bot-token routes: Discord's global limit (50 a second per bot) applies. */
  private readonly rest: REST;
  /** Interaction webhooks: per-route limits only. */
  private readonly interactionRest: REST;
  /** DM channel ids per user: opening one is a call of its own and the id never changes. */
  private readonly dmChannels = new Map<string, Promise<string>>();

  constructor(private readonly options: DiscordRestMessengerOptions) {
    const maxWaitMs = options.maxRateLimitWaitMs ?? defaultMaxRateLimitWaitMs;
    const shared = {
      version: '10',
      // Spread only when given: REST merges options over its defaults, so `api: undefined` would erase the default.
      ...(options.api ? { api: options.api } : {}),
      rejectOnRateLimit: (limit: RateLimitData) => limit.retryAfter > maxWaitMs,
    };
    this.rest = new REST(shared).setToken(options.botToken);
    // No token: nothing sent through this client may carry the bot's authorization.
    this.interactionRest = new REST({ ...shared, globalRequestsPerSecond: Number.POSITIVE_INFINITY });
  }

  async sendDm(userId: string, message: DiscordMessage): Promise<SentDm> {
    const channelId = await this.dmChannel(userId);
    const { messageId } = await this.postToChannel(channelId, message);
    return { channelId, messageId };
  }

  async postToChannel(channelId: string, message: DiscordMessage): Promise<{ messageId: string }> {
    const posted = (await this.rest.post(Routes.channelMessages(channelId), { body: message })) as APIMessage;
    return { messageId: posted.id };
  }

  async editChannelMessage(channelId: string, messageId: string, message: DiscordMessage): Promise<void> {
    await this.rest.patch(Routes.channelMessage(channelId, messageId), { body: message });
  }

  async editOriginalResponse(reply: InteractionReply, message: DiscordMessage): Promise<void> {
    await this.interactionRest.patch(Routes.webhookMessage(this.options.applicationId, reply.token, '@original'), { body: message, auth: false });
  }

  async sendFollowup(reply: InteractionReply, message: DiscordMessage): Promise<{ messageId: string }> {
    // A followup always answers with the created message, as if `?wait=true` were given.
    const posted = (await this.interactionRest.post(Routes.webhook(this.options.applicationId, reply.token), { body: message, auth: false })) as APIMessage;
    return { messageId: posted.id };
  }

  private dmChannel(userId: string): Promise<string> {
    let channel = this.dmChannels.get(userId);
    if (!channel) {
      const body: RESTPostAPICurrentUserCreateDMChannelJSONBody = { recipient_id: userId };
      channel = this.rest.post(Routes.userChannels(), { body }).then((opened) => (opened as APIDMChannel).id);
      // Cache the promise so two DMs at once open the channel once; forget a failure so the next call retries.
      channel.catch(() => {
        if (this.dmChannels.get(userId) === channel) this.dmChannels.delete(userId);
      });
      this.dmChannels.set(userId, channel);
    }
    return channel;
  }
}
