/**
 * @module show-messages
 * The run sheet (one public message per show, edited as the run goes) and what hosts,
 * builders and viewers read about shows. Public messages mention without pinging.
 */
import type { DiscordEmbed, DiscordMessage } from '../../ports';
import { type AuctionSnapshot, type Auction, streamDelayText, unsoldReasons } from '../../auctions';
import { colors, personMention, privateNote, EPHEMERAL } from '../../discord';
import { formatMoney, percentOf } from '../../common';
import { hostCutThatFits, splitLot } from '../../orders';
import { preBidButtonId } from './pre-bid';
import { lotButtonId, runSheetButtonId, showLimits, type Show, type ShowLot, type ShowSettings } from './show';

const gold = 0xf5c451;
const money = (cents: number, currency: string) => formatMoney({ cents, currency });
const relative = (iso: string) => `<t:${Math.floor(Date.parse(iso) / 1000)}:R>`;

/** A lot as the run sheet shows it: its place, and once it went up, its auction's live state or result. */
export interface LotView {
  lot: ShowLot;
  number: number;
  live?: AuctionSnapshot;
  auction?: Auction;
}

export type LotOutcome =
  | { kind: 'up-next' }
  | { kind: 'live'; priceCents: number; leaderId?: string; leaderName?: string; endsAtMs: number }
  | { kind: 'sold'; bidderId: string; bidderName?: string; priceCents: number; paid: boolean }
  | { kind: 'second-chance'; bidderId: string; bidderName?: string; priceCents: number }
  | { kind: 'unsold'; reason: string }
  | { kind: 'skipped'; reason: string };

export function outcomeOf(view: LotView): LotOutcome {
  const { lot, live, auction } = view;
  if (lot.state === 'up-next') return { kind: 'up-next' };
  if (lot.state === 'skipped') return { kind: 'skipped', reason: lot.skippedBecause ?? 'the show ended before it' };
  if (auction && auction.status !== 'live') {
    if (auction.status === 'unsold') return { kind: 'unsold', reason: unsoldReasons[auction.unsoldReason ?? 'no-bids'] };
    if (auction.status === 'cancelled') return { kind: 'unsold', reason: 'it was taken down' };
    const holder = auction.offer ?? (auction.winner ? { ...auction.winner, rank: 0 } : undefined);
    if (holder && holder.rank > 0 && auction.status === 'awaiting-payment')
      return { kind: 'second-chance', bidderId: holder.bidderId, bidderName: holder.bidderName, priceCents: holder.priceCents };
    if (holder)
      return { kind: 'sold', bidderId: holder.bidderId, bidderName: holder.bidderName, priceCents: holder.priceCents, paid: auction.status === 'paid' };
  }
  // Date.parse answers NaN, never undefined, for an auction not stored yet: 0 says "no end known".
  const storedEndMs = Date.parse(auction?.endsAt ?? '');
  return {
    kind: 'live',
    priceCents: live?.priceCents ?? lot.startCents,
    ...(live?.leaderId ? { leaderId: live.leaderId, ...(live.leaderName ? { leaderName: live.leaderName } : {}) } : {}),
    endsAtMs: live?.endsAtMs ?? (Number.isFinite(storedEndMs) ? storedEndMs : 0),
  };
}

/** How many pre-bids a lot holds, never whose or how much. */
const preBidsText = (count: number) => (count === 0 ? '' : ` · 🎯 ${count} pre-bid${count === 1 ? '' : 's'}`);

function lotLine(view: LotView, currency: string): string {
  const { lot, number } = view;
  const head = `\`${String(number).padStart(2, ' ')}\` **${lot.item}** by <@${lot.builderId}>`;
  const outcome = outcomeOf(view);
  switch (outcome.kind) {
    case 'up-next':
      return `${head} · up next, opens at ${money(lot.startCents, currency)}${preBidsText(lot.preBidCount ?? 0)}`;
    case 'live':
      return `${head} · 🔴 **live** · ${money(outcome.priceCents, currency)}${outcome.leaderId ? `, ${personMention(outcome.leaderId, outcome.leaderName)} leads` : ', no bids yet'}`;
    case 'sold':
      return `${head} · ✅ sold to ${personMention(outcome.bidderId, outcome.bidderName)} for **${money(outcome.priceCents, currency)}**${outcome.paid ? ' (paid)' : ''}`;
    case 'second-chance':
      return `${head} · 🔁 second chance offered to ${personMention(outcome.bidderId, outcome.bidderName)} at ${money(outcome.priceCents, currency)}`;
    case 'unsold':
      return `${head} · unsold: ${outcome.reason}`;
    case 'skipped':
      return `${head} · not run: ${outcome.reason}`;
  }
}

export interface ShowTotals {
  lots: number;
  sold: number;
  unsold: number;
  grossCents: number;
}

export function totalsOf(views: LotView[]): ShowTotals {
  const outcomes = views.map(outcomeOf);
  const sold = outcomes.filter((o): o is Extract<LotOutcome, { priceCents: number; bidderId: string }> => o.kind === 'sold' || o.kind === 'second-chance');
  return {
    lots: views.length,
    sold: sold.length,
    unsold: outcomes.filter((o) => o.kind === 'unsold').length,
    grossCents: sold.reduce((sum, o) => sum + o.priceCents, 0),
  };
}

/** The public run sheet: every lot with its state, the totals, and the host's buttons while it runs. */
export function runSheet(show: Show, views: LotView[], hostCutBps: number): DiscordMessage {
  const totals = totalsOf(views);
  // Pay now while a winner still owes: once every lot sold is paid, it opens nothing and reads as a debt.
  const owed = views.map(outcomeOf).some((o) => (o.kind === 'sold' && !o.paid) || o.kind === 'second-chance');
  const lines = views.map((v) => lotLine(v, show.currency));
  const status =
    show.status === 'planning'
      ? `Starting soon, hosted by <@${show.hostId}>. Builders add lots here with \`/c500 show add\`; pre-bid on any lot with **Pre-bid** or \`/bid lot:<n> max:<n>\`.`
      : show.status === 'running'
        ? `🔴 On air, hosted by <@${show.hostId}>.${show.nextLotAt ? ` Next lot ${relative(show.nextLotAt)}.` : ''} Bid on the live lot’s card below.`
        : show.status === 'paused'
          ? `⏸️ Paused by the host.${views.some((v) => v.lot.state === 'live') ? ' The live lot runs to its hammer.' : ''} The next lot waits for **Resume**.`
          : owed
            ? 'The show is over. Winners pay for everything won from one builder in one checkout: check your DMs, or press **Pay now**.'
            : `The show is over.${totals.sold > 0 ? ' Every lot sold is paid for: thanks, winners.' : ''}`;
  const embed: DiscordEmbed = {
    title: `📺 ${show.title}`,
    description: [status, '', ...(lines.length > 0 ? lines : ['No lots yet.'])].join('\n'),
    color: show.status === 'ended' ? colors.mint : show.status === 'paused' ? colors.peach : gold,
    fields: [
      {
        name: 'Totals',
        value: `${totals.sold} of ${totals.lots} lot${totals.lots === 1 ? '' : 's'} sold · ${money(totals.grossCents, show.currency)}${totals.unsold > 0 ? ` · ${totals.unsold} unsold` : ''}`,
      },
    ],
    footer: { text: `Show ${show.showId} · host’s cut ${percentOf(hostCutBps)}` },
  };
  const buttons: Array<{ type: 2; style: number; label: string; custom_id: string }> = [];
  if (show.status === 'running') buttons.push({ type: 2, style: 1, label: 'Next lot', custom_id: runSheetButtonId(show.showId, 'next') });
  if (show.status === 'running') buttons.push({ type: 2, style: 2, label: 'Pause', custom_id: runSheetButtonId(show.showId, 'pause') });
  if (show.status === 'paused') buttons.push({ type: 2, style: 3, label: 'Resume', custom_id: runSheetButtonId(show.showId, 'resume') });
  if (show.status === 'running' || show.status === 'paused')
    buttons.push({ type: 2, style: 4, label: 'End show', custom_id: runSheetButtonId(show.showId, 'end') });
  if (show.status !== 'planning' && owed) buttons.push({ type: 2, style: 3, label: 'Pay now', custom_id: runSheetButtonId(show.showId, 'pay') });
  // Anyone may pre-bid on a lot not yet open, from the moment the run sheet is up.
  if (show.status !== 'ended' && show.lots.some((l) => l.state === 'up-next'))
    buttons.push({ type: 2, style: 2, label: 'Pre-bid', custom_id: preBidButtonId(show.showId) });
  return { allowed_mentions: { parse: [] }, embeds: [embed], components: buttons.length > 0 ? [{ type: 1, components: buttons }] : [] };
}

export const showAnswers = {
  created: (show: Show, settings: ShowSettings) =>
    privateNote(
      `Show **${show.title}** is set up in <#${show.channelId}> (id \`${show.showId}\`). Builders who can be paid add lots here with \`/c500 show add item:<text> price:<n> duration:<45s>\`; you arrange them with \`/c500 show lots\`, then go on air with \`/c500 show start\`. Your cut is ${percentOf(settings.hostCutBps)} of each lot’s price (fixed when the show starts), and the next lot goes up ${settings.gapSeconds}s after each hammer.`,
    ),
  lotAdded: (show: Show, lot: ShowLot, number: number, cut: { hostCutBps: number; fixed: boolean; platformFeeBps: number }) => {
    const example = lot.startCents;
    const hostCutBps = hostCutThatFits(cut.platformFeeBps, cut.hostCutBps);
    const keeps = splitLot(example, { platformFeeBps: cut.platformFeeBps, hostCutBps }).builderShareCents;
    return privateNote(
      `Lot ${number} of **${show.title}**: **${lot.item}**, opens at ${money(lot.startCents, show.currency)} and runs ${lot.durationSeconds}s when it goes up. ` +
        `The host <@${show.hostId}> takes ${percentOf(hostCutBps)} of the price${cut.fixed ? '' : ' (the show’s rate is fixed when it starts)'} and the platform ${percentOf(cut.platformFeeBps)}: ` +
        `sold at ${money(example, show.currency)}, you’d get ${money(keeps, show.currency)}, paid out when you prove the build live, as with any order.`,
    );
  },
  started: (show: Show, publicBaseUrl: string) =>
    privateNote(
      `**${show.title}** is on air: the first lot is going up in <#${show.channelId}>. Your controls are on the run sheet. For OBS, add a Browser source (1280×300) with ${showOverlayUrl(publicBaseUrl, show.showId)}`,
    ),
  next: privateNote('The next lot is going up now.'),
  paused: (liveLot: boolean) =>
    privateNote(
      liveLot
        ? 'Paused: the live lot runs to its hammer (bidders are counting on its clock), and no next lot goes up until you press **Resume**.'
        : 'Paused: no next lot goes up until you press **Resume**.',
    ),
  resumed: (gapSeconds: number) => privateNote(`Resumed: the next lot goes up in ${gapSeconds}s, or now with **Next lot**.`),
  ended: (liveLot: boolean) =>
    privateNote(
      liveLot
        ? 'The show is ending: the live lot runs to its hammer, no other lot goes up, and then every winner gets one checkout per builder.'
        : 'The show is over: no other lot goes up, and every winner gets one checkout per builder.',
    ),
  settings: (settings: ShowSettings, changed: boolean) =>
    privateNote(
      `${changed ? 'Saved. ' : ''}Show rules here: the host takes **${percentOf(settings.hostCutBps)}** of each lot (\`host-cut\`), the next lot goes up **${settings.gapSeconds}s** after a hammer (\`gap\`), and shows are hosted by admins${settings.hostRoleId ? ` and <@&${settings.hostRoleId}>` : ''} (\`host-role\`). Lots run with ${settings.streamDelaySeconds === undefined ? 'the server’s auction stream delay (3s unless `/c500 auction settings` says)' : `**${streamDelayText(settings.streamDelaySeconds)}**`} (\`stream-delay\`: the hammer falls that long after the end your overlay shows). A show keeps the cut, gap and delay it started with.`,
    ),
};

export const showRefusals = {
  notHost: privateNote(
    'Only the show’s host, server admins or members with the show host role can do that. An admin can set the role with `/c500 show settings host-role:@role`.',
  ),
  notAdmin: privateNote('Only server admins can change the show rules (you need **Administrator** or **Manage Server**).'),
  invalidSettings: (problems: string[]) =>
    privateNote(`Nothing was saved. Fix these and run \`/c500 show settings\` again:\n${problems.map((p) => `• ${p}`).join('\n')}`),
  noShowHere: privateNote('There’s no show in this channel. A host starts one with `/c500 show create title:<text>`.'),
  showExists: (show: Show) =>
    privateNote(
      `This channel already has the show **${show.title}** (\`${show.showId}\`). End it with its **End show** button, or make yours in another channel.`,
    ),
  invalidTitle: (problem: string) => privateNote(`Your show wasn’t created. ${problem}`),
  invalidLot: (problems: string[]) =>
    privateNote(`Your lot wasn’t added. Fix these and run \`/c500 show add\` again:\n${problems.map((p) => `• ${p}`).join('\n')}`),
  notOnboarded: privateNote('Your lot wasn’t added: winners can’t pay you yet. Run `/c500 onboard` to set up Stripe payouts, then add it again.'),
  accountRevoked: privateNote(
    'Your lot wasn’t added: you disconnected your Stripe account from C500, so winners can’t pay you. Run `/c500 onboard` to connect a Stripe account again, then add it again.',
  ),
  full: privateNote(`Your lot wasn’t added: a show takes ${showLimits.maxLots} lots. Ask the host to remove one, or save it for the next show.`),
  ended: privateNote('That show is over. A host can start a new one with `/c500 show create`.'),
  alreadyOnAir: privateNote('The show is already on air: use the run sheet’s buttons.'),
  noLots: privateNote('The show has no lots to run yet. Builders add them with `/c500 show add`.'),
  auctionLive: (auctionId: string) =>
    privateNote(`Auction \`${auctionId}\` is still live in this channel: start the show once its hammer drops, so the two don’t take bids at the same time.`),
  lotStillLive: privateNote('A lot is still live: the next one goes up after its hammer. Bidders are counting on its clock, so it can’t be cut short.'),
  noneLeft: privateNote('There are no lots left to put up. Press **End show** to wrap up and send the checkouts.'),
  pausedFirst: privateNote('The show is paused: press **Resume** first.'),
  notPaused: privateNote('The show isn’t paused.'),
  notPlanned: privateNote('That button is for a show that hasn’t started, or a lot that has run already.'),
  lotGone: privateNote('That lot has already gone up, or was removed. Run `/c500 show lots` for the run sheet as it is now.'),
  notYourLot: privateNote('Only the host can arrange lots.'),
  notOnAir: privateNote('That only works while the show is on air.'),
  wrongChannel: privateNote('That button belongs to a show in another channel.'),
  bookDown: privateNote('The auction service isn’t answering right now, so the lot didn’t go up. Try again in a minute.'),
};

/** The OBS overlay that follows the show. */
export const showOverlayUrl = (publicBaseUrl: string, showId: string) => `${publicBaseUrl}/overlay/show?id=${showId}`;

/** `/c500 show lots`: the run sheet privately, with arranging buttons for the host (a page of lots at a time). */
export const lotsPerPage = 4;

export function lotsMessage(show: Show, canArrange: boolean, page = 0): DiscordMessage {
  const lines = show.lots.map(
    (l, i) =>
      `\`${String(i + 1).padStart(2, ' ')}\` **${l.item}** by <@${l.builderId}> · opens at ${money(l.startCents, show.currency)}, ${l.durationSeconds}s${l.reserveCents > 0 ? `, reserve ${money(l.reserveCents, show.currency)}` : ''}${l.suddenDeath ? ', sudden death' : ''}${l.state === 'up-next' ? '' : ` · ${l.state}`}`,
  );
  const arrangeable = show.lots.map((l, i) => ({ l, number: i + 1 })).filter(({ l }) => l.state === 'up-next');
  const perPage = lotsPerPage;
  const pages = Math.max(1, Math.ceil(arrangeable.length / perPage));
  const shownPage = Math.min(Math.max(0, page), pages - 1);
  const components: unknown[] = [];
  if (canArrange && show.status !== 'ended') {
    for (const { l, number } of arrangeable.slice(shownPage * perPage, shownPage * perPage + perPage)) {
      const label = (text: string) => `${text} ${number}`;
      components.push({
        type: 1,
        components: [
          { type: 2, style: 2, label: label('↑ Move up'), custom_id: lotButtonId(show.showId, 'up', l.lotId), disabled: number === 1 },
          { type: 2, style: 2, label: label('↓ Move down'), custom_id: lotButtonId(show.showId, 'down', l.lotId), disabled: number === show.lots.length },
          { type: 2, style: 4, label: label('✕ Remove'), custom_id: lotButtonId(show.showId, 'remove', l.lotId) },
        ],
      });
    }
  }
  const more =
    canArrange && pages > 1 ? ` · buttons: page ${shownPage + 1} of ${pages} of the lots up next (/c500 show lots page:${((shownPage + 1) % pages) + 1})` : '';
  return {
    flags: EPHEMERAL,
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: `Lots of ${show.title}`,
        description: lines.length > 0 ? lines.join('\n') : 'No lots yet. Builders add them with `/c500 show add`.',
        color: colors.peach,
        footer: {
          text: `Show ${show.showId} · ${show.lots.length}/${showLimits.maxLots} lots${canArrange ? ' · lots up next can be moved or removed' : ''}${more}`,
        },
      },
    ],
    components,
  };
}

/** The channel's last word on a show, once its last lot hammered. */
export function showWrapPost(show: Show, views: LotView[]): DiscordMessage {
  const totals = totalsOf(views);
  return {
    allowed_mentions: { parse: [] },
    content: `🎬 That’s a wrap on **${show.title}**: ${totals.sold} of ${totals.lots} lot${totals.lots === 1 ? '' : 's'} sold for ${money(totals.grossCents, show.currency)}. Thanks for bidding! Winners: check your DMs for one checkout per builder, or press **Pay now** on the run sheet.`,
  };
}
