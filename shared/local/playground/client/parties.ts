/**
 * @module parties
 * The other parties, one click away: the builder's Twitch channel (go live or offline, and
 * a chat box to type `!bid` as a viewer), Stripe's cases for each paid order, the carrier's moves for each shipped parcel, and the pages a person opens in a new tab: their
 * dashboard (signed in as whoever they are), the public pages, the local checkouts and the
 * OBS overlays the product has linked.
 */
import type { PlayPerson } from '../play-types';
import { chat } from './api';
import { h } from './dom';
import type { PlayState } from './state';
import { stripePanel, type SeenDm } from './stripe-panel';
import { carrierPanel } from './carrier-panel';
import { streamerPanel } from './streamer-panel';

export interface PartiesContext {
  state: PlayState;
  builders(): PlayPerson[];
  you(): PlayPerson | undefined;
  /** Everyone in the playground: the Stripe panel names buyers by them. */
  people(): PlayPerson[];
  guildId: string;
  /** Runs a command line (`/c500 chat-bidding on`) as you, in the channel open (the marketplace from a DM). */
  run(line: string): Promise<void>;
}

export interface Parties {
  element: HTMLElement;
  /** Redraws what follows the feed or the person: chat, overlays, the dashboard link. */
  refresh(): void;
}

/** A chat line with its web addresses as links (the bot's sign-in link opens the local Twitch), the rest as text. */
/** Every DM the playground has shown, oldest first. */
function seenDms(state: PlayState): SeenDm[] {
  return [...state.views].flatMap(([view, keys]) =>
    view.startsWith('dm:')
      ? keys.flatMap((key) => {
          const shown = state.shown.get(key);
          return shown ? [{ key, userId: view.slice(3), content: shown.message.content ?? '' }] : [];
        })
      : [],
  );
}

function linked(text: string): Array<Node | string> {
  return text
    .split(/(https?:\/\/[^\s]+)/)
    .map((part, i) => (i % 2 === 1 ? h('a', { href: part, target: '_blank', rel: 'noopener', textContent: part }) : part));
}

/** The dashboard address that signs `you` in through the local Discord: staff administer the server, the rest are members. */
export function dashboardAs(you: PlayPerson, guildId: string): string {
  const staff = you.role === 'admin' || you.role === 'show host';
  return `/dashboard?${new URLSearchParams({ user_id: you.id, username: you.name, [staff ? 'admin_guilds' : 'member_guilds']: guildId })}`;
}

/**
 * Signs the dashboard in as `you`, as a person would: the dashboard sends the browser to the
 * local Discord, which sends it back signed in. So a bot message's dashboard link (Download
 * my data) opens the person chosen in **You are**, not whoever signed in first.
 */
export async function signDashboardInAs(you: PlayPerson, guildId: string): Promise<void> {
  delete document.body.dataset.dashboardAs;
  const answer = await fetch(dashboardAs(you, guildId), { credentials: 'same-origin' });
  // Marked once the session is theirs, as `data-ready` marks the page: what a test waits for, never a time.
  if (answer.ok) document.body.dataset.dashboardAs = you.name;
}

export function parties(context: PartiesContext): Parties {
  const channel = h('select', { name: 'twitch-channel' });
  const status = h('p', { className: 'hint' });
  status.setAttribute('role', 'status');
  const stream = async (state: 'online' | 'offline') => {
    const login = channel.value;
    const answer = await fetch(`/_local/twitch/streams/${encodeURIComponent(login)}/${state}${state === 'online' ? '?type=live' : ''}`, { method: 'POST' });
    status.textContent = answer.ok
      ? `twitch.tv/${login} is ${state === 'online' ? 'live' : 'offline'}: Twitch told C500 over EventSub.`
      : `Twitch answered ${answer.status}: ${await answer.text()}`;
  };
  /** After a reload: whether the chosen channel is live, as the local Twitch has it. */
  const recall = async () => {
    const login = channel.value;
    if (!login) return;
    const answer = await fetch(`/_local/twitch/streams/${encodeURIComponent(login)}`);
    if (!answer.ok || channel.value !== login) return;
    const { stream } = (await answer.json()) as { stream: { type: string } | null };
    status.textContent = stream ? `twitch.tv/${login} is live.` : `twitch.tv/${login} is offline.`;
  };
  const live = h('button', { type: 'button', className: 'live', textContent: 'Go live' });
  live.addEventListener('click', () => void stream('online'));
  const offline = h('button', { type: 'button', textContent: 'Go offline' });
  offline.addEventListener('click', () => void stream('offline'));

  const log = h('ol', { className: 'chat-log' });
  log.setAttribute('aria-label', 'Twitch chat');
  const viewer = h('input', { name: 'viewer', value: 'viewer_vic', title: 'The viewer’s Twitch login' });
  const line = h('input', { name: 'chat', placeholder: '!bid 50' });
  const say = h('form', { className: 'chat-box' }, viewer, line, h('button', { type: 'submit', textContent: 'Chat' }));
  say.addEventListener('submit', (event) => {
    event.preventDefault();
    if (!line.value.trim()) return;
    const text = line.value;
    line.value = '';
    chat(channel.value, viewer.value, text).catch((error: unknown) => (status.textContent = error instanceof Error ? error.message : String(error)));
  });

  const streamer = streamerPanel({ you: () => context.you(), guildId: context.guildId, run: (line) => context.run(line) });
  const stripe = stripePanel({ people: () => context.people(), dms: () => seenDms(context.state) });
  const carrier = carrierPanel({ people: () => context.people(), dms: () => seenDms(context.state) });
  const tabs = h('ul', { className: 'tabs' });
  // On a phone the panel covers the channel: its own way back.
  const close = h('button', { type: 'button', className: 'parties-close', textContent: 'Back to the channel' });
  close.addEventListener('click', () => document.body.classList.remove('parties-open'));
  const element = h(
    'aside',
    { className: 'parties' },
    close,
    streamer.element,
    h('h2', { textContent: 'Twitch' }),
    h('label', {}, 'Channel ', channel),
    h('div', { className: 'row' }, live, offline),
    status,
    log,
    say,
    stripe.element,
    carrier.element,
    h('h2', { textContent: 'Open in a new tab' }),
    tabs,
  );

  const refresh = () => {
    stripe.refresh();
    carrier.refresh();
    streamer.refresh();
    const logins = context.builders().flatMap((b) => (b.twitchLogin ? [b.twitchLogin] : []));
    if ([...channel.options].map((o) => o.value).join() !== logins.join()) {
      const was = channel.value;
      channel.replaceChildren(...logins.map((l) => new Option(`twitch.tv/${l}`, l)));
      if (logins.includes(was)) channel.value = was;
      void recall().catch(() => undefined);
    }
    log.replaceChildren(
      ...context.state.chat
        .filter((c) => c.channel === channel.value)
        .slice(-60)
        .map((c) => h('li', { className: c.bot ? 'bot' : '' }, h('strong', { textContent: c.login }), ' ', ...linked(c.text))),
    );
    log.scrollTop = log.scrollHeight;
    const you = context.you();
    const links: Array<[string, string]> = [];
    if (you) links.push([`Your dashboard (as ${you.name})`, dashboardAs(you, context.guildId)]);
    links.push(
      ['The public home page', '/'],
      ['About C500', '/about'],
      ['Add C500 to a server', '/invite'],
      ['Local Stripe: checkout sessions', '/_local/stripe/sessions'],
    );
    for (const [path, url] of context.state.overlays) links.push([`Overlay: ${path}`, url]);
    tabs.replaceChildren(...links.map(([text, href]) => h('li', {}, h('a', { href, target: '_blank', rel: 'noopener', textContent: text }))));
  };
  channel.addEventListener('change', () => {
    refresh();
    void recall().catch(() => undefined);
  });
  return { element, refresh };
}
