/**
 * @module markdown
 * Discord's markdown as Discord shows it: parsed by `discord-markdown-parser` (the parser
 * Discord transcript tools use), each node drawn with the message components' own elements.
 * Text only ever becomes text nodes: nothing a member typed is read as HTML.
 */
import { parse } from 'discord-markdown-parser';
import { heard, runtimeNow } from './clock';

interface Node {
  type: string;
  content?: string | Node[];
  target?: string;
  id?: string;
  /** An emoji's: the character itself (`twemoji`) or a custom emoji's name (`emoji`). */
  name?: string;
  timestamp?: string;
  format?: string;
  items?: Node[][];
  ordered?: boolean;
  lang?: string;
}

/** Names of the people, channels and roles mentions point at, as the reader's client knows them. */
export interface Names {
  people: ReadonlyMap<string, string>;
  channels: ReadonlyMap<string, string>;
  roles: ReadonlyMap<string, string>;
}

export function markdown(text: string, names: Names): DocumentFragment {
  const out = document.createDocumentFragment();
  for (const node of parse(text, 'extended') as Node[]) out.append(draw(node, names));
  return out;
}

function draw(node: Node, names: Names): Node_ {
  const inner = (tag: string, attributes: Record<string, string> = {}): HTMLElement => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
    if (Array.isArray(node.content)) for (const child of node.content) el.append(draw(child, names));
    else if (typeof node.content === 'string') el.append(node.content);
    return el;
  };
  switch (node.type) {
    case 'text':
    case 'escape':
      return document.createTextNode(typeof node.content === 'string' ? node.content : '');
    case 'br':
    case 'newline':
      return document.createElement('br');
    case 'strong':
      return inner('discord-bold');
    case 'em':
      return inner('discord-italic');
    case 'underline':
      return inner('discord-underlined');
    case 'strikethrough':
    case 'del':
      return inner('s');
    case 'spoiler':
      return inner('discord-spoiler');
    case 'inlineCode':
      return inner('discord-code');
    case 'codeBlock': {
      const pre = document.createElement('discord-code');
      pre.setAttribute('multiline', '');
      pre.append(typeof node.content === 'string' ? node.content : '');
      return pre;
    }
    case 'blockQuote':
      return inner('discord-quote');
    case 'heading':
      return inner('strong');
    case 'subtext':
      return inner('small');
    case 'list': {
      const list = document.createElement(node.ordered ? 'discord-ordered-list' : 'discord-unordered-list');
      for (const item of node.items ?? []) {
        const li = document.createElement('discord-list-item');
        for (const child of item) li.append(draw(child, names));
        list.append(li);
      }
      return list;
    }
    case 'link':
    case 'url':
    case 'autolink': {
      const href = node.target ?? (typeof node.content === 'string' ? node.content : '');
      const a = inner('a', /^https?:\/\//.test(href) ? { href, target: '_blank', rel: 'noopener' } : {});
      if (!a.textContent) a.textContent = href;
      return a;
    }
    case 'user':
      return mention('user', names.people.get(node.id ?? '') ?? `user-${(node.id ?? '').slice(-4)}`);
    case 'channel':
      return mention('channel', names.channels.get(node.id ?? '') ?? `channel-${(node.id ?? '').slice(-4)}`);
    case 'role':
      return mention('role', names.roles.get(node.id ?? '') ?? `role-${(node.id ?? '').slice(-4)}`);
    case 'everyone':
    case 'here':
      return mention('role', node.type);
    case 'timestamp':
      return timestamp(Number(node.timestamp), node.format);
    case 'twemoji':
      return document.createTextNode(node.name ?? '');
    case 'emoji':
      return document.createTextNode(`:${node.name ?? ''}:`);
    default:
      return Array.isArray(node.content) || typeof node.content === 'string' ? inner('span') : document.createTextNode('');
  }
}

type Node_ = globalThis.Node;

/** The components draw the `@` or `#` themselves. */
function mention(type: 'user' | 'channel' | 'role', text: string): HTMLElement {
  const el = document.createElement('discord-mention');
  el.setAttribute('type', type);
  el.append(text);
  return el;
}

/**
 * `<t:…:R>`, kept current as time passes (Discord ticks it on its own): seconds under two
 * minutes, so a 90 s auction says "in 90 seconds", as long as it is (whole minutes would say
 * 1 or 2, both wrong); then the nearest whole minutes, hours or days, as Discord rounds them:
 * a 72-hour pay window read a few seconds after it was written is "in 3 days", not "in 2 days".
 */
export function relativeText(atMs: number, nowMs: number): string {
  const seconds = Math.round((atMs - nowMs) / 1000);
  const rtf = new Intl.RelativeTimeFormat('en', { numeric: 'always' });
  if (Math.abs(seconds) < 120) return rtf.format(seconds, 'second');
  const minutes = Math.round(seconds / 60);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(seconds / 3_600);
  if (Math.abs(hours) < 24) return rtf.format(hours, 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** Every relative time on the page, redrawn each second as Discord's client does. */
const ticking = new Set<HTMLElement>();
let ticker: ReturnType<typeof setInterval> | undefined;
function keepCurrent(el: HTMLElement, atMs: number): void {
  el.dataset.at = String(atMs);
  ticking.add(el);
  ticker ??= setInterval(redrawRelativeTimes, 1_000);
}

/** Every relative time on the page, from the runtime's clock as the page knows it now: at each tick, and at once after Skip ahead moved it. */
export function redrawRelativeTimes(): void {
  for (const shown of ticking) {
    if (!shown.isConnected) ticking.delete(shown);
    else shown.textContent = relativeText(Number(shown.dataset.at), runtimeNow());
  }
}

/** The runtime's clock moved on (Skip ahead, or a move the feed told): every "in 5 minutes" counts from it at once. */
export function clockMovedTo(at: string): void {
  heard(at);
  redrawRelativeTimes();
}

/** `<t:…:R>` and the rest, as Discord formats them in the reader's locale. */
function timestamp(seconds: number, format = 'f'): HTMLElement {
  const el = document.createElement('discord-time');
  const date = new Date(seconds * 1000);
  if (!Number.isFinite(seconds)) return el;
  if (format === 'R') {
    el.append(relativeText(date.getTime(), runtimeNow()));
    keepCurrent(el, date.getTime());
  } else {
    const styles: Record<string, Intl.DateTimeFormatOptions> = {
      t: { timeStyle: 'short' },
      T: { timeStyle: 'medium' },
      d: { dateStyle: 'short' },
      D: { dateStyle: 'long' },
      f: { dateStyle: 'long', timeStyle: 'short' },
      F: { dateStyle: 'full', timeStyle: 'short' },
    };
    el.append(date.toLocaleString(undefined, styles[format] ?? styles.f));
  }
  return el;
}
