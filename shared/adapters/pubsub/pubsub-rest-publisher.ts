/**
 * @module pubsub-rest-publisher
 * Publishes to Pub/Sub with one REST call (`projects.topics.publish`) over Node's global
 * `fetch`. Made for the ingress functions: `@google-cloud/pubsub` costs about 400 ms to
 * import (gRPC, protobufs), which a Discord interaction cannot spare out of its 3 s.
 *
 * @example
 * const publisher = new PubSubRestPublisher({ projectId: 'c500-prod', emulatorHost: process.env.PUBSUB_EMULATOR_HOST });
 * const messageId = await publisher.publish('live-commands', { interactionId }, { orderingKey: guildId });
 */
import type { EventPublisher, PublishOptions } from '../../ports';
import { encodeMessageData } from './pubsub-envelope';

/** The part of `GoogleAuth` the publisher uses, so tests can hand in their own token. */
export interface AccessTokenSource {
  getAccessToken(): Promise<string | null | undefined>;
}

export interface PubSubRestPublisherOptions {
  projectId: string;
  /** `host:port` of the Pub/Sub emulator (`PUBSUB_EMULATOR_HOST`): plain HTTP, no auth. */
  emulatorHost?: string;
  /**
   * Defaults to the global endpoint. Ordered delivery only holds for messages that reach
   * the same region, so publishers of ordered messages in several regions should name a
   * locational endpoint such as `https://us-central1-pubsub.googleapis.com`.
   */
  endpoint?: string;
  auth?: AccessTokenSource;
  /** The ingress must still answer Discord in time when Pub/Sub hangs. */
  timeoutMs?: number;
}

const pubsubScope = 'https://www.googleapis.com/auth/pubsub';
const defaultEndpoint = 'https://pubsub.googleapis.com';
const defaultTimeoutMs = 2_500;

interface PublishResponse {
  messageIds?: string[];
}

export class PubSubRestPublisher implements EventPublisher {
  private readonly baseUrl: string;
  private readonly auth: AccessTokenSource | undefined;
  private readonly timeoutMs: number;

  constructor(private readonly options: PubSubRestPublisherOptions) {
    const emulator = options.emulatorHost?.trim();
    this.baseUrl = emulator ? `http://${emulator}` : (options.endpoint ?? defaultEndpoint).replace(/\/+$/, '');
    // The emulator takes unauthenticated calls; asking for a token there would fail
    // on any machine without Google credentials.
    this.auth = emulator ? undefined : (options.auth ?? googleAuth());
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
  }

  async publish(topic: string, data: unknown, options: PublishOptions = {}): Promise<string> {
    const message = {
      data: encodeMessageData(data),
      ...(options.attributes ? { attributes: options.attributes } : {}),
      ...(options.orderingKey ? { orderingKey: options.orderingKey } : {}),
    };
    const url = `${this.baseUrl}/v1/projects/${encodeURIComponent(this.options.projectId)}/topics/${encodeURIComponent(topic)}:publish`;
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.auth) headers.Authorization = `Bearer ${await this.token()}`;

    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ messages: [message] }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      // fetch's own errors ("fetch failed", a timeout) do not say what was being done.
      throw new Error(`Pub/Sub publish to topic ${topic} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (!response.ok) {
      // The payload stays out of the error: it may hold what a person typed.
      throw new Error(`Pub/Sub publish to topic ${topic} failed with HTTP ${response.status}${await describeError(response)}`);
    }
    const body = (await response.json()) as PublishResponse;
    const messageId = body.messageIds?.[0];
    if (!messageId) throw new Error(`Pub/Sub publish to topic ${topic} answered no message id`);
    return messageId;
  }

  private async token(): Promise<string> {
    const token = await this.auth?.getAccessToken();
    if (!token) throw new Error('no Google access token for Pub/Sub (are Application Default Credentials set up?)');
    return token;
  }
}

/**
 * `google-auth-library` is loaded when the publisher is built (at cold start, while gen2
 * gives start-up CPU), not on the first interaction, which has only 3 s. The emulator
 * path and tests never load it. GoogleAuth caches the token and refreshes it early.
 */
function googleAuth(): AccessTokenSource {
  const { GoogleAuth } = require('google-auth-library') as typeof import('google-auth-library');
  return new GoogleAuth({ scopes: [pubsubScope] });
}

/** Google's error `status` and `message` (never our request), for the log. */
async function describeError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { status?: string; message?: string } };
    const { status, message } = body.error ?? {};
    const text = [status, message].filter(Boolean).join(': ');
    return text ? ` (${text.slice(0, 200)})` : '';
  } catch {
    return '';
  }
}
