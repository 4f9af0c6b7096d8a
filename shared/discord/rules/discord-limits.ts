/**
 * @module discord-limits
 * Discord refuses a whole message when any part of it is too long, and the person then sees
 * "This interaction failed". Every message leaves through `fitToDiscord`, which shortens
 * what is over (text a person typed and we echo back is the usual culprit) and never adds
 * text; `discordLimitProblems` names what is over, for the local outbox to refuse as Discord
 * does. It also holds the one promise about mentions: nothing we send pings @everyone or
 * @here, whatever a person typed into a title, a note or their name.
 */
import type { DiscordEmbed, DiscordMessage } from '../../ports';

export const discordLimits = {
  content: 2_000,
  // A message's nonce (Discord's enforce_nonce idempotency).
  nonce: 25,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footer: 2_048,
  /** Titles, descriptions, field names and values and footers of all embeds together. */
  embedTotal: 6_000,
  // Components, from Discord's component reference (discord.com/developers/docs/components/reference:
  // Action Row, Button, String Select, Select Option) and discord-api-types' v10 payloads.
  actionRows: 5,
  rowComponents: 5,
  buttonLabel: 80,
  customId: 100,
  /** A link button's url: Discord refuses the whole message past it, so ours are short links of our own. */
  buttonUrl: 512,
  selectOptions: 25,
  /** A select option's label, value and description each. */
  selectOptionText: 100,
  selectPlaceholder: 150,
} as const;

/** Button style 5: Discord opens its url and sends no interaction back. */
const linkStyle = 5;
/** String, user, role, mentionable and channel selects: the component types that take a placeholder. */
const selectTypes: ReadonlySet<number> = new Set([3, 5, 6, 7, 8]);

const ellipsis = '…';

/** At most `max` characters (UTF-16 units, as Discord counts), ending in an ellipsis when cut. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  // Never leave half a surrogate pair behind.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return cut + ellipsis;
}

interface SelectOption {
  label?: string;
  value?: string;
  description?: string;
}
/** A component inside an action row: a button (type 2) or a select menu (types 3 and 5 to 8). */
interface RowComponent {
  type?: number;
  style?: number;
  label?: string;
  custom_id?: string;
  url?: string;
  placeholder?: string;
  options?: SelectOption[];
}
type Row = { type?: number; components?: RowComponent[] };

type AllowedMentions = NonNullable<DiscordMessage['allowed_mentions']>;

/**
 * Who a message may ping. Without a list Discord pings everything its content names,
 * `@everyone` typed into a drop's title included: such a message may ping the users it
 * names and nothing more. A list of our own never pings everyone (a role is pinged only
 * by naming it, as the drop role is).
 */
function mentionsAllowed(allowed: AllowedMentions | undefined): AllowedMentions {
  if (!allowed) return { parse: ['users'] };
  return allowed.parse?.includes('everyone') ? { ...allowed, parse: allowed.parse.filter((kind) => kind !== 'everyone') } : allowed;
}

/** Whether Discord would ping @everyone or @here for this message. Never true of one `fitToDiscord` made. */
export function canPingEveryone(message: DiscordMessage): boolean {
  const allowed = message.allowed_mentions;
  if (!allowed) return /@(everyone|here)\b/.test(message.content ?? '');
  return allowed.parse?.includes('everyone') === true;
}

/** The message, shortened where it is over any of Discord's limits, pinging no one it should not. */
export function fitToDiscord(message: DiscordMessage): DiscordMessage {
  const fitted: DiscordMessage = { ...message, allowed_mentions: mentionsAllowed(message.allowed_mentions) };
  if (message.content !== undefined) fitted.content = clip(message.content, discordLimits.content);
  if (message.embeds) fitted.embeds = fitEmbedTotal(message.embeds.slice(0, discordLimits.embeds).map(fitEmbed));
  if (Array.isArray(message.components)) {
    fitted.components = (message.components as Row[]).slice(0, discordLimits.actionRows).map((row) =>
      Array.isArray(row.components)
        ? {
            ...row,
            components: row.components
              .slice(0, discordLimits.rowComponents)
              .map((c) => (typeof c.label === 'string' ? { ...c, label: clip(c.label, discordLimits.buttonLabel) } : c))
              .map(fitSelect),
          }
        : row,
    );
  }
  return fitted;
}

/** A select menu's words shortened; its values are ids and never cut. */
function fitSelect(c: RowComponent): RowComponent {
  if (c.type === undefined || !selectTypes.has(c.type)) return c;
  return {
    ...c,
    ...(typeof c.placeholder === 'string' ? { placeholder: clip(c.placeholder, discordLimits.selectPlaceholder) } : {}),
    ...(Array.isArray(c.options)
      ? {
          options: c.options.map((o) => ({
            ...o,
            ...(typeof o.label === 'string' ? { label: clip(o.label, discordLimits.selectOptionText) } : {}),
            ...(typeof o.description === 'string' ? { description: clip(o.description, discordLimits.selectOptionText) } : {}),
          })),
        }
      : {}),
  };
}

function fitEmbed(embed: DiscordEmbed): DiscordEmbed {
  return {
    ...embed,
    ...(embed.title !== undefined ? { title: clip(embed.title, discordLimits.embedTitle) } : {}),
    ...(embed.description !== undefined ? { description: clip(embed.description, discordLimits.embedDescription) } : {}),
    ...(embed.fields
      ? {
          fields: embed.fields
            .slice(0, discordLimits.fields)
            .map((f) => ({ ...f, name: clip(f.name, discordLimits.fieldName), value: clip(f.value, discordLimits.fieldValue) })),
        }
      : {}),
    ...(embed.footer ? { footer: { ...embed.footer, text: clip(embed.footer.text, discordLimits.footer) } } : {}),
  };
}

const embedLength = (e: DiscordEmbed): number =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/** Over 6,000 in all: the descriptions give way first, from the last embed back, since they hold the prose. */
function fitEmbedTotal(embeds: DiscordEmbed[]): DiscordEmbed[] {
  let over = embeds.reduce((n, e) => n + embedLength(e), 0) - discordLimits.embedTotal;
  const fitted = [...embeds];
  for (let i = fitted.length - 1; i >= 0 && over > 0; i--) {
    const embed = fitted[i] as DiscordEmbed;
    const description = embed.description ?? '';
    if (description.length === 0) continue;
    const keep = Math.max(0, description.length - over - 1);
    over -= description.length - (keep + 1);
    fitted[i] = { ...embed, description: clip(description, keep + 1) };
  }
  for (let i = fitted.length - 1; i >= 0 && over > 0; i--) {
    const before = embedLength(fitted[i] as DiscordEmbed);
    fitted[i] = { ...(fitted[i] as DiscordEmbed), fields: [] };
    over -= before - embedLength(fitted[i] as DiscordEmbed);
  }
  return fitted;
}

/** Every limit the message is over, as Discord would name it; empty when Discord takes it. */
export function discordLimitProblems(message: DiscordMessage): string[] {
  const problems: string[] = [];
  const over = (what: string, length: number, max: number) => length > max && problems.push(`${what} is ${length} long, over ${max}`);
  over('content', message.content?.length ?? 0, discordLimits.content);
  over('nonce', message.nonce?.length ?? 0, discordLimits.nonce);
  over('embeds', message.embeds?.length ?? 0, discordLimits.embeds);
  for (const [i, e] of (message.embeds ?? []).entries()) {
    over(`embeds[${i}].title`, e.title?.length ?? 0, discordLimits.embedTitle);
    over(`embeds[${i}].description`, e.description?.length ?? 0, discordLimits.embedDescription);
    over(`embeds[${i}].fields`, e.fields?.length ?? 0, discordLimits.fields);
    for (const f of e.fields ?? []) {
      over(`embeds[${i}].fields.name`, f.name.length, discordLimits.fieldName);
      over(`embeds[${i}].fields.value`, f.value.length, discordLimits.fieldValue);
    }
    over(`embeds[${i}].footer.text`, e.footer?.text.length ?? 0, discordLimits.footer);
  }
  over(
    'embeds in all',
    (message.embeds ?? []).reduce((n, e) => n + embedLength(e), 0),
    discordLimits.embedTotal,
  );
  const rows = Array.isArray(message.components) ? (message.components as Row[]) : [];
  over('components', rows.length, discordLimits.actionRows);
  for (const row of rows) {
    over('components in a row', row.components?.length ?? 0, discordLimits.rowComponents);
    for (const c of row.components ?? []) {
      over('button label', c.label?.length ?? 0, discordLimits.buttonLabel);
      over('custom_id', c.custom_id?.length ?? 0, discordLimits.customId);
      if (c.type === 2) problems.push(...buttonProblems(c));
      else if (c.type !== undefined && selectTypes.has(c.type)) selectProblems(c, over);
    }
  }
  return problems;
}

/** A link button opens its url and sends nothing back; every other button sends its custom_id and has no url. */
function buttonProblems(button: RowComponent): string[] {
  const problems: string[] = [];
  if (button.style === linkStyle) {
    if (button.url === undefined) problems.push('a link button has no url');
    else if (button.url.length > discordLimits.buttonUrl) problems.push(`button url is ${button.url.length} long, over ${discordLimits.buttonUrl}`);
    if (button.custom_id !== undefined) problems.push('a link button has a custom_id');
  } else {
    if (button.url !== undefined) problems.push(`a style ${button.style ?? 'unset'} button has a url`);
    if (button.custom_id === undefined) problems.push(`a style ${button.style ?? 'unset'} button has no custom_id`);
  }
  return problems;
}

function selectProblems(select: RowComponent, over: (what: string, length: number, max: number) => unknown): void {
  over('select placeholder', select.placeholder?.length ?? 0, discordLimits.selectPlaceholder);
  over('select options', select.options?.length ?? 0, discordLimits.selectOptions);
  for (const o of select.options ?? []) {
    over('select option label', o.label?.length ?? 0, discordLimits.selectOptionText);
    over('select option value', o.value?.length ?? 0, discordLimits.selectOptionText);
    over('select option description', o.description?.length ?? 0, discordLimits.selectOptionText);
  }
}

/** Discord's rule for a busy message: one edit a second. */
export const editSpacingMs = 1_000;
