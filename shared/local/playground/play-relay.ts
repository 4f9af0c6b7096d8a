/**
 * @module play-relay
 * Plays Discord for the playground: makes the interaction Discord would send when a person
 * types a command, presses a button or submits a modal, signs it with the development key
 * and posts it to the Discord ingress over HTTP, exactly as Discord does, then records the
 * interaction and the ingress's answer in the feed. A script's own interaction (the demo's)
 * goes the same way, unchanged, so a page watching sees it too.
 */
import { randomBytes } from 'node:crypto';
import { snowflakeAt } from '../../common';
import type { Clock, DiscordMessage } from '../../ports';
import { interactionSigner, type InteractionSigner } from '../discord-signing';
import { formatTraceparent, freshTrace, traceparentHeader } from '../../trace-context';
import type { PlayFeed, PlayInteraction } from './play-feed';
import type { PlayPerson, PlayWorldBook } from './play-world';

export interface PlayRelayDeps {
  /** Where Discord would post: the runtime's public address. */
  ingressUrl: string;
  /** The development key; absent when the runtime verifies against a real app's public key. */
  privateKey: string | undefined;
  applicationId: string;
  clock: Clock;
  feed: PlayFeed;
  world: PlayWorldBook;
}

/** What the page asks for: who does what, where. */
export interface PlayAction {
  as: string;
  /** A channel of the playground's server; absent for a press in the person's DMs. */
  channelId?: string;
  type: 2 | 3 | 5;
  data: Record<string, unknown>;
  messageId?: string;
}

export class PlayRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class PlayRelay {
  private readonly sign: InteractionSigner | undefined;
  private sequence = 0;
  private readonly dmChannels = new Map<string, string>();

  constructor(private readonly deps: PlayRelayDeps) {
    this.sign = deps.privateKey ? interactionSigner(deps.privateKey) : undefined;
  }

  /** A person of the playground acts: the interaction is made here, as Discord makes it. */
  async act(action: PlayAction): Promise<PlayInteraction> {
    const person = this.deps.world.person(action.as);
    if (!person) throw new PlayRefusal(400, 'as names nobody in the playground: pick someone from GET /_local/play/world');
    const world = this.deps.world.world();
    if (action.channelId !== undefined && !world.channels.some((c) => c.id === action.channelId))
      throw new PlayRefusal(400, 'channelId is not a channel of the playground’s server');
    return this.post(this.interactionOf(person, action, world.guild.id));
  }

  /** A script's interaction, sent as it is (signed here): the demo's, watched in the playground. */
  async relay(interaction: Record<string, unknown>): Promise<PlayInteraction> {
    return this.post(interaction);
  }

  private interactionOf(person: PlayPerson, action: PlayAction, guildId: string): Record<string, unknown> {
    const nowMs = this.deps.clock.now().getTime();
    const user = { id: person.id, username: person.name, global_name: null };
    const where =
      action.channelId !== undefined
        ? { guild_id: guildId, channel_id: action.channelId, member: { user, permissions: person.permissions, roles: [] }, context: 0 }
        : { channel_id: this.dmChannelOf(person.id, nowMs), user, context: 1 };
    return {
      id: snowflakeAt(nowMs, this.sequence++ % 4_000_000),
      application_id: this.deps.applicationId,
      type: action.type,
      token: `play.${randomBytes(24).toString('base64url')}`,
      version: 1,
      locale: 'en-US',
      ...where,
      data: action.data,
      ...(action.messageId ? { message: { id: action.messageId, channel_id: where.channel_id } } : {}),
    };
  }

  private dmChannelOf(userId: string, nowMs: number): string {
    let channel = this.dmChannels.get(userId);
    if (!channel) this.dmChannels.set(userId, (channel = snowflakeAt(nowMs, 4_100_000 + this.dmChannels.size)));
    return channel;
  }

  private async post(interaction: Record<string, unknown>): Promise<PlayInteraction> {
    if (!this.sign)
      throw new PlayRefusal(
        409,
        'this runtime checks interactions against DISCORD_PUBLIC_KEY from your own Discord app, whose private key it does not have: unset DISCORD_PUBLIC_KEY to play with the development key',
      );
    const raw = JSON.stringify(interaction);
    // The ingress checks a signature's age against the wall clock, as Discord's servers and
    // ours share real time; the interaction's id (when its token was issued) is on the local
    // clock, which `POST /_local/clock` moves, as the outbox reads it.
    const timestamp = String(Math.floor(Date.now() / 1000));
    // A trace of its own, as Google's front end starts one for Discord's request: the page links the interaction to it.
    const trace = freshTrace();
    const headers = { ...this.sign(raw, timestamp), [traceparentHeader]: formatTraceparent(trace) };
    const answer = await fetch(`${this.deps.ingressUrl}/discord/interactions`, { method: 'POST', body: raw, headers });
    const text = await answer.text();
    const body = answer.headers.get('content-type')?.includes('json') && text ? (JSON.parse(text) as { type?: number; data?: DiscordMessage }) : undefined;
    const played = {
      ...describe(interaction, this.deps.clock.now(), {
        status: answer.status,
        ...(body?.type !== undefined ? { type: body.type } : {}),
        ...(body?.data ? { data: body.data } : {}),
      }),
      traceId: trace.traceId,
    };
    this.deps.feed.add({ kind: 'interaction', interaction: played }, new Date(played.at as string));
    return played;
  }
}

function describe(i: Record<string, unknown>, at: Date, answer: PlayInteraction['answer']): PlayInteraction {
  const member = i.member as { user?: { id?: unknown; username?: unknown } } | undefined;
  const who = (member?.user ?? i.user ?? {}) as { id?: unknown; username?: unknown };
  const message = i.message as { id?: unknown } | undefined;
  return {
    id: String(i.id),
    token: String(i.token),
    type: Number(i.type),
    ...(typeof i.guild_id === 'string' ? { guildId: i.guild_id } : {}),
    ...(typeof i.channel_id === 'string' ? { channelId: i.channel_id } : {}),
    user: { id: String(who.id ?? ''), username: String(who.username ?? '') },
    ...(i.data !== undefined ? { data: i.data } : {}),
    ...(typeof message?.id === 'string' ? { messageId: message.id } : {}),
    at: at.toISOString(),
    answer,
  };
}
