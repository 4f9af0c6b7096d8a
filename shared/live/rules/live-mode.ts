/**
 * @module live-mode
 * What `/c500 live` was asked to do. People type the seed's string forms (`chat`, `drop`,
 * `order:<id>`, `orders:<id>,<id>`, `groupbuy:<id>`); the command also takes structured options
 * (`mode:order order:<id>`, `mode:orders orders:<id> <id>`, `mode:groupbuy groupbuy:<id>`).
 * A group buy's proof names its milestone: it releases a tranche of every order at once, so it
 * is never guessed. Pure, so every form and every mistake is tested without Discord.
 */
import { isOrderIdShaped, normalizeOrderId } from '../../common';
import { maxOrdersPerLive, milestones, type Milestone } from '../../orders';
import { looksLikeGroupBuyId } from '../../groupbuys';

export type LiveMode =
  | { kind: 'chat' }
  | { kind: 'drop' }
  /** `single` keeps the reply in the form the builder used: one order, or a summary. */
  | { kind: 'orders'; orderIds: string[]; single: boolean; milestone?: Milestone }
  /** One proof for the whole group buy: each of its orders gets it, a batch at a time. */
  | { kind: 'groupbuy'; groupBuyId: string; milestone: Milestone };

export type LiveModeResult = { ok: true; mode: LiveMode } | { ok: false; reason: string };

/** The mode as typed, before the milestone is read: a group buy's has none yet. */
type TypedMode = Exclude<LiveMode, { kind: 'groupbuy' }> | { kind: 'groupbuy'; groupBuyId: string };
type TypedResult = { ok: true; mode: TypedMode } | { ok: false; reason: string };

export const liveForms = [
  '`/c500 live mode:chat`: hang out; posts your stream in the general channel',
  '`/c500 live mode:drop`: hype a drop; pings the drop role in the marketplace channel',
  '`/c500 live mode:order:<id> [milestone:parts-in|assembly|sound-test|done]`: prove work on one paid order while you build it live (a commission from your queue: its next step unless you name one)',
  '`/c500 live mode:orders:<id>,<id>`: prove work on several orders at once',
  '`/c500 live mode:groupbuy:<id> milestone:parts-in|assembly|sound-test|done`: prove a funded group buy’s milestone once for all its orders',
];

export interface LiveOptions {
  mode?: string | number | boolean | undefined;
  order?: string | number | boolean | undefined;
  orders?: string | number | boolean | undefined;
  groupbuy?: string | number | boolean | undefined;
  /** A commission's milestone the proof is of (its next step when none is named). */
  milestone?: string | number | boolean | undefined;
}

export function parseLiveMode(options: LiveOptions): LiveModeResult {
  const parsed = parseMode(options);
  if (!parsed.ok) return parsed;
  const named = options.milestone === undefined ? undefined : String(options.milestone).trim().toLowerCase();
  if (named === undefined)
    return parsed.mode.kind === 'groupbuy'
      ? refuse('Name the milestone you are proving for the whole group buy: `milestone:parts-in`, `assembly`, `sound-test` or `done`.')
      : { ok: true, mode: parsed.mode };
  if (parsed.mode.kind === 'chat' || parsed.mode.kind === 'drop')
    return refuse('A milestone is proved on an order or a group buy: `mode:order:<id> milestone:parts-in`.');
  if (!(milestones as readonly string[]).includes(named)) return refuse(`\`${named.slice(0, 20)}\` isn’t a milestone: use \`${milestones.join('`, `')}\`.`);
  return { ok: true, mode: { ...parsed.mode, milestone: named as Milestone } };
}

function parseMode(options: LiveOptions): TypedResult {
  const raw = typeof options.mode === 'string' ? options.mode.trim() : '';
  const match = /^([a-z]+)\s*(?::\s*|\s+|$)(.*)$/is.exec(raw);
  const word = (match?.[1] ?? '').toLowerCase();
  const inline = (match?.[2] ?? '').trim();
  const given = (value: LiveOptions['order']) => (typeof value === 'string' ? value.trim() : '');

  if (raw === '' && given(options.order)) return ordersFrom(given(options.order), true);
  if (raw === '' && given(options.orders)) return ordersFrom(given(options.orders), false);
  if (raw === '' && given(options.groupbuy)) return groupBuyFrom(given(options.groupbuy));
  switch (word) {
    case 'chat':
    case 'drop':
      if (inline) return refuse(`\`${word}\` takes nothing after it.`);
      return { ok: true, mode: { kind: word } };
    case 'order':
      return ordersFrom(inline || given(options.order), true);
    case 'orders':
      return ordersFrom(inline || given(options.orders), false);
    case 'groupbuy':
      return groupBuyFrom(inline || given(options.groupbuy));
    default:
      return refuse(raw ? `I don’t know the mode \`${raw.slice(0, 60)}\`.` : 'Tell me what you are live for.');
  }
}

function ordersFrom(list: string, single: boolean): TypedResult {
  const ids = list
    .split(/[\s,]+/)
    .map(normalizeOrderId)
    .filter((id) => id !== '');
  if (ids.length === 0) return refuse(single ? 'Name the order: `order:<id>`, with the id from the buyer’s order.' : 'List the orders: `orders:<id>,<id>`.');
  const malformed = ids.filter((id) => !isOrderIdShaped(id));
  if (malformed.length > 0) return refuse(`\`${malformed[0]!.slice(0, 40)}\` isn’t an order id (letters, digits and dashes).`);
  if (single && ids.length > 1) return refuse('`order:` takes one id; for several use `orders:<id>,<id>`.');
  // The same order listed twice is proved once.
  const orderIds = [...new Set(ids)];
  if (orderIds.length > maxOrdersPerLive) return refuse(`At most ${maxOrdersPerLive} orders at a time; you listed ${orderIds.length}.`);
  return { ok: true, mode: { kind: 'orders', orderIds, single } };
}

/** The group buy's id as its post shows it (8 letters and digits); its milestone is read after, by parseLiveMode. */
function groupBuyFrom(given: string): TypedResult {
  const groupBuyId = given.replace(/^#/, '').toLowerCase();
  if (groupBuyId === '') return refuse('Name the group buy: `groupbuy:<id>`, with the id at the foot of its post.');
  if (!looksLikeGroupBuyId(groupBuyId))
    return refuse(`\`${groupBuyId.slice(0, 40)}\` isn’t a group buy’s id (the 8 letters and digits at the foot of its post).`);
  return { ok: true, mode: { kind: 'groupbuy', groupBuyId } };
}

function refuse(problem: string): { ok: false; reason: string } {
  return { ok: false, reason: `${problem} \`/c500 live\` has five forms:\n${liveForms.map((f) => `• ${f}`).join('\n')}` };
}
