/**
 * @module profile-messages
 * `/c500 profile`: a buyer's orders, and a builder's workbench.
 */
import type { DiscordEmbed, DiscordMessage } from '../../ports';
import { EPHEMERAL, colors, privateNote } from '../../discord';
import { proofLabel, type ProofView } from '../../payments';
import { formatMoney } from '../../common';
import type { MemberPreBid } from '../../shows';

export interface ProfileOrderLine {
  orderId: string;
  title: string;
  status: string;
  builderName: string;
  amountLabel: string;
  /** The order's best proof: a clip, the VOD at its moment, or only the channel. */
  proof?: ProofView | undefined;
  /** The open checkout of an order waiting to be paid, and when it lapses. */
  payUrl?: string;
  payBy?: string;
  /** After `/c500 ship`: when it left, how to follow it, and when it arrived (and who said so). */
  shippedAt?: string | undefined;
  trackingLabel?: string | undefined;
  trackingUrl?: string | undefined;
  receivedAt?: string | undefined;
  receivedBy?: 'buyer' | 'timeout' | undefined;
}

/** Checkout links are long: a few keep the embed inside Discord's 6,000 characters. */
const mostPayLinks = 3;

export interface OrderToBuild {
  orderId: string;
  title: string;
  status: string;
  buyerName: string;
}

export function profileMessage(username: string, orders: ProfileOrderLine[], toBuild: OrderToBuild[] = []): DiscordMessage {
  const workbench = toBuild.length === 0 ? [] : [workbenchEmbed(toBuild)];
  if (orders.length === 0 && workbench.length > 0) return { flags: EPHEMERAL, allowed_mentions: { parse: [] }, embeds: workbench };
  if (orders.length === 0) {
    return privateNote(
      `Hi ${username}! You have no orders yet. When you buy from a drop or win an auction, it shows up here with its status and the stream where the builder worked on it.`,
    );
  }
  return {
    flags: EPHEMERAL,
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: `${username}’s orders`,
        color: colors.mint,
        fields: orders.slice(0, 25).map((o, i) => ({
          name: `${o.title} · ${o.amountLabel}`,
          value: [
            `\`${o.orderId}\` · **${o.status}** · by ${o.builderName}`,
            o.proof ? `Proof of work: [${proofLabel(o.proof)}](${o.proof.url})` : undefined,
            shippingLine(o),
            o.payUrl && o.payBy && orders.slice(0, i).filter((p) => p.payUrl).length < mostPayLinks
              ? `[Pay now](${o.payUrl}) before <t:${Math.floor(Date.parse(o.payBy) / 1000)}:t>`
              : undefined,
          ]
            .filter(Boolean)
            .join('\n'),
        })),
        footer: orders.length > 25 ? { text: `Showing the 25 newest of ${orders.length} orders.` } : undefined,
      },
      ...workbench,
    ],
  };
}

/** For builders: paid orders to prove live (`paid`) or to ship (`building`). */
function workbenchEmbed(toBuild: OrderToBuild[]): DiscordEmbed {
  return {
    title: 'On your workbench',
    color: colors.peach,
    description: toBuild
      .slice(0, 20)
      .map(
        (o) =>
          `\`${o.orderId}\` **${o.title}** for ${o.buyerName} · ${o.status === 'paid' ? 'prove it live: `/c500 live mode:order:' + o.orderId + '`' : 'building: `/c500 ship` when it leaves'}`,
      )
      .join('\n'),
  };
}

const dayOf = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:D>`;

/** Shipped on a date (with its tracking), and received on a date: what a buyer asks about most once it is paid. */
function shippingLine(o: ProfileOrderLine): string | undefined {
  if (!o.shippedAt) return undefined;
  const tracking = o.trackingLabel ? ` · ${o.trackingUrl ? `[${o.trackingLabel}](${o.trackingUrl})` : o.trackingLabel}` : '';
  const received = o.receivedAt ? ` · received ${dayOf(o.receivedAt)}${o.receivedBy === 'timeout' ? ' (not confirmed)' : ''}` : '';
  return `Shipped ${dayOf(o.shippedAt)}${tracking}${received}`;
}

/** A member's pre-bids on show lots not yet open (theirs alone: the message is private), after their orders. */
export function withPreBids(profile: DiscordMessage, preBids: readonly MemberPreBid[]): DiscordMessage {
  if (preBids.length === 0) return profile;
  const embed = {
    title: 'Your pre-bids',
    color: colors.peach,
    description: preBids
      .slice(0, 20)
      .map(
        (p) =>
          `**${p.item}**: lot ${p.lotNumber} of ${p.showTitle} in <#${p.channelId}>, up to **${formatMoney({ cents: p.maxCents, currency: p.currency })}**`,
      )
      .join('\n'),
    footer: { text: 'Placed for you when each lot opens. Change one with /bid lot:<n> max:<n> in the show’s channel; max:0 withdraws it.' },
  };
  return { ...profile, flags: EPHEMERAL, allowed_mentions: { parse: [] }, embeds: [...(profile.embeds ?? []), embed] };
}
