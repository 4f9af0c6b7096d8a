/**
 * @module group-buy-messages
 * What a group buy says, from values: the post with **Join** and **Leave** (the price, the
 * units pledged toward the MOQ as a bar, the time left, the ship estimate and the refund terms
 * in words), the consent a joiner agrees to on Stripe's page, and the words shared by the
 * answers and DMs. Names stay out of the channel: the post counts, it does not list.
 */
import type { DiscordMessage } from '../../ports';
import { colors } from '../../discord';
import { formatMoney } from '../../common';
import { pledgeAmountCents, type GroupBuy } from './group-buy';
import { shippingWords, type PledgeShipping } from './pledge-shipping';
import { componentId } from './components';
import { latestMilestone, proofKindWords } from './production';

export const unitsText = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'unit' : 'units'}`;
export const peopleText = (n: number) => `${n.toLocaleString('en-US')} ${n === 1 ? 'person' : 'people'}`;
export const unix = (iso: string) => Math.floor(Date.parse(iso) / 1000);
export const unitPrice = (groupBuy: Pick<GroupBuy, 'priceCents' | 'currency'>) => formatMoney({ cents: groupBuy.priceCents, currency: groupBuy.currency });
export const pledgeAmount = (groupBuy: Pick<GroupBuy, 'priceCents' | 'currency'>, quantity: number) =>
  formatMoney({ cents: pledgeAmountCents(groupBuy, quantity), currency: groupBuy.currency });

/** `2027-03` -> `March 2027`. */
export function monthName(shipsMonth: string): string {
  const [year, month] = shipsMonth.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, month - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** `2026-12-10T18:00:00Z` -> `10 December 2026` (UTC): how the consent names the day of the charge. */
export const dayName = (iso: string) => new Date(iso).toLocaleString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** Ten cells, filled as the pledged units go toward the MOQ: `███░░░░░░░`. */
export function progressBar(units: number, moq: number): string {
  const filled = Math.max(0, Math.min(10, Math.floor((units * 10) / Math.max(1, moq))));
  return `${'█'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

/** The buyer's terms in words: what joining costs, when it can be left, and the refund right once the ship month passes. */
export function refundTerms(groupBuy: Pick<GroupBuy, 'shipsMonth'>): string {
  return [
    'Nothing is charged unless the minimum is reached by the close.',
    'Leave free any time before the close.',
    `If it has not shipped by the end of ${monthName(groupBuy.shipsMonth)}, you may ask for a refund of what was not yet sent to the builder.`,
  ].join(' ');
}

/**
 * What a joiner agrees to on Stripe's page, beside the button that saves their card (the
 * shipping too, when the address decides it), saying when the charge can truly come: at the
 * close, which the builder may still move later once; for a pledge on the waitlist at the
 * close, only when a place opens for it, which can be days later (a pay link lapses after 72
 * hours); and on a link within 72 hours when the bank wants the buyer.
 */
export function consentText(groupBuy: GroupBuy, quantity: number, shipping?: PledgeShipping): string {
  const plus = shipping ? ` ${shippingWords(shipping, groupBuy.currency)}` : '';
  const movable = groupBuy.extended ? '' : ' (its builder may move the close later once, by up to 30 days; you will be told)';
  return [
    `You will be charged ${pledgeAmount(groupBuy, quantity)}${plus} only if ${groupBuy.title} reaches its minimum of ${groupBuy.moq.toLocaleString('en-US')} by its close on ${dayName(groupBuy.closesAt)}${movable}.`,
    'The charge is made at the close; if you are on the waitlist then, only if a place opens for you, which can be days after the close (you will be told).',
    'If your bank asks for you, you have 72 hours to pay on a link.',
    'Leave before the close and nothing is charged.',
  ].join(' ');
}

function progressLine(groupBuy: GroupBuy): string {
  const met = groupBuy.pledgedUnits >= groupBuy.moq ? ' ✓ minimum met' : '';
  return `\`${progressBar(groupBuy.pledgedUnits, groupBuy.moq)}\` **${groupBuy.pledgedUnits.toLocaleString('en-US')} / ${unitsText(groupBuy.moq)}** pledged by ${peopleText(groupBuy.pledgers)}${met}`;
}

/** Funded below the minimum (pay links lapsed and the waitlist could not fill them): said, not hidden. */
const fundedShort = (groupBuy: GroupBuy) =>
  (groupBuy.fundedUnits ?? 0) < groupBuy.moq ? ' Its minimum was met at the close; buyers who did not pay their link since left it short.' : '';

function stateLine(groupBuy: GroupBuy): string {
  switch (groupBuy.status) {
    case 'open':
      return `Closes <t:${unix(groupBuy.closesAt)}:R> (<t:${unix(groupBuy.closesAt)}:f>)${groupBuy.extended ? ', extended once' : ''}.`;
    case 'charging':
      return `Closed <t:${unix(groupBuy.closedAt ?? groupBuy.closesAt)}:f> with its minimum met: pledges are charged now (${unitsText(groupBuy.fundedUnits ?? 0)} funded so far).`;
    case 'funded':
      return `Closed <t:${unix(groupBuy.closedAt ?? groupBuy.closesAt)}:f> with its minimum met. **Funded: ${unitsText(groupBuy.fundedUnits ?? 0)} (minimum ${unitsText(groupBuy.moq)}).**${fundedShort(groupBuy)}${latestLine(groupBuy)}`;
    case 'not-met':
      return `Closed <t:${unix(groupBuy.closedAt ?? groupBuy.closesAt)}:f> short of its minimum: nobody was charged.`;
    case 'cancelled':
      return groupBuy.cancelled?.afterClose
        ? 'Called off by the builder after its close: every buyer is refunded in full.'
        : 'Called off by the builder: nobody was charged.';
  }
}

/** The latest step of production proved live, with its link: what a funded group buy's post leads with. */
function latestLine(groupBuy: GroupBuy): string {
  const latest = latestMilestone(groupBuy);
  if (!latest) return '\nProduction: nothing proved live yet.';
  return `\nProduction: **${latest.milestone}** proved live <t:${unix(latest.provedAt)}:R>: [watch ${proofKindWords(latest.kind)}](${latest.url})`;
}

/** How the builder is paid as production is proven live: the post and the public page say it alike. */
export function productionLine(groupBuy: Pick<GroupBuy, 'tranches'>): string {
  const parts = groupBuy.tranches.filter((t) => t.milestone !== 'done' && t.percent > 0);
  return parts.length > 0
    ? `The builder is paid ${parts.map((t) => `${t.percent}% at ${t.milestone}`).join(', ')} and the rest at done, each step proven live.`
    : 'The builder is paid when it is done, proven live.';
}

/** The post in the channel: price, progress to the MOQ, time left, ship estimate and terms; Join and Leave while open. */
export function groupBuyPost(groupBuy: GroupBuy): DiscordMessage {
  const lines = [
    ...(groupBuy.description ? [groupBuy.description] : []),
    `**${unitPrice(groupBuy)}** a unit · by <@${groupBuy.builderId}>${groupBuy.cap ? ` · at most ${unitsText(groupBuy.cap)} (a waitlist after)` : ''}`,
    progressLine(groupBuy),
    stateLine(groupBuy),
    `Ships: estimated ${monthName(groupBuy.shipsMonth)}. ${productionLine(groupBuy)}`,
    `**Terms.** ${refundTerms(groupBuy)}`,
  ];
  const open = groupBuy.status === 'open';
  return {
    embeds: [
      {
        title: `🛒 Group buy: ${groupBuy.title}`,
        color:
          groupBuy.status === 'not-met' || groupBuy.status === 'cancelled' ? colors.rose : groupBuy.pledgedUnits >= groupBuy.moq ? colors.mint : colors.peach,
        description: lines.join('\n\n'),
        ...(groupBuy.imageUrl ? { image: { url: groupBuy.imageUrl } } : {}),
        footer: { text: `Group buy ${groupBuy.groupBuyId}${groupBuy.fromCheckId ? ` · from interest check ${groupBuy.fromCheckId}` : ''}` },
      },
    ],
    // An empty row list once closed: an edit that leaves `components` out would keep the buttons.
    components: open
      ? [
          {
            type: 1,
            components: [
              { type: 2, style: 3, label: 'Join', custom_id: componentId('join', groupBuy.groupBuyId) },
              { type: 2, style: 2, label: 'Leave', custom_id: componentId('leave', groupBuy.groupBuyId) },
            ],
          },
        ]
      : [],
    allowed_mentions: { parse: [] },
  };
}
