/**
 * @module main
 * The playground page: a Discord-like client on the local runtime. Servers down the left,
 * then the server's channels and your DMs with who you are at the bottom; the channel in
 * the middle with the message box; Twitch and the pages to open on the right. It follows
 * the feed (server-sent events) and acts only through the relay, which plays Discord.
 */
import '@skyra/discord-components-core';
import type { PlayEvent, PlayInteraction } from '../play-feed';
import type { PlayAction } from '../play-relay';
import { playRoles, type PlayPerson, type PlayRole } from '../play-types';
import { act, addPerson, getWorld, type World } from './api';
import { commandData, commandPaths, readLine } from './commands';
import { composer } from './composer';
import type { Names } from './markdown';
import { openModal } from './modal';
import { parties } from './parties';
import { messageElement, type Presses } from './render-message';
import { setUpServer } from './setup';
import { PlayState, type Shown, type ViewKey } from './state';

function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: Array<Node | string>
): HTMLElementTagNameMap[K] {
  const el = Object.assign(document.createElement(tag), props);
  el.append(...children);
  return el;
}

async function boot(): Promise<void> {
  const world: World = await getWorld();
  const state = new PlayState();
  const paths = commandPaths(world.commands);
  const stored = localStorage.getItem('c500.play.as');
  let you = world.people.some((p) => p.id === stored) ? (stored as string) : (world.people[0] as PlayPerson).id;
  const channelId = (name: string) => world.channels.find((c) => c.name === name)?.id as string;
  let server: string = world.guild.id;
  let view: ViewKey = `ch:${channelId('marketplace')}`;
  const unread = new Set<ViewKey>();

  const person = (id: string): PlayPerson | undefined => world.people.find((p) => p.id === id);
  const names = (): Names => ({
    people: new Map([...state.people, ...world.people.map((p) => [p.id, p.name] as const)]),
    channels: new Map([...[...state.guilds.values()].flatMap((g) => [...g.channels]), ...world.channels.map((c) => [c.id, c.name] as const)]),
    roles: new Map(world.roles.map((r) => [r.id, r.name] as const)),
  });

  // ---- the skeleton
  const rail = h('nav', { className: 'rail' });
  rail.setAttribute('aria-label', 'Servers');
  const sidebar = h('nav', { className: 'sidebar' });
  sidebar.setAttribute('aria-label', 'Channels');
  const title = h('h1', { className: 'view-title' });
  const banner = h('p', { className: 'banner', hidden: true });
  banner.setAttribute('role', 'status');
  const setupButton = h('button', { type: 'button', className: 'setup', textContent: 'Set up this server' });
  const navToggle = h('button', { type: 'button', className: 'nav-toggle', textContent: '☰' });
  navToggle.setAttribute('aria-label', 'Channels and people');
  const partiesToggle = h('button', { type: 'button', className: 'parties-toggle', textContent: 'Twitch & pages' });
  const messages = document.createElement('discord-messages');
  messages.className = 'messages';
  const side = parties({ state, builders: () => world.people.filter((p) => p.role === 'builder'), you: () => person(you), guildId: world.guild.id });

  const send = async (action: Omit<PlayAction, 'as'>): Promise<PlayInteraction> => {
    const played = await act({ as: you, ...action });
    applyPlayed(played, action.channelId);
    return played;
  };
  const applyPlayed = (played: PlayInteraction, channel: string | undefined) => {
    changed(state.interaction(played));
    if (played.answer.type === 9 && played.user.id === you && played.answer.data) {
      void openModal(
        played.answer.data as Parameters<typeof openModal>[0],
        (answers) => void send({ type: 5, data: answers, ...(channel ? { channelId: channel } : {}) }).catch(showError),
      );
    }
  };
  const showError = (error: unknown) => say(error instanceof Error ? error.message : String(error));
  const currentChannel = (): string | undefined => (view.startsWith('ch:') ? view.slice(3) : undefined);

  const box = composer(world.commands, {
    channels: () => world.channels,
    roles: () => world.roles,
    people: () => world.people,
    send: async (data) => {
      const channel = currentChannel();
      await send({ type: 2, data, ...(channel ? { channelId: channel } : {}) });
    },
  });

  const presses: Presses = {
    press: (shown: Shown, customId, componentType, values) => {
      const channel = shown.view.startsWith('ch:') ? shown.view.slice(3) : undefined;
      void send({
        type: 3,
        data: { custom_id: customId, component_type: componentType, ...(values ? { values } : {}) },
        ...(channel ? { channelId: channel } : {}),
        ...(shown.messageId ? { messageId: shown.messageId } : {}),
      }).catch(showError);
    },
  };

  const main = h('main', { className: 'chat' }, h('header', {}, navToggle, title, setupButton, partiesToggle), banner, messages, box);
  const app = document.getElementById('app') as HTMLElement;
  app.replaceChildren(rail, sidebar, main, side.element);
  navToggle.addEventListener('click', () => document.body.classList.toggle('nav-open'));
  partiesToggle.addEventListener('click', () => document.body.classList.toggle('parties-open'));

  function say(text: string): void {
    banner.hidden = false;
    banner.textContent = text;
  }

  setupButton.addEventListener('click', () => {
    setupButton.disabled = true;
    void setUpServer({
      world,
      say,
      answered: (token) => state.whenAnswered(token),
      command: (as, channel, line) => {
        const read = readLine(paths, line);
        if (!read) throw new Error(`no command ${line}`);
        return act({ as, channelId: channel, type: 2, data: commandData(read.path, read.values, world.commands) }).then((played) => {
          applyPlayed(played, channel);
          return played;
        });
      },
    })
      .catch(showError)
      .finally(() => (setupButton.disabled = false));
  });

  // ---- drawing
  const rendered = new Map<string, { version: number; el: HTMLElement }>();
  function drawMessages(): void {
    const atBottom = messages.scrollHeight - messages.scrollTop - messages.clientHeight < 80;
    const els = state.visible(view, you).map((s) => {
      const done = rendered.get(s.key);
      if (done && done.version === s.version) return done.el;
      const el = messageElement(s, names(), presses);
      rendered.set(s.key, { version: s.version, el });
      return el;
    });
    const now = [...messages.children];
    if (now.length !== els.length || now.some((el, i) => el !== els[i])) messages.replaceChildren(...els);
    if (atBottom) messages.scrollTop = messages.scrollHeight;
  }

  function drawTitle(): void {
    const channel = currentChannel();
    const name = channel ? (names().channels.get(channel) ?? 'channel') : 'C500 (your DMs)';
    title.textContent = channel ? `# ${name}` : `@ ${name}`;
    messages.setAttribute('channel-name', name);
    setupButton.hidden = server !== world.guild.id;
  }

  function drawRail(): void {
    const icon = (id: string, label: string, text: string) => {
      const b = h('button', { type: 'button', className: `server${server === id ? ' on' : ''}`, textContent: text, title: label });
      b.setAttribute('aria-label', label);
      b.addEventListener('click', () => {
        server = id;
        if (id === 'dm') go(`dm:${you}`);
        else {
          const first = id === world.guild.id ? `ch:${channelId('marketplace')}` : `ch:${[...(state.guilds.get(id)?.channels.keys() ?? [])][0] ?? ''}`;
          go(first);
        }
      });
      return b;
    };
    const others = [...state.guilds.values()].filter((g) => g.id !== world.guild.id);
    rail.replaceChildren(
      icon('dm', 'Direct messages', '✉'),
      icon(world.guild.id, world.guild.name, 'C5'),
      ...others.map((g) => icon(g.id, `${g.name} (seen in the feed: a demo run plays in a server of its own)`, g.id.slice(-2))),
    );
  }

  function drawSidebar(): void {
    const link = (key: ViewKey, text: string) => {
      const a = h('a', { href: '#', className: `${key === view ? 'on' : ''}${unread.has(key) ? ' unread' : ''}`, textContent: text });
      a.addEventListener('click', (event) => {
        event.preventDefault();
        go(key);
      });
      return h('li', {}, a);
    };
    const header = h('h2', {
      textContent: server === 'dm' ? 'Direct messages' : server === world.guild.id ? world.guild.name : (state.guilds.get(server)?.name ?? 'Server'),
    });
    const list = h('ul', { className: 'channels' });
    if (server === 'dm') list.append(link(`dm:${you}`, '@ C500'));
    else if (server === world.guild.id) for (const c of world.channels) list.append(link(`ch:${c.id}`, `# ${c.name}`));
    else for (const [id, name] of state.guilds.get(server)?.channels ?? []) list.append(link(`ch:${id}`, `# ${name}`));
    if (server !== 'dm') list.append(link(`dm:${you}`, '@ Your DMs with C500'));

    const who = h('select', { name: 'as' });
    who.setAttribute('aria-label', 'You are');
    const group = (label: string, people: Array<{ id: string; name: string; role?: string }>) => {
      const g = h('optgroup', { label });
      for (const p of people) g.append(new Option(p.role ? `${p.name} (${p.role})` : p.name, p.id, false, p.id === you));
      return g;
    };
    who.append(group('The playground', world.people));
    const seen = [...state.people].filter(([id]) => !person(id)).map(([id, name]) => ({ id, name }));
    if (seen.length) who.append(group('Seen in the feed (watch only)', seen));
    who.addEventListener('change', () => {
      you = who.value;
      if (person(you)) localStorage.setItem('c500.play.as', you);
      if (view.startsWith('dm:')) view = `dm:${you}`;
      drawAll();
    });
    const role = h('select', { name: 'new-role' });
    role.setAttribute('aria-label', 'Role of the person to add');
    role.append(...playRoles.map((r) => new Option(r, r)));
    const add = h('button', { type: 'button', textContent: 'Add a person' });
    add.addEventListener('click', () => {
      void addPerson(role.value as PlayRole).then((p) => {
        world.people.push(p);
        you = p.id;
        localStorage.setItem('c500.play.as', you);
        drawAll();
      }, showError);
    });
    sidebar.replaceChildren(header, list, h('div', { className: 'you' }, h('label', {}, 'You are ', who), h('div', { className: 'row' }, role, add)));
  }

  function go(key: ViewKey): void {
    view = key;
    unread.delete(key);
    document.body.classList.remove('nav-open');
    drawAll();
  }

  function drawAll(): void {
    drawRail();
    drawSidebar();
    drawTitle();
    drawMessages();
    side.refresh();
  }

  function changed(views: ViewKey[]): void {
    if (views.includes('chat')) side.refresh();
    let sidebarChanged = false;
    for (const v of views) {
      if (v === 'chat') continue;
      if (v === view) drawMessages();
      else if (!unread.has(v) && state.visible(v, you).length > 0) {
        unread.add(v);
        sidebarChanged = true;
      }
    }
    if (sidebarChanged || views.some((v) => v.startsWith('ch:') && !names().channels.has(v.slice(3)))) drawSidebar();
  }

  // ---- the feed
  const feed = new EventSource('/_local/play/events');
  let railSize = 0;
  for (const kind of ['interaction', 'outbox', 'refused', 'chat'] as const) {
    feed.addEventListener(kind, (event) => {
      const views = state.apply(JSON.parse((event as MessageEvent<string>).data) as PlayEvent);
      changed(views);
      if (state.guilds.size !== railSize) {
        railSize = state.guilds.size;
        drawRail();
      }
      side.refresh();
    });
  }
  feed.addEventListener('open', () => document.body.classList.remove('offline'));
  feed.addEventListener('error', () => document.body.classList.add('offline'));
  if (!world.signs)
    say('This runtime checks interactions against your own Discord app’s key, so the playground cannot sign them: unset DISCORD_PUBLIC_KEY to play.');
  drawAll();
  document.body.dataset.ready = 'true';
}

boot().catch((error: unknown) => {
  document.body.textContent = `The playground did not start: ${error instanceof Error ? error.message : String(error)}`;
});
