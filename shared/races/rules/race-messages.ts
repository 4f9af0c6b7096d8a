/**
 * @module race-messages
 * What hosts, racers and admins read about race lobbies, wallets and payouts. The lobby
 * message is public and mentions nobody (no pings on every sale); everything else a person
 * asked for is private to them.
 */
import type { DiscordEmbed, DiscordMessage } from '../../ports';
import { EPHEMERAL, colors, privateNote } from '../../discord';
import { formatMoney, percentOf, checkoutSuccessUrl } from '../../common';
import { joinButtonId, leaveButtonId, type RaceLobby, type RaceSettings } from './race';
import type { Payout, Wallet } from './wallet';
import { shopWebhookUrl } from './shop-connection';

const gold = 0xf5c451;
const at = (iso: string, style: 'R' | 'f' | 'd' = 'R') => `<t:${Math.floor(Date.parse(iso) / 1000)}:${style}>`;

/** The public lobby message: who races, the pot, and Join / Leave while the grid is open. */
export function lobbyMessage(lobby: RaceLobby, rateBps: number): DiscordMessage {
  const currency = lobby.currency;
  const money = (cents: number) => formatMoney({ cents, currency: currency ?? 'usd' });
  const rate = percentOf(lobby.commissionBps ?? rateBps);
  const grid = lobby.racers.map((r, i) => `${i + 1}. <@${r.userId}>${lobby.status === 'open' ? '' : ` · ${money(lobby.shares?.[r.userId] ?? 0)}`}`);
  const fields: NonNullable<DiscordEmbed['fields']> = [
    { name: `Racers (${lobby.racers.length}/${lobby.maxRacers})`, value: grid.length > 0 ? grid.join('\n') : 'Nobody yet: press **Join**.' },
  ];
  if (lobby.status !== 'open')
    fields.push({
      name: 'Live pot',
      value: `**${money(lobby.poolCents ?? 0)}** from ${lobby.salesCount ?? 0} sale${lobby.salesCount === 1 ? '' : 's'}`,
      inline: true,
    });
  const description =
    lobby.status === 'open'
      ? `Press **Join** to race. Once the host starts, ${rate} of every merch sale made while the window is open is split evenly among the racers.`
      : lobby.status === 'racing'
        ? `The window is open: ${rate} of every merch sale is split evenly among the racers. It closes ${at(lobby.closesBy as string)} unless the host ends it. Send your followers to the shop!`
        : `The window closed ${at(lobby.windowClosedAt as string)}. Each racer’s share is in their \`/wallet\`.`;
  const title =
    lobby.status === 'open' ? `🏁 Race lobby: ${lobby.title}` : lobby.status === 'racing' ? `🏁 Racing: ${lobby.title}` : `🏁 Race over: ${lobby.title}`;
  const message: DiscordMessage = {
    allowed_mentions: { parse: [] },
    embeds: [{ title, description, color: lobby.status === 'ended' ? colors.mint : gold, fields, footer: { text: `Lobby ${lobby.lobbyId}` } }],
    components: [],
  };
  if (lobby.status === 'open') {
    message.components = [
      {
        type: 1,
        components: [
          { type: 2, style: 3, label: 'Join', custom_id: joinButtonId(lobby.lobbyId) },
          { type: 2, style: 2, label: 'Leave', custom_id: leaveButtonId(lobby.lobbyId) },
        ],
      },
    ];
  }
  return message;
}

export function lobbyOpened(lobby: RaceLobby): DiscordMessage {
  return privateNote(
    `Lobby \`${lobby.lobbyId}\` (**${lobby.title}**) is open in this channel: racers press **Join** (up to ${lobby.maxRacers}). When the grid is set, run \`/race start\`. Or name the racers yourself: \`/race start racers:@ana @bo\`.`,
  );
}

export function raceStarted(lobby: RaceLobby, overlayUrl: string): DiscordMessage {
  return privateNote(
    [
      `The window is open for **${lobby.title}** with ${lobby.racers.length} racer${lobby.racers.length === 1 ? '' : 's'}: ${percentOf(lobby.commissionBps as number)} of every merch sale is split evenly among them.`,
      `It closes itself ${at(lobby.closesBy as string)}; end it sooner with \`/race end\`.`,
      `Live pot for OBS: ${overlayUrl} (Browser source, width 1280, height 120).`,
    ].join('\n'),
  );
}

/** Posted in the channel when a window opens and when it closes. */
export function raceAnnouncement(lobby: RaceLobby): DiscordMessage {
  const money = (cents: number) => formatMoney({ cents, currency: lobby.currency ?? 'usd' });
  if (lobby.status === 'racing') {
    return {
      allowed_mentions: { parse: [] },
      content: `🏁 **${lobby.title}** is on! Until ${at(lobby.closesBy as string, 'f')}, ${percentOf(lobby.commissionBps as number)} of every merch sale goes to ${lobby.racers.map((r) => `<@${r.userId}>`).join(', ')}, split evenly.`,
    };
  }
  const shares = lobby.racers.map((r) => `<@${r.userId}> ${money(lobby.shares?.[r.userId] ?? 0)}`).join(' · ');
  return {
    allowed_mentions: { parse: [] },
    content: `🏁 **${lobby.title}** is over${lobby.endedBy === 'time' ? ' (the window ran out of time)' : ''}. Pot: **${money(lobby.poolCents ?? 0)}** from ${lobby.salesCount ?? 0} sale${lobby.salesCount === 1 ? '' : 's'}. ${shares}`,
  };
}

export function raceEnded(lobby: RaceLobby): DiscordMessage {
  return privateNote(
    `**${lobby.title}** is over: the window closed and later sales go to the house. Pot: ${formatMoney({ cents: lobby.poolCents ?? 0, currency: lobby.currency ?? 'usd' })}. Racers see their share with \`/wallet\`.`,
  );
}

export function joinedAnswer(lobby: RaceLobby, place: number, rateBps: number): DiscordMessage {
  return privateNote(
    `You’re racer ${place} of ${lobby.maxRacers} in **${lobby.title}**. When the host starts, you share ${percentOf(rateBps)} of the merch sold while the window is open: send your followers to the shop!`,
  );
}

export function leftAnswer(lobby: RaceLobby): DiscordMessage {
  return privateNote(`You left **${lobby.title}**. Press **Join** again if you change your mind before the start.`);
}

export const raceRefusals = {
  notHost: privateNote(
    'Only server admins, or members with the race host role, can run races here. An admin can choose the role with `/race settings host-role:@role`.',
  ),
  noLobby: privateNote('You have no open lobby in this channel. Open one with `/race open`, or name the grid: `/race start racers:@ana @bo`.'),
  nobodyJoined: (lobby: RaceLobby) =>
    privateNote(`Nobody has joined **${lobby.title}** yet. Wait for racers to press **Join**, or name them: \`/race start racers:@ana @bo\`.`),
  windowBusy: (lobby: Pick<RaceLobby, 'lobbyId' | 'title' | 'channelId' | 'windowOpenedAt'>) =>
    privateNote(
      `**${lobby.title}** (lobby \`${lobby.lobbyId}\`) has had its window open in <#${lobby.channelId}> since ${at(lobby.windowOpenedAt as string)}. One window per server at a time: \`/race end\` it first.`,
    ),
  noWindow: privateNote('No race window is open in this server. Start one with `/race start`.'),
  notYourRace: (lobby: RaceLobby) => privateNote(`**${lobby.title}** is <@${lobby.hostId}>’s race: only they or a server admin can end it.`),
  racers: (reason: string) => privateNote(reason),
  runAgain: privateNote('Nothing was opened: something got crossed on our side. Run the command again.'),
  lobbyGone: privateNote('That lobby has ended. Ask the host to open a new one with `/race open`.'),
  alreadyStarted: (lobby: RaceLobby) => privateNote(`**${lobby.title}** has started: the grid is fixed until it ends.`),
  full: (lobby: RaceLobby) => privateNote(`**${lobby.title}** is full (${lobby.maxRacers} racers). Ask the host to open another lobby.`),
  alreadyIn: (lobby: RaceLobby, place: number) => privateNote(`You’re already racer ${place} in **${lobby.title}**.`),
  notIn: (lobby: RaceLobby) => privateNote(`You’re not in **${lobby.title}**: nothing to leave.`),
  title: privateNote('A race title is at most 80 characters. Try something shorter: `/race open title:Friday Mario Kart`.'),
};

export function walletMessage(name: string, wallet: Wallet | undefined, settings: Pick<RaceSettings, 'payoutThresholdCents' | 'currency'>): DiscordMessage {
  if (!wallet) {
    return privateNote(
      `Hi ${name}! You have no race earnings here yet. Join a race lobby: while its window is open, every merch sale pays the racers a share. Payouts start at ${formatMoney({ cents: settings.payoutThresholdCents, currency: settings.currency })}.`,
    );
  }
  const money = (cents: number) => formatMoney({ cents, currency: wallet.currency });
  const toGo = settings.payoutThresholdCents - wallet.pendingCents;
  const threshold =
    toGo <= 0
      ? `${money(settings.payoutThresholdCents)}: you’re there. An admin pays out with \`/payout\`.`
      : `${money(settings.payoutThresholdCents)}: ${money(toGo)} to go.`;
  const races = Object.entries(wallet.races ?? {})
    .map(([lobbyId, race]) => ({ lobbyId, ...race }))
    // Newest first; races that started at the same instant by lobby id, so the list never depends on the stored map's order.
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : a.lobbyId.localeCompare(b.lobbyId)))
    .slice(0, 5)
    .map((r) => `**${r.title}** · ${at(r.startedAt, 'd')} · ${money(r.earnedCents)}`);
  const fields: NonNullable<DiscordEmbed['fields']> = [
    {
      name: 'Pending',
      value: `**${money(wallet.pendingCents)}**${wallet.pendingCents < 0 ? ' (a refund came after a payout: future credits make it up)' : ''}`,
      inline: true,
    },
    { name: 'Paid out, all time', value: money(wallet.paidCents), inline: true },
    { name: 'Earned, all time', value: money(wallet.earnedCents), inline: true },
    { name: 'Payout threshold', value: threshold },
    { name: 'Last races', value: races.length > 0 ? races.join('\n') : 'None yet.' },
  ];
  return { flags: EPHEMERAL, allowed_mentions: { parse: [] }, embeds: [{ title: `${name}’s race wallet`, color: gold, fields }] };
}

export const payoutRefusals = {
  notAdmin: privateNote('Only server admins (**Manage Server**) can pay racers out.'),
  amount: (reason: string) => privateNote(`${reason} For example: \`/payout user:@ana amount:20\`.`),
  needsUser: privateNote('Name the racer to pay: `/payout user:@ana amount:20`.'),
  note: privateNote('A payout note is at most 200 characters.'),
  nothingPending: (racerId: string) => privateNote(`<@${racerId}> has nothing pending to pay out here.`),
  tooMuch: (racerId: string, amountCents: number, pendingCents: number, currency: string) =>
    privateNote(
      `You can’t pay <@${racerId}> ${formatMoney({ cents: amountCents, currency })}: their pending balance is ${formatMoney({ cents: pendingCents, currency })}. Pay at most that.`,
    ),
};

export function payoutDone(payout: Payout, pendingAfterCents: number): DiscordMessage {
  const money = (cents: number) => formatMoney({ cents, currency: payout.currency });
  const how =
    payout.method === 'stripe'
      ? `by Stripe transfer \`${payout.transferId}\` to their connected account`
      : `as paid by hand${payout.note ? ` (${payout.note})` : ''}`;
  return privateNote(`Paid <@${payout.racerId}> ${money(payout.amountCents)} ${how}. Their pending balance is now ${money(pendingAfterCents)}.`);
}

export function payoutFailed(payout: Payout, pendingAfterCents: number): DiscordMessage {
  const money = (cents: number) => formatMoney({ cents, currency: payout.currency });
  return privateNote(
    `Stripe refused the transfer of ${money(payout.amountCents)} to <@${payout.racerId}>: ${payout.failure ?? 'no reason given'}. Nothing was paid; their pending balance is back to ${money(pendingAfterCents)}. Pay by hand instead, or have them fix their Stripe account.`,
  );
}

/** The public "cashed out" post; it pings only the racer. */
export function cashedOut(payout: Payout): DiscordMessage {
  const how = payout.method === 'stripe' ? 'sent to their Stripe account' : `paid by hand${payout.note ? `: ${payout.note}` : ''}`;
  return {
    allowed_mentions: { users: [payout.racerId] },
    content: `💸 <@${payout.racerId}> cashed out ${formatMoney({ cents: payout.amountCents, currency: payout.currency })} of race earnings (${how}).`,
  };
}

export function saleCurrencyMismatch(
  sale: { description: string; amountCents: number; currency: string },
  lobby: Pick<RaceLobby, 'title' | 'currency'>,
): DiscordMessage {
  return {
    allowed_mentions: { parse: [] },
    content: `A sale came in during **${lobby.title}** in ${sale.currency.toUpperCase()} (${sale.description}, ${formatMoney({ cents: sale.amountCents, currency: sale.currency })}), but this race pays in ${(lobby.currency ?? '').toUpperCase()}. It was recorded and not split: nothing is converted. An admin can pay racers for it by hand with \`/payout\`.`,
  };
}

export function raceSettingsMessage(settings: RaceSettings, connected: { kofi: boolean; shopify: boolean }, saved: boolean): DiscordMessage {
  const money = (cents: number) => formatMoney({ cents, currency: settings.currency });
  const lines = [
    saved ? 'Race settings saved. A race already running keeps the rate it started with.' : 'Race settings for this server:',
    `• Racers share **${percentOf(settings.commissionBps)}** of each merch sale (\`rate\`)`,
    `• Payouts start at **${money(settings.payoutThresholdCents)}** pending (\`threshold\`)`,
    `• Up to **${settings.maxRacers}** racers a lobby (\`max-racers\`); a window closes itself after **${settings.maxWindowMinutes}** minutes (\`max-minutes\`)`,
    `• Hosts: admins${settings.hostRoleId ? ` and <@&${settings.hostRoleId}>` : ''} (\`host-role\`)`,
    `• Currency: **${settings.currency.toUpperCase()}**; Ko-fi payments that count: ${settings.kofiTypes.join(', ')} (\`kofi-types\`)`,
    `• Shops: Ko-fi ${connected.kofi ? 'connected' : 'not connected'}, Shopify ${connected.shopify ? 'connected' : 'not connected'} (\`/race connect\`)`,
  ];
  return privateNote(lines.join('\n'));
}

export function shopConnectedMessage(shop: 'kofi' | 'shopify' | 'stripe', publicBaseUrl: string, guildId: string): DiscordMessage {
  switch (shop) {
    case 'kofi':
      return privateNote(
        `Ko-fi connected. In Ko-fi, open Settings → API → Webhooks and set the webhook URL to\n${shopWebhookUrl(publicBaseUrl, 'kofi', guildId)}\nSales count while a race window is open; \`/race settings kofi-types\` chooses which kinds of payment count.`,
      );
    case 'shopify': {
      // Stryker disable next-line StringLiteral: shopWebhookUrl gives every shop but 'kofi' the Shopify address, so another name here changes nothing
      const url = shopWebhookUrl(publicBaseUrl, 'shopify', guildId);
      return privateNote(
        `Shopify connected. In Shopify admin, open Settings → Notifications → Webhooks and create two JSON webhooks to\n${url}\none for **Order payment** (\`orders/paid\`) and one for **Refund create** (\`refunds/create\`). Not order creation: it fires before anyone has paid.`,
      );
    }
    case 'stripe':
      return privateNote(
        `Stripe merch needs no secret: sell through Payment Links on C500’s Stripe account with the metadata \`guild_id\` = \`${guildId}\`. Paid sessions reach us through the Stripe webhook, and refunds reverse racers’ credits. Set each link’s confirmation page to redirect to \`${checkoutSuccessUrl(publicBaseUrl)}\` so buyers see their purchase there.`,
      );
  }
}

export const settingsRefusals = {
  notAdmin: privateNote('Only server admins (**Administrator** or **Manage Server**) can change race settings or connect shops.'),
  invalid: (problems: string[]) => privateNote(`Nothing was saved. Fix these and run \`/race settings\` again:\n${problems.map((p) => `• ${p}`).join('\n')}`),
  connect: (problem: string) => privateNote(problem),
};
