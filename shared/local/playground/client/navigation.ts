/**
 * @module navigation
 * The left of the page: the servers (the playground's, your DMs, and any a demo run played
 * in), the chosen server's channels with the unread ones bold, and who you are, with one
 * click to add another person.
 */
import { playRoles, type PlayPerson, type PlayRole } from '../play-types';
import type { World } from './api';
import { h } from './dom';
import type { PlayState, ViewKey } from './state';

export interface Where {
  /** A guild id, or `dm` for the DMs. */
  server: string;
  view: ViewKey;
  you: string;
  unread: ReadonlySet<ViewKey>;
}

export interface NavigationActions {
  go(server: string, view: ViewKey): void;
  become(personId: string): void;
  add(role: PlayRole): void;
}

export function drawRail(rail: HTMLElement, world: World, state: PlayState, where: Where, actions: NavigationActions): void {
  const icon = (id: string, label: string, text: string, first: ViewKey) => {
    const b = h('button', { type: 'button', className: `server${where.server === id ? ' on' : ''}`, textContent: text, title: label });
    b.setAttribute('aria-label', label);
    b.addEventListener('click', () => actions.go(id, first));
    return b;
  };
  const marketplace = world.channels.find((c) => c.name === 'marketplace')?.id ?? '';
  const others = [...state.guilds.values()].filter((g) => g.id !== world.guild.id);
  rail.replaceChildren(
    icon('dm', 'Direct messages', '✉', `dm:${where.you}`),
    icon(world.guild.id, world.guild.name, 'C5', `ch:${marketplace}`),
    ...others.map((g) =>
      icon(g.id, `${g.name} (seen in the feed: a demo run plays in a server of its own)`, g.id.slice(-2), `ch:${[...g.channels.keys()][0] ?? ''}`),
    ),
  );
}

export function drawSidebar(sidebar: HTMLElement, world: World, state: PlayState, where: Where, actions: NavigationActions): void {
  const link = (key: ViewKey, text: string) => {
    const a = h('a', { href: '#', className: `${key === where.view ? 'on' : ''}${where.unread.has(key) ? ' unread' : ''}`, textContent: text });
    a.addEventListener('click', (event) => {
      event.preventDefault();
      actions.go(where.server, key);
    });
    return h('li', {}, a);
  };
  const { server } = where;
  const title = server === 'dm' ? 'Direct messages' : server === world.guild.id ? world.guild.name : (state.guilds.get(server)?.name ?? 'Server');
  const list = h('ul', { className: 'channels' });
  if (server === 'dm') list.append(link(`dm:${where.you}`, '@ C500'));
  else if (server === world.guild.id) for (const c of world.channels) list.append(link(`ch:${c.id}`, `# ${c.name}`));
  else for (const [id, name] of state.guilds.get(server)?.channels ?? []) list.append(link(`ch:${id}`, `# ${name}`));
  if (server !== 'dm') list.append(link(`dm:${where.you}`, '@ Your DMs with C500'));
  sidebar.replaceChildren(h('h2', { textContent: title }), list, whoYouAre(world, state, where, actions));
}

function whoYouAre(world: World, state: PlayState, where: Where, actions: NavigationActions): HTMLElement {
  const who = h('select', { name: 'as' });
  who.setAttribute('aria-label', 'You are');
  const group = (label: string, people: Array<{ id: string; name: string; role?: string }>) => {
    const g = h('optgroup', { label });
    for (const p of people) g.append(new Option(p.role ? `${p.name} (${p.role})` : p.name, p.id, false, p.id === where.you));
    return g;
  };
  who.append(group('The playground', world.people));
  const known = new Set(world.people.map((p: PlayPerson) => p.id));
  const seen = [...state.people].filter(([id]) => !known.has(id)).map(([id, name]) => ({ id, name }));
  if (seen.length) who.append(group('Seen in the feed (watch only)', seen));
  who.addEventListener('change', () => actions.become(who.value));
  const role = h('select', { name: 'new-role' });
  role.setAttribute('aria-label', 'Role of the person to add');
  role.append(...playRoles.map((r) => new Option(r, r)));
  const add = h('button', { type: 'button', textContent: 'Add a person' });
  add.addEventListener('click', () => actions.add(role.value as PlayRole));
  return h('div', { className: 'you' }, h('label', {}, 'You are ', who), h('div', { className: 'row' }, role, add));
}
