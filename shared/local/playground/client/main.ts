/**
 * @module main
 * The playground page: a Discord-like client on the local runtime. Servers down the left,
 * then the server's channels and your DMs with who you are and Skip ahead (the runtime's
 * clock) at the bottom; the channel in
 * the middle with the message box; Twitch and the pages to open on the right. It follows
 * the feed (server-sent events) and acts only through the relay, which plays Discord.
 */
import '@skyra/discord-components-core';
import type { PlayEvent, PlayInteraction } from '../play-feed';
import type { PlayAction } from '../play-relay';
import type { PlayPerson, PlayRole } from '../play-types';
import { act, addPerson, dismissed, getWorld, type World } from './api';
import { heard } from './clock';
import { commandData, commandPaths, readLine } from './commands';
import { composer } from './composer';
import { h } from './dom';
import { clockMovedTo, type Names } from './markdown';
import { openModal } from './modal';
import { drawRail, drawSidebar, type NavigationActions } from './navigation';
import { parties, signDashboardInAs, type Parties } from './parties';
import { messageElement, type Presses } from './render-message';
import { setUpServer } from './setup';
import { skipAhead } from './skip-ahead';
import { traceToggle } from './trace-toggle';
import { PlayState, type Shown, type ViewKey } from './state';

const youKey = 'c500.play.as';

class Playground {
  private readonly state = new PlayState();
  private server: string;
  private view: ViewKey;
  private you: string;
  private readonly unread = new Set<ViewKey>();
  private readonly rendered = new Map<string, { version: number; el: HTMLElement }>();
  private readonly rail = h('nav', { className: 'rail' });
  private readonly sidebar = h('nav', { className: 'sidebar' });
  private readonly title = h('h1', { className: 'view-title' });
  private readonly banner = h('p', { className: 'banner', hidden: true });
  private readonly setupButton = h('button', { type: 'button', className: 'setup', textContent: 'Set up this server' });
  /** Kept across the sidebar's redraws, which replace what it holds. */
  private readonly traces = traceToggle();
  /** Kept so too. The runtime's clock moved on from the page: every "in 5 minutes" counts from the moved clock at once. */
  private readonly skip = skipAhead(clockMovedTo);
  private readonly messages = document.createElement('discord-messages');
  /** Shown when messages came while the person had scrolled up to read, as Discord's bar. */
  private readonly jump = h('button', { type: 'button', className: 'jump', hidden: true, textContent: 'New messages: jump to present' });
  /** The view keeps its newest message in sight until the person scrolls up to read. */
  private following = true;
  /**
   * The person moved the list (wheel, touch, keys, the scroll bar): only then does a scroll
   * leave the newest. A list that scrolls because it changed (a view opened, messages drawn)
   * is not someone reading up.
   */
  private reading = false;
  /** Messages draw themselves after they are added (and images load): each resize keeps the newest in sight. */
  private readonly growth = new ResizeObserver(() => this.keepNewestInView());
  private readonly side: Parties;

  constructor(private readonly world: World) {
    const stored = localStorage.getItem(youKey);
    this.you = world.people.some((p) => p.id === stored) ? (stored as string) : (world.people[0] as PlayPerson).id;
    this.server = world.guild.id;
    this.view = `ch:${this.channelId('marketplace')}`;
    this.side = parties({
      state: this.state,
      builders: () => world.people.filter((p) => p.role === 'builder'),
      you: () => this.person(this.you),
      people: () => this.world.people,
      guildId: world.guild.id,
      run: (line) => this.runLine(line),
    });
    this.layOut();
  }

  private channelId(name: string): string {
    return this.world.channels.find((c) => c.name === name)?.id ?? '';
  }

  private person(id: string): PlayPerson | undefined {
    return this.world.people.find((p) => p.id === id);
  }

  /** Whether the sidebar can name a channel already: one of the playground's, or of a server met in the feed. */
  private knowsChannel(id: string): boolean {
    return this.world.channels.some((c) => c.id === id) || [...this.state.guilds.values()].some((g) => g.channels.has(id));
  }

  private names(): Names {
    const { state, world } = this;
    return {
      people: new Map([...state.people, ...world.people.map((p) => [p.id, p.name] as const)]),
      channels: new Map([...[...state.guilds.values()].flatMap((g) => [...g.channels]), ...world.channels.map((c) => [c.id, c.name] as const)]),
      roles: new Map(world.roles.map((r) => [r.id, r.name] as const)),
    };
  }

  private layOut(): void {
    this.rail.setAttribute('aria-label', 'Servers');
    this.sidebar.setAttribute('aria-label', 'Channels');
    this.banner.setAttribute('role', 'status');
    // On a phone the banner shows one line (play.css); a tap unfolds the rest.
    this.banner.title = 'Tap to read it all';
    this.banner.addEventListener('click', () => this.banner.classList.toggle('unfolded'));
    this.messages.className = 'messages';
    const navToggle = h('button', { type: 'button', className: 'nav-toggle', textContent: '☰' });
    navToggle.setAttribute('aria-label', 'Channels and people');
    navToggle.addEventListener('click', () => document.body.classList.toggle('nav-open'));
    const partiesToggle = h('button', { type: 'button', className: 'parties-toggle', textContent: 'Twitch & pages' });
    partiesToggle.addEventListener('click', () => document.body.classList.toggle('parties-open'));
    this.setupButton.addEventListener('click', () => this.setUp());
    // After a reload too: the header says what the store says now, not what this page last did.
    if (this.world.setUp) this.markSetUp();
    const box = composer(this.world.commands, {
      channels: () => this.world.channels,
      roles: () => this.world.roles,
      people: () => this.world.people,
      send: async (data) => {
        const channel = this.currentChannel();
        await this.send({ type: 2, data, ...(channel ? { channelId: channel } : {}) });
      },
    });
    for (const input of ['wheel', 'touchmove', 'keydown', 'pointerdown']) this.messages.addEventListener(input, () => (this.reading = true), { passive: true });
    this.messages.addEventListener('scroll', () => {
      const atBottom = this.distanceFromBottom() < 80;
      if (atBottom) {
        this.following = true;
        this.jump.hidden = true;
      } else if (this.reading) this.following = false;
    });
    this.jump.addEventListener('click', () => this.toPresent());
    const main = h(
      'main',
      { className: 'chat' },
      h('header', {}, navToggle, this.title, this.setupButton, partiesToggle),
      this.banner,
      this.messages,
      this.jump,
      box,
    );
    (document.getElementById('app') as HTMLElement).replaceChildren(this.rail, this.sidebar, main, this.side.element);
  }

  private distanceFromBottom(): number {
    const { messages } = this;
    return messages.scrollHeight - messages.scrollTop - messages.clientHeight;
  }

  private keepNewestInView(): void {
    if (this.following && this.distanceFromBottom() > 1) this.messages.scrollTop = this.messages.scrollHeight;
  }

  /** Back to the newest message, as when the person acts or opens a view: Discord jumps to the present then. */
  private toPresent(): void {
    this.following = true;
    this.reading = false;
    this.jump.hidden = true;
    this.keepNewestInView();
  }

  private currentChannel(): string | undefined {
    return this.view.startsWith('ch:') ? this.view.slice(3) : undefined;
  }

  say(text: string): void {
    this.banner.hidden = false;
    this.banner.textContent = text;
  }

  private readonly showError = (error: unknown) => this.say(error instanceof Error ? error.message : String(error));

  /** Acts as whoever you are, through the relay; the answer is shown at once, and a modal opened. */
  private async send(action: Omit<PlayAction, 'as'>): Promise<PlayInteraction> {
    this.toPresent();
    const played = await act({ as: this.you, ...action });
    this.applyPlayed(played, action.channelId);
    return played;
  }

  private applyPlayed(played: PlayInteraction, channel: string | undefined): void {
    if (played.at) heard(played.at);
    this.changed(this.state.interaction(played));
    this.toPresent();
    if (played.answer.type !== 9 || played.user.id !== this.you || !played.answer.data) return;
    void openModal(
      played.answer.data as Parameters<typeof openModal>[0],
      (answers) => void this.send({ type: 5, data: answers, ...(channel ? { channelId: channel } : {}) }).catch(this.showError),
    );
  }

  private readonly presses: Presses = {
    press: (shown: Shown, customId, componentType, values) => {
      const channel = shown.view.startsWith('ch:') ? shown.view.slice(3) : undefined;
      void this.send({
        type: 3,
        data: { custom_id: customId, component_type: componentType, ...(values ? { values } : {}) },
        ...(channel ? { channelId: channel } : {}),
        ...(shown.messageId ? { messageId: shown.messageId } : {}),
      }).catch(this.showError);
    },
    dismiss: (shown: Shown) => this.dismiss(shown.key),
  };

  /** Gone from this page at once, and from the person's other pages through the feed. */
  private dismiss(key: string): void {
    const shown = this.state.shown.get(key);
    this.changed(this.state.dismiss(key));
    if (shown?.ephemeralFor) dismissed(key, shown.ephemeralFor).catch(this.showError);
  }

  /** A command line run as you from Twitch & pages: in the channel open, or the marketplace from a DM; the answer shows there. */
  private async runLine(line: string): Promise<void> {
    const read = readLine(commandPaths(this.world.commands), line);
    if (!read) throw new Error(`no command ${line}`);
    if (!this.currentChannel()) this.navigation.go(this.world.guild.id, `ch:${this.channelId('marketplace')}`);
    // On a phone the panel covers the channel the answer comes in.
    document.body.classList.remove('parties-open');
    await this.send({ type: 2, data: commandData(read.path, read.values, this.world.commands), channelId: this.currentChannel() as string });
  }

  /** Done, so no longer the page's first call to action: pressing again is harmless, and says so. */
  private markSetUp(): void {
    this.setupButton.textContent = 'Set up again';
    document.body.dataset.setUp = 'done';
  }

  private setUp(): void {
    this.setupButton.disabled = true;
    delete document.body.dataset.setUp;
    const paths = commandPaths(this.world.commands);
    void setUpServer({
      world: this.world,
      say: (text) => this.say(text),
      answered: (token) => this.state.whenAnswered(token),
      dismiss: (token) => this.dismiss(`i:${token}`),
      command: async (as, channel, line) => {
        const read = readLine(paths, line);
        if (!read) throw new Error(`no command ${line}`);
        const played = await act({ as, channelId: channel, type: 2, data: commandData(read.path, read.values, this.world.commands) });
        this.applyPlayed(played, channel);
        return played;
      },
    })
      .then((next) => {
        // The banner told the steps as they ran: once they are done it would say a live state that
        // has ended, so it goes; what to do next stays on the button's tooltip.
        this.banner.hidden = true;
        this.setupButton.title = next;
        this.markSetUp();
      }, this.showError)
      .finally(() => (this.setupButton.disabled = false));
  }

  private readonly navigation: NavigationActions = {
    go: (server, view) => {
      this.server = server;
      this.view = view;
      this.unread.delete(view);
      document.body.classList.remove('nav-open');
      this.following = true;
      this.reading = false;
      this.drawAll();
    },
    become: (id) => {
      this.you = id;
      const person = this.person(id);
      if (person) localStorage.setItem(youKey, id);
      if (person) void signDashboardInAs(person, this.world.guild.id).catch(() => undefined);
      if (this.view.startsWith('dm:')) this.view = `dm:${id}`;
      this.following = true;
      this.reading = false;
      this.drawAll();
    },
    add: (role: PlayRole) => {
      void addPerson(role).then((p) => {
        this.world.people.push(p);
        this.navigation.become(p.id);
      }, this.showError);
    },
  };

  /** Redraws the channel's messages, reusing every element whose message did not change. */
  private drawMessages(): void {
    const { messages } = this;
    let names: Names | undefined;
    const els = this.state.visible(this.view, this.you).map((s) => {
      const done = this.rendered.get(s.key);
      if (done && done.version === s.version) return done.el;
      const el = messageElement(s, (names ??= this.names()), this.presses);
      this.rendered.set(s.key, { version: s.version, el });
      if (done) this.growth.unobserve(done.el);
      this.growth.observe(el);
      return el;
    });
    // Messages a busy channel let go are let go here too.
    if (this.rendered.size > 2_000)
      for (const [key, { el }] of this.rendered)
        if (!this.state.shown.has(key)) {
          this.growth.unobserve(el);
          this.rendered.delete(key);
        }
    const now = [...messages.children];
    const changed = now.length !== els.length || now.some((el, i) => el !== els[i]);
    if (changed) messages.replaceChildren(...els);
    if (this.following) this.keepNewestInView();
    else if (changed && els.at(-1) !== now.at(-1)) this.jump.hidden = false;
  }

  private drawTitle(): void {
    const channel = this.currentChannel();
    const name = channel ? (this.names().channels.get(channel) ?? 'channel') : 'C500 (your DMs)';
    this.title.textContent = channel ? `# ${name}` : `@ ${name}`;
    this.messages.setAttribute('channel-name', name);
    this.setupButton.hidden = this.server !== this.world.guild.id;
  }

  private drawNavigation(): void {
    const where = { server: this.server, view: this.view, you: this.you, unread: this.unread };
    drawRail(this.rail, this.world, this.state, where, this.navigation);
    drawSidebar(this.sidebar, this.world, this.state, where, this.navigation);
    this.sidebar.append(this.skip, this.traces);
  }

  drawAll(): void {
    this.drawNavigation();
    this.drawTitle();
    this.drawMessages();
    this.side.refresh();
  }

  private pending: { messages: boolean; navigation: boolean } | undefined;

  /**
   * After the state changed in `views`: the open one is redrawn and the others marked
   * unread, once per frame however many events came (a page opening replays thousands).
   */
  private changed(views: ViewKey[], newServer = false): void {
    const pending = (this.pending ??= { messages: false, navigation: false });
    pending.navigation ||= newServer;
    for (const v of views) {
      if (v === 'chat') continue;
      if (v === this.view) pending.messages = true;
      else if (!this.unread.has(v) && this.state.visible(v, this.you).length > 0) {
        this.unread.add(v);
        pending.navigation = true;
      }
      if (v.startsWith('ch:') && !this.knowsChannel(v.slice(3))) pending.navigation = true;
    }
    if (views.length === 0 && !newServer) return;
    requestAnimationFrame(() => {
      const due = this.pending;
      this.pending = undefined;
      if (!due) return;
      if (due.navigation) this.drawNavigation();
      if (due.messages) this.drawMessages();
      this.side.refresh();
    });
  }

  /** Follows the feed: what happened before the page opened, then each event as it happens. */
  follow(): void {
    const feed = new EventSource('/_local/play/events');
    let guilds = 0;
    for (const kind of ['interaction', 'outbox', 'refused', 'chat', 'dismissed', 'clock'] as const) {
      feed.addEventListener(kind, (event) => {
        const played = JSON.parse((event as MessageEvent<string>).data) as PlayEvent;
        // Moved from anywhere (another tab's Skip ahead, a script's POST /_local/clock): "in 88 seconds" is redrawn from it at once.
        if (played.kind === 'clock') clockMovedTo(played.at);
        else heard(played.at);
        const views = this.state.apply(played);
        const newServer = this.state.guilds.size !== guilds;
        guilds = this.state.guilds.size;
        this.changed(views, newServer);
      });
    }
    // The runtime started again, or the page fell behind what the feed keeps: start afresh.
    feed.addEventListener('reset', () => location.reload());
    feed.addEventListener('open', () => document.body.classList.remove('offline'));
    feed.addEventListener('error', () => document.body.classList.add('offline'));
  }
}

async function boot(): Promise<void> {
  const world = await getWorld();
  heard(world.now);
  const playground = new Playground(world);
  playground.follow();
  if (!world.signs)
    playground.say(
      'This runtime checks interactions against your own Discord app’s key, so the playground cannot sign them: unset DISCORD_PUBLIC_KEY to play.',
    );
  playground.drawAll();
  document.body.dataset.ready = 'true';
}

boot().catch((error: unknown) => {
  document.body.textContent = `The playground did not start: ${error instanceof Error ? error.message : String(error)}`;
});
