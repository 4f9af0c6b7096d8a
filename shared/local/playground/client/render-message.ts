/**
 * @module render-message
 * A message as Discord draws it, with `@skyra/discord-components-core`'s elements: the
 * author and time, "only you can see this", the command it answers, its text, embeds
 * (colour, title, fields, image, footer) and components (buttons, link buttons, menus).
 * Properties are set as values, never as HTML.
 */
import type { DiscordMessage } from '../../../ports';
import { markdown, type Names } from './markdown';
import type { Shown } from './state';

export interface Presses {
  /** A button (or a menu's choice) pressed on this message. */
  press(shown: Shown, customId: string, componentType: number, values?: string[]): void;
  /** "Dismiss message" under an ephemeral one, as Discord offers. */
  dismiss(shown: Shown): void;
}

type Props = Record<string, unknown>;

function el(tag: string, props: Props = {}, children: Array<globalThis.Node | string> = []): HTMLElement {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) if (value !== undefined) (element as unknown as Props)[key] = value;
  element.append(...children);
  return element;
}

const buttonTypes: Record<number, string> = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'destructive', 5: 'secondary' };

export function messageElement(shown: Shown, names: Names, presses: Presses): HTMLElement {
  const message = el('discord-message', {
    author: shown.author.name,
    bot: shown.author.bot,
    avatar: shown.author.name === 'C500' ? '/favicon.svg' : undefined,
    timestamp: new Date(shown.at),
    ephemeral: shown.ephemeralFor !== undefined,
    // The components write "(edited)" after the text; with no text it would stand alone above the embeds, where Discord shows none.
    edited: shown.edited && Boolean(shown.message.content),
    dismissMessageClicked: shown.ephemeralFor !== undefined ? () => presses.dismiss(shown) : undefined,
  });
  message.dataset.key = shown.key;
  if (shown.command) {
    // Discord names the command alone above its answer ("used /c500 live"): a line with every option would run off a phone. The whole line is the tooltip.
    const name = shown.command.text.split(' ').filter((_word, i, words) => !words.slice(0, i + 1).some((w) => w.includes(':')));
    const reply = el('discord-command', { author: shown.command.by, command: name.join(' '), title: shown.command.text });
    reply.slot = 'reply';
    message.append(reply);
  }
  if (shown.thinking) message.append(el('discord-italic', {}, ['C500 is thinking…']));
  const m = shown.message;
  if (m.content) message.append(markdown(m.content, names));
  for (const embed of m.embeds ?? []) message.append(embedElement(embed, names));
  const rows = componentRows(shown, m, presses);
  if (rows) message.append(rows);
  if (shown.traceId) {
    // Not Discord's: the playground's way to follow what the interaction caused, hop by hop.
    const href = `/_local/trace/${shown.traceId}`;
    message.append(el('a', { className: 'play-trace', href, target: '_blank', rel: 'noopener', title: 'Every log line and hop this caused' }, ['trace']));
  }
  return message;
}

type Embed = NonNullable<DiscordMessage['embeds']>[number];

function embedElement(embed: Embed, names: Names): HTMLElement {
  const e = embed as Embed & {
    url?: string;
    image?: { url?: string };
    thumbnail?: { url?: string };
    author?: { name?: string; url?: string; icon_url?: string };
  };
  const element = el('discord-embed', {
    color: e.color !== undefined ? `#${e.color.toString(16).padStart(6, '0')}` : undefined,
    embedTitle: e.title,
    url: safeUrl(e.url),
    image: safeUrl(e.image?.url),
    thumbnail: safeUrl(e.thumbnail?.url),
    authorName: e.author?.name,
    authorUrl: safeUrl(e.author?.url),
    authorImage: safeUrl(e.author?.icon_url),
  });
  element.slot = 'embeds';
  if (e.description) {
    const description = el('discord-embed-description', {}, [markdown(e.description, names)]);
    description.slot = 'description';
    element.append(description);
  }
  if (e.fields?.length) {
    const fields = el(
      'discord-embed-fields',
      {},
      e.fields.map((f) => el('discord-embed-field', { fieldTitle: f.name, inline: f.inline === true }, [markdown(f.value, names)])),
    );
    fields.slot = 'fields';
    element.append(fields);
  }
  if (e.footer?.text) {
    const footer = el('discord-embed-footer', { timestamp: e.timestamp ? new Date(e.timestamp) : undefined }, [e.footer.text]);
    footer.slot = 'footer';
    element.append(footer);
  }
  return element;
}

interface Component {
  type: number;
  style?: number;
  label?: string;
  emoji?: { name?: string };
  custom_id?: string;
  url?: string;
  disabled?: boolean;
  placeholder?: string;
  options?: Array<{ label: string; value: string; description?: string }>;
  components?: Component[];
}

function componentRows(shown: Shown, m: DiscordMessage, presses: Presses): HTMLElement | undefined {
  const rows = (m.components ?? []) as unknown as Component[];
  if (rows.length === 0) return undefined;
  const holder = el('discord-attachments');
  holder.slot = 'components';
  for (const row of rows) {
    const line = el('discord-action-row');
    for (const c of row.components ?? []) {
      if (c.type === 2) line.append(button(shown, c, presses));
      if (c.type === 3) line.append(menu(shown, c, presses));
    }
    holder.append(line);
  }
  return holder;
}

function button(shown: Shown, c: Component, presses: Presses): HTMLElement {
  const label = `${c.emoji?.name ? `${c.emoji.name} ` : ''}${c.label ?? ''}`;
  const link = c.style === 5 ? safeUrl(c.url) : undefined;
  const b = el('discord-button', { type: buttonTypes[c.style ?? 2], url: link, disabled: c.disabled === true }, [label]);
  if (c.style !== 5 && c.custom_id && !c.disabled) b.addEventListener('click', () => presses.press(shown, c.custom_id as string, 2));
  return b;
}

function menu(shown: Shown, c: Component, presses: Presses): HTMLElement {
  const select = el('discord-string-select-menu', { placeholder: c.placeholder, disabled: c.disabled === true });
  for (const o of c.options ?? []) {
    const option = el('discord-string-select-menu-option', { label: o.label, description: o.description });
    option.addEventListener('click', () => presses.press(shown, c.custom_id as string, 3, [o.value]));
    select.append(option);
  }
  return select;
}

/** Only web addresses: a `javascript:` link in a message is shown as text, never followed. */
function safeUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//.test(url) ? url : undefined;
}
