/**
 * @module pubsub-rest-publisher
 * Publishes to Pub/Sub with one REST call (`projects.topics.publish`) over Node's global
 * `fetch`. Made for the ingress functions: `@google-cloud/pubsub` costs about 400 ms to
 * import (gRPC, protobufs), which a Discord interaction cannot spare out of its 3 s.
 * Discord never resends an interaction, so one blip must not lose it: the publish retries
 * what the official client retries (`publish-retry`), all of it (the token included)
 * inside one deadline, and the token is kept warm (`warm-access-token`).
 *
 * @example
 * const publisher = new PubSubRestPublisher({ projectId: 'c500-prod', emulatorHost: process.env.PUBSUB_EMULATOR_HOST });
 * const messageId = await publisher.publish('live-commands', { interactionId }, { orderingKey: guildId });
 */
import type { EventPublisher, PublishOptions } from '../../ports';
import { log } from '../../log';
import { encodeMessageData } from './pubsub-envelope';
import { withTraceAttribute } from '../../trace-context';
import { publishRetryDelayMs, realRetryClock, retryablePublishStatuses, type RetryClock } from './publish-retry';
import { renewAheadMs, WarmAccessToken, type FetchAccessToken } from './warm-access-token';

/** The part of `GoogleAuth` a REST reader uses, so tests can hand in their own token. */
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
  /** Where tokens come from; Application Default Credentials when not given. */
  fetchAccessToken?: FetchAccessToken;
  /** The whole publish, token and retries included: the ingress must still answer Discord in time. */
  timeoutMs?: number;
  clock?: RetryClock;
  /** Jitter of the retry waits; `Math.random` when not given. */
  random?: () => number;
}

const pubsubScope = 'https://www.googleapis.com/auth/pubsub';
const defaultEndpoint = 'https://pubsub.googleapis.com';
const defaultTimeoutMs = 2_500;

interface PublishResponse {
  messageIds?: string[];
}

/** One try's outcome: the message id, or a failure worth another try. */
type Attempt = { messageId: string } | { retryable: Error };

export class PubSubRestPublisher implements EventPublisher {
  private readonly baseUrl: string;
  private readonly token: WarmAccessToken | undefined;
  private readonly timeoutMs: number;
  private readonly clock: RetryClock;
  private readonly random: () => number;

  constructor(private readonly options: PubSubRestPublisherOptions) {
    const emulator = options.emulatorHost?.trim();
    this.baseUrl = emulator ? `http://${emulator}` : (options.endpoint ?? defaultEndpoint).replace(/\/+$/, '');
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.clock = options.clock ?? realRetryClock;
    this.random = options.random ?? Math.random;
    // The emulator takes unauthenticated calls; asking for a token there would fail
    // on any machine without Google credentials.
    if (!emulator) {
      const clock = this.clock;
      this.token = new WarmAccessToken(
        options.fetchAccessToken ?? googleAccessToken(),
        () => clock.now(),
        (error) =>
          log.warn('fetching a Google access token for Pub/Sub ahead of time failed; the next publish asks again', {
            error: error instanceof Error ? error.message : String(error),
          }),
      );
      this.token.warm();
    }
  }

  async publish(topic: string, data: unknown, options: PublishOptions = {}): Promise<string> {
    // The trace travels where Google's own client (and its tooling) reads it: `googclient_traceparent`.
    const attributes = withTraceAttribute(options.attributes);
    const message = {
      data: encodeMessageData(data),
      ...(attributes ? { attributes } : {}),
      ...(options.orderingKey ? { orderingKey: options.orderingKey } : {}),
    };
    const body = JSON.stringify({ messages: [message] });
    const url = `${this.baseUrl}/v1/projects/${encodeURIComponent(this.options.projectId)}/topics/${encodeURIComponent(topic)}:publish`;
    const deadline = this.clock.now() + this.timeoutMs;
    const timeLeft = () => AbortSignal.timeout(Math.max(1, deadline - this.clock.now()));

    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.token) {
      try {
        headers.Authorization = `Bearer ${await this.token.get(timeLeft())}`;
      } catch (error) {
        throw new Error(`Pub/Sub publish to topic ${topic} failed: no Google access token (${errorText(error)})`, { cause: error });
      }
    }
    for (let retry = 0; ; retry++) {
      const attempt = await this.attempt(topic, url, headers, body, timeLeft());
      if ('messageId' in attempt) return attempt.messageId;
      const wait = publishRetryDelayMs(retry, this.random);
      // A wait that would end at the deadline leaves no time for the try after it.
      if (this.clock.now() + wait >= deadline)
        throw new Error(`${attempt.retryable.message}; gave up after ${retry + 1} tries in ${this.timeoutMs} ms`, { cause: attempt.retryable });
      await this.clock.sleep(wait);
    }
  }

  private async attempt(topic: string, url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<Attempt> {
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers, body, signal });
    } catch (error) {
      // fetch's own errors ("fetch failed", a timeout) do not say what was being done.
      const failure = new Error(`Pub/Sub publish to topic ${topic} failed: ${errorText(error)}`, { cause: error });
      // A connection refused or reset is UNAVAILABLE; a timeout is the deadline, spent.
      if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) throw failure;
      return { retryable: failure };
    }
    if (!response.ok) {
      // The payload stays out of the error: it may hold what a person typed.
      const failure = new Error(`Pub/Sub publish to topic ${topic} failed with HTTP ${response.status}${await describeError(response)}`);
      if (retryablePublishStatuses.includes(response.status)) return { retryable: failure };
      throw failure;
    }
    const answer = (await response.json()) as PublishResponse;
    const messageId = answer.messageIds?.[0];
    if (!messageId) throw new Error(`Pub/Sub publish to topic ${topic} answered no message id`);
    return { messageId };
  }
}

/**
 * Tokens from Application Default Credentials with their expiry. `google-auth-library` is
 * loaded when the publisher is built (at cold start, while gen2 gives start-up CPU), not
 * on the first interaction, which has only 3 s. The emulator path and tests never load it.
 */
function googleAccessToken(): FetchAccessToken {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only where a real endpoint is used
  const { GoogleAuth } = require('google-auth-library') as typeof import('google-auth-library');
  const auth = new GoogleAuth({ scopes: [pubsubScope], clientOptions: { eagerRefreshThresholdMillis: renewAheadMs } });
  return async () => {
    const client = await auth.getClient();
    const { token } = await client.getAccessToken();
    if (!token) throw new Error('no Google access token for Pub/Sub (are Application Default Credentials set up?)');
    const expiry = client.credentials.expiry_date;
    // An expiry the library does not say: use it a minute, then renew behind the callers.
    return { token, expiresAtMs: typeof expiry === 'number' ? expiry : Date.now() + renewAheadMs + 60_000 };
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
