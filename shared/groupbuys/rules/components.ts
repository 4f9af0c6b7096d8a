/**
 * @module components
 * The buttons and modals of interest checks and group buys, by custom id: what each carries
 * (the check's or the group buy's id) and the quantity modal both open. Pure: the Discord
 * ingress reads these on the route Discord waits on.
 */
import { groupBuyLimits } from './group-buy';
import { isShortIdShaped } from './interest-check';

const prefixes = {
  interested: 'gbint:',
  interestModal: 'gbiq:',
  notInterested: 'gbnot:',
  whoIsInterested: 'gbwho:',
  join: 'gbjoin:',
  joinModal: 'gbjq:',
  leave: 'gbleave:',
} as const;
export type ComponentKind = keyof typeof prefixes;

export const componentId = (kind: ComponentKind, id: string) => `${prefixes[kind]}${id}`;

/** The check's or group buy's id a component of this kind carries, or undefined when it is not one. */
export function idOfComponent(kind: ComponentKind, customId: string): string | undefined {
  if (!customId.startsWith(prefixes[kind])) return undefined;
  const id = customId.slice(prefixes[kind].length);
  return isShortIdShaped(id) ? id : undefined;
}

/** A modal asking how many units: prefilled with 1, so pressing Submit says one. */
export function quantityModal(customId: string, title: string, label: string): { custom_id: string; title: string; components: unknown[] } {
  return {
    custom_id: customId,
    title: title.slice(0, 45),
    components: [
      {
        type: 1,
        components: [
          { type: 4, custom_id: 'quantity', label: label.slice(0, 45), style: 1, required: true, min_length: 1, max_length: 3, value: '1', placeholder: '1' },
        ],
      },
    ],
  };
}

export const interestModal = (checkId: string) =>
  quantityModal(componentId('interestModal', checkId), 'How many would you buy?', `Units (1 to ${groupBuyLimits.maxQuantity})`);
export const joinModal = (groupBuyId: string) =>
  quantityModal(componentId('joinModal', groupBuyId), 'Join the group buy', `Units (1 to ${groupBuyLimits.maxQuantity})`);

/** A quantity as typed: a whole number from 1 to the most a member pledges; blank is 1. */
export function readQuantity(raw: string | undefined): { ok: true; quantity: number } | { ok: false; problem: string } {
  const text = (raw ?? '').trim();
  if (text === '') return { ok: true, quantity: 1 };
  const quantity = /^\d{1,3}$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > groupBuyLimits.maxQuantity)
    return { ok: false, problem: `A quantity is a whole number from 1 to ${groupBuyLimits.maxQuantity}: type \`1\`, \`2\`…` };
  return { ok: true, quantity };
}

/**
 * Whether a button was pressed on its own post: the server and the channel the check or the
 * group buy was posted in. A press claiming another place (a forged interaction, or an id
 * copied elsewhere) finds nothing.
 */
export const pressedOnItsPost = (posted: { guildId: string; channelId: string }, place: { guildId: string; channelId: string }): boolean =>
  posted.guildId === place.guildId && posted.channelId === place.channelId;
