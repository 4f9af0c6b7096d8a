/**
 * @module messages
 * What people read. Every message the product sends is rendered here from values, so
 * wording stays consistent and is tested without Discord.
 */
import type { DiscordEmbed, DiscordMessage } from '../../ports';
import { helpLines } from '../../router/command-surface';
import { EPHEMERAL } from './interaction';
import type { GuildChannels } from '../../guild/rules/guild';

/** The soft C500 palette: peach for friendly notes, rose for refusals. */
export const colors = { peach: 0xffc8a2, rose: 0xf4a6b7, mint: 0xb5e8c8 } as const;

/** An answer only the person who asked sees. */
export function privateNote(content: string): DiscordMessage {
  return { content, flags: EPHEMERAL, allowed_mentions: { parse: [] } };
}

export function helpMessage(): DiscordMessage {
  const lines = helpLines.map((l) => `**\`${l.usage}\`**\n${l.what}`);
  return {
    flags: EPHEMERAL,
    embeds: [
      {
        title: 'C500 Collective: commands',
        description: lines.join('\n\n'),
        color: colors.peach,
        footer: { text: 'Buy drops, watch builders work live, bid in auctions, race for a share of the merch.' },
      },
    ],
  };
}

export const refusals = {
  setupNeedsAdmin: privateNote('Only server admins can set up C500 (you need **Administrator** or **Manage Server**). Ask an admin to run `/c500 setup`.'),
  setupNeedsChannels: privateNote('Pick both channels: `/c500 setup general:#hangout marketplace:#drops` (the drop role is optional).'),
  guildOnly: privateNote('C500 commands work inside a server, not in DMs. Run it in the server where C500 is set up.'),
  unknownCommand: (name: string) => privateNote(`I don’t know \`${name}\`. Type \`/c500 help\` to see every command and what to type.`),
  liveForms: (reason: string) => privateNote(reason),
  staleComponent: privateNote('That button belongs to something that has ended. Type `/c500 help` to see what you can do now.'),
};

export function setupSaved(c: GuildChannels): DiscordMessage {
  const role = c.dropRoleId ? `<@&${c.dropRoleId}> is pinged for drops.` : 'No drop role: drop announcements ping nobody.';
  return privateNote(
    `C500 is set up. Hangouts go to <#${c.generalChannelId}>, drops and hype to <#${c.marketplaceChannelId}>. ${role} Run \`/c500 setup\` again to change it.`,
  );
}

export interface ProfileOrderLine {
  orderId: string;
  title: string;
  status: string;
  builderName: string;
  amountLabel: string;
  proofUrl?: string | undefined;
  /** The open checkout of an order waiting to be paid, and when it lapses. */
  payUrl?: string;
  payBy?: string;
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
            o.proofUrl ? `[Proof of work](${o.proofUrl})` : undefined,
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
