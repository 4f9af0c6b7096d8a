/**
 * @module state
 * What the page knows, built from the feed alone: every message in every channel and DM as
 * it stands now (edits applied), who may see it (an ephemeral answer only its invoker), the
 * servers, channels and people met (a demo run plays in a server of its own), Twitch chat,
 * and the overlays linked. Pure of the DOM, so the rendering only reads it.
 */
import type { DiscordMessage } from '../../../ports';
import type { OutboxEntry, OutboxRefusal } from '../../discord/discord-outbox';
import type { PlayChatLine, PlayEvent, PlayInteraction } from '../play-feed';

/** `ch:<channel id>` or `dm:<user id>`. */
export type ViewKey = string;

export interface Shown {
  key: string;
  view: ViewKey;
  at: string;
  author: { name: string; bot: boolean };
  message: DiscordMessage;
  /** Only this person sees it (Discord's "Only you can see this"). */
  ephemeralFor?: string;
  /** The slash command it answers, as Discord shows above the answer. */
  command?: { by: string; text: string };
  /** The trace the person's interaction began (`GET /_local/trace/<id>`): every log line and hop it caused. */
  traceId?: string;
  messageId?: string;
  edited: boolean;
  thinking: boolean;
  /** Bumped at each change: the renderer redraws only what changed. */
  version: number;
}

export interface SeenGuild {
  id: string;
  name: string;
  channels: Map<string, string>;
}

const EPHEMERAL = 64;
const keepPerView = 300;

export class PlayState {
  readonly shown = new Map<string, Shown>();
  readonly views = new Map<ViewKey, string[]>();
  readonly guilds = new Map<string, SeenGuild>();
  readonly people = new Map<string, string>();
  readonly chat: PlayChatLine[] = [];
  /** The overlays linked, one per page (its path): a later link to the same page (a new show, a new key) replaces the earlier. */
  readonly overlays = new Map<string, string>();
  private readonly interactions = new Map<string, PlayInteraction>();
  private readonly byMessageId = new Map<string, string>();
  private readonly editWaiters = new Map<string, Array<(m: DiscordMessage) => void>>();
  /** Edits and follow-ups that came before their interaction (the worker can answer before the relay records it): applied when it comes. */
  private readonly early = new Map<string, OutboxEntry[]>();
  /** A press answered by a deferred update (type 6): its token, and the message its button is on. */
  private readonly updates = new Map<string, string>();
  private lastSeq = 0;

  /** A view's messages this person may see, oldest first. */
  visible(view: ViewKey, personId: string): Shown[] {
    return (this.views.get(view) ?? []).map((k) => this.shown.get(k) as Shown).filter((s) => !s.ephemeralFor || s.ephemeralFor === personId);
  }

  /** Applies one event of the feed; answers the views it changed. */
  apply(event: PlayEvent): ViewKey[] {
    if (event.seq <= this.lastSeq) return [];
    this.lastSeq = event.seq;
    switch (event.kind) {
      case 'interaction':
        return this.interaction(event.interaction, event.at);
      case 'outbox':
        return this.outbox(event.entry);
      case 'refused':
        return this.refused(event.refusal);
      case 'dismissed':
        return this.dismiss(event.key);
      case 'chat':
        this.chat.push(event.line);
        if (this.chat.length > 500) this.chat.shift();
        return ['chat'];
      case 'clock':
        return [];
    }
  }

  /** An interaction this page sent, known before the feed tells it: applied once either way. */
  interaction(i: PlayInteraction, at = i.at ?? new Date().toISOString()): ViewKey[] {
    if (this.interactions.has(i.token)) return [];
    this.interactions.set(i.token, i);
    this.people.set(i.user.id, i.user.username);
    if (i.guildId && i.channelId) this.channelSeen(i.guildId, i.channelId);
    if (i.guildId) this.optionChannels(i.guildId, i.data);
    const view = i.guildId && i.channelId ? `ch:${i.channelId}` : `dm:${i.user.id}`;
    const { answer } = i;
    const key = `i:${i.token}`;
    if (answer.status !== 200 || answer.type === undefined) {
      this.add({
        key,
        view,
        at,
        author: bot,
        message: { content: `This interaction failed (the ingress answered ${answer.status}).` },
        ephemeralFor: i.user.id,
      });
      return [view];
    }
    const message = (answer.data ?? {}) as DiscordMessage;
    const command = i.type === 2 ? { by: i.user.username, text: commandText(i.data) } : undefined;
    if (answer.type === 4 || answer.type === 5)
      this.add({
        key,
        view,
        at,
        author: bot,
        message: answer.type === 4 ? message : {},
        thinking: answer.type === 5,
        // Discord gives the answer a message id of its own, made as it answers; the interaction's (made the same moment) stands for it
        // here, so a button pressed on the answer says which message it is on, as Discord's presses do.
        messageId: i.id,
        ...(command ? { command } : {}),
        ...(i.traceId ? { traceId: i.traceId } : {}),
        ...((message.flags ?? 0) & EPHEMERAL ? { ephemeralFor: i.user.id } : {}),
      });
    // A deferred update: the edits of this press's answer change the message its button is on.
    if (answer.type === 6 && i.messageId) this.updates.set(i.token, i.messageId);
    if (this.updates.size > 500) this.updates.delete(this.updates.keys().next().value as string);
    const views = answer.type === 7 && i.messageId ? this.edit(i.messageId, view, message, at) : [view];
    const early = this.early.get(i.token) ?? [];
    this.early.delete(i.token);
    return [...views, ...early.flatMap((e) => this.outbox(e))];
  }

  /** An ephemeral message its reader dismissed: gone from their view, as in Discord. */
  dismiss(key: string): ViewKey[] {
    const shown = this.shown.get(key);
    if (!shown?.ephemeralFor) return [];
    this.views.set(
      shown.view,
      (this.views.get(shown.view) ?? []).filter((k) => k !== key),
    );
    this.shown.delete(key);
    return [shown.view];
  }

  /** Resolves with the first edit of an interaction's answer (the deferred work done). */
  whenAnswered(token: string): Promise<DiscordMessage> {
    const done = this.shown.get(`i:${token}`);
    if (done && !done.thinking) return Promise.resolve(done.message);
    return new Promise((resolve) => this.editWaiters.set(token, [...(this.editWaiters.get(token) ?? []), resolve]));
  }

  private outbox(e: OutboxEntry): ViewKey[] {
    const at = e.at;
    this.linksIn(e.message);
    if (e.kind === 'channel' && e.channelId) {
      const view = `ch:${e.channelId}`;
      this.add({ key: `m:${e.messageId ?? e.seq}`, view, at, author: bot, message: e.message, ...(e.messageId ? { messageId: e.messageId } : {}) });
      return [view];
    }
    if (e.kind === 'dm' && e.userId) {
      const view = `dm:${e.userId}`;
      this.add({ key: `m:${e.messageId ?? e.seq}`, view, at, author: bot, message: e.message, ...(e.messageId ? { messageId: e.messageId } : {}) });
      return [view];
    }
    if (e.kind === 'edit' && e.interactionToken) {
      const shown = this.shown.get(`i:${e.interactionToken}`);
      for (const resolve of this.editWaiters.get(e.interactionToken) ?? []) resolve(e.message);
      this.editWaiters.delete(e.interactionToken);
      const updated = this.updates.get(e.interactionToken);
      if (!shown && updated) return this.edit(updated, undefined, e.message, at);
      if (!shown) return this.holdEarly(e);
      Object.assign(shown, { message: e.message, edited: !shown.thinking, thinking: false, version: shown.version + 1 });
      return [shown.view];
    }
    if (e.kind === 'edit' && e.messageId)
      return this.edit(e.messageId, e.userId ? `dm:${e.userId}` : e.channelId ? `ch:${e.channelId}` : undefined, e.message, at);
    if (e.kind === 'followup' && e.interactionToken) {
      const i = this.interactions.get(e.interactionToken);
      if (!i) return this.holdEarly(e);
      const view = i.guildId && i.channelId ? `ch:${i.channelId}` : `dm:${i.user.id}`;
      this.add({
        key: `m:${e.messageId ?? e.seq}`,
        view,
        at,
        author: bot,
        message: e.message,
        ...((e.message.flags ?? 0) & EPHEMERAL ? { ephemeralFor: i.user.id } : {}),
      });
      return [view];
    }
    return [];
  }

  /** An answer to an interaction not seen yet: kept (a few hundred at most) until it is. */
  private holdEarly(e: OutboxEntry): ViewKey[] {
    const token = e.interactionToken as string;
    this.early.set(token, [...(this.early.get(token) ?? []), e]);
    if (this.early.size > 500) this.early.delete(this.early.keys().next().value as string);
    return [];
  }

  private edit(messageId: string, fallbackView: ViewKey | undefined, message: DiscordMessage, at: string): ViewKey[] {
    const shown = this.shown.get(this.byMessageId.get(messageId) ?? '');
    if (shown) {
      // Discord's edit is a PATCH: what it leaves out (the text, when only the buttons change) stays.
      Object.assign(shown, { message: { ...shown.message, ...message }, edited: true, version: shown.version + 1 });
      return [shown.view];
    }
    // Posted before the page's memory begins: shown from its latest edit.
    if (!fallbackView) return [];
    this.add({ key: `m:${messageId}`, view: fallbackView, at, author: bot, message, messageId, edited: true });
    return [fallbackView];
  }

  private refused(r: OutboxRefusal): ViewKey[] {
    const why = `Discord refused this ${r.kind === 'dm' ? 'DM' : r.kind} (${r.status} ${r.code}: ${r.error}). C500 was told, as Discord tells it.`;
    if (r.userId && !r.userId.includes(':')) {
      const view = `dm:${r.userId}`;
      this.add({ key: `r:${r.at}:${this.lastSeq}`, view, at: r.at, author: system, message: { content: why } });
      return [view];
    }
    const i = r.interactionToken ? this.interactions.get(r.interactionToken) : undefined;
    if (!i) return [];
    const view = i.guildId && i.channelId ? `ch:${i.channelId}` : `dm:${i.user.id}`;
    this.add({ key: `r:${r.at}:${this.lastSeq}`, view, at: r.at, author: system, message: { content: why }, ephemeralFor: i.user.id });
    return [view];
  }

  private add(s: Omit<Shown, 'version' | 'edited' | 'thinking'> & Partial<Pick<Shown, 'edited' | 'thinking'>>): void {
    const shown: Shown = { edited: false, thinking: false, ...s, version: 1 };
    this.shown.set(shown.key, shown);
    if (shown.messageId) this.byMessageId.set(shown.messageId, shown.key);
    const list = this.views.get(shown.view) ?? [];
    list.push(shown.key);
    // A busy channel (a herd's embed edits) keeps only its latest messages in the page.
    if (list.length > keepPerView) for (const gone of list.splice(0, list.length - keepPerView)) this.shown.delete(gone);
    this.views.set(shown.view, list);
  }

  private channelSeen(guildId: string, channelId: string, name?: string): void {
    let guild = this.guilds.get(guildId);
    if (!guild) this.guilds.set(guildId, (guild = { id: guildId, name: `Server …${guildId.slice(-4)}`, channels: new Map() }));
    if (!guild.channels.has(channelId) || name) guild.channels.set(channelId, name ?? `channel-${channelId.slice(-4)}`);
  }

  /** Channels named in a command's options (`/c500 setup general:#…`) belong to its server, named after the option. */
  private optionChannels(guildId: string, data: unknown): void {
    const walk = (options: unknown): void => {
      if (!Array.isArray(options)) return;
      for (const o of options as Array<{ name?: string; type?: number; value?: unknown; options?: unknown }>) {
        if (o.type === 7 && typeof o.value === 'string') this.channelSeen(guildId, o.value, o.name);
        walk(o.options);
      }
    };
    walk((data as { options?: unknown } | undefined)?.options);
  }

  private linksIn(message: DiscordMessage): void {
    const text = JSON.stringify(message);
    for (const [url] of text.matchAll(/https?:\/\/[^\s"'<>)\\]+\/overlay\/[^\s"'<>)\\]+/g)) this.overlays.set(new URL(url).pathname, url);
  }
}

const bot = { name: 'C500', bot: true };
const system = { name: 'Discord', bot: true };

/** `/c500 ship order:abc tracking:1Z…`, from a command's data as Discord sent it. */
export function commandText(data: unknown): string {
  const d = data as { name?: string; options?: Array<{ name: string; type: number; value?: unknown; options?: unknown }> } | undefined;
  const parts = [`/${d?.name ?? '?'}`];
  let options = d?.options ?? [];
  while (options.length === 1 && (options[0]?.type === 1 || options[0]?.type === 2)) {
    parts.push(options[0].name);
    options = (options[0].options ?? []) as typeof options;
  }
  for (const o of options) parts.push(`${o.name}:${String(o.value)}`);
  return parts.join(' ');
}
