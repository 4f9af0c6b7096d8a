/**
 * @module routing
 * Decides, from the interaction alone, whether the ingress answers in the request or
 * defers and hands the work to a subscriber. Pure, so the ingress stays fast and the
 * decision is testable without HTTP.
 */
import type { DiscordMessage } from '../ports';
import type { TopicName } from '../registry';
import { bidFromButton, isAuctionIdShaped, normalizeAuctionId, parseAuctionStart, parseBidCommand } from '../auctions/rules/auction';
import { auctionRefusals } from '../auctions/rules/auction-messages';
import { fitToDiscord } from '../discord/rules/discord-limits';
import { dropIdFromBuyNow, dropModalCustomId } from '../marketplace/rules/drop';
import { dropModal } from '../marketplace/rules/drop-form';
import { EPHEMERAL, InteractionType, ResponseType, commandCall, isGuildAdmin, type CommandCall, type Interaction } from '../discord/rules/interaction';
import { parseLiveMode } from '../live/rules/live-mode';
import { helpMessage, refusals } from '../discord/rules/messages';
import { isOrderIdShaped, normalizeOrderId } from '../payments/rules/order';
import { shipRefusals } from '../payments/rules/order-messages';
import { maxTitleLength, parseRacerMentions, raceButtonOf, raceLimits } from '../races/rules/race';
import { payoutRefusals, raceRefusals, settingsRefusals } from '../races/rules/race-messages';
import { parseShopConnection } from '../races/rules/race-settings-form';
import { payoutRacerOf } from '../races/rules/payout-form';
import { showButtonOf } from '../shows/rules/show';
import { parseLot, parseShowTitle } from '../shows/rules/show-forms';
import { showRefusals } from '../shows/rules/show-messages';

export interface InteractionResponse {
  type: number;
  data?: (DiscordMessage & { choices?: unknown[] }) | ReturnType<typeof dropModal>;
}

/** The deferred work a subscriber does; the name picks the use case, the table its topic. */
export const jobTopics = {
  'configure-guild': 'discord-commands',
  'show-profile': 'discord-commands',
  'link-twitch': 'discord-commands',
  'post-drop': 'discord-commands',
  'ship-order': 'discord-commands',
  'onboard-builder': 'stripe-commands',
  'buy-now': 'stripe-commands',
  'go-live': 'live-commands',
  'start-auction': 'auction-commands',
  'cancel-auction': 'auction-commands',
  'place-bid': 'auction-bids',
  'open-race': 'race-commands',
  'start-race': 'race-commands',
  'end-race': 'race-commands',
  'race-button': 'race-commands',
  'show-wallet': 'race-commands',
  'configure-races': 'race-commands',
  'connect-shop': 'race-commands',
  'pay-racer': 'stripe-commands',
  'create-show': 'show-commands',
  'add-lot': 'show-commands',
  'list-lots': 'show-commands',
  'start-show': 'show-commands',
  'pay-show': 'show-commands',
  'configure-shows': 'show-commands',
  'show-button': 'show-commands',
} as const satisfies Record<string, TopicName>;
export type CommandJobName = keyof typeof jobTopics;
export const commandJobs = Object.keys(jobTopics) as CommandJobName[];

export interface CommandJob {
  job: CommandJobName;
  interaction: Interaction;
}

export type Route = { kind: 'reply'; response: InteractionResponse } | { kind: 'defer'; ephemeral: boolean; topic: TopicName; job: CommandJobName };

const reply = (message: DiscordMessage): Route => ({ kind: 'reply', response: { type: ResponseType.Message, data: fitToDiscord(message) } });
const deferPrivately = (job: CommandJobName): Route => ({ kind: 'defer', ephemeral: true, topic: jobTopics[job], job });

/** What the ingress knows besides the interaction: amounts are read in the marketplace's currency. */
export interface RouteContext {
  currency: string;
}

export function routeInteraction(interaction: Interaction, context: RouteContext): Route {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { kind: 'reply', response: { type: ResponseType.Pong } };
    case InteractionType.Command:
      return routeCommand(interaction, context);
    case InteractionType.Autocomplete:
      return { kind: 'reply', response: { type: ResponseType.AutocompleteResult, data: { choices: [] } } };
    case InteractionType.ModalSubmit:
      return interaction.data?.custom_id === dropModalCustomId ? deferPrivately('post-drop') : reply(refusals.staleComponent);
    case InteractionType.Component:
      return routeComponent(interaction.data?.custom_id ?? '');
    default:
      return reply(refusals.staleComponent);
  }
}

function routeComponent(customId: string): Route {
  if (dropIdFromBuyNow(customId)) return deferPrivately('buy-now');
  // Each press answers with its own private message, which the bid subscriber edits.
  if (bidFromButton(customId)) return deferPrivately('place-bid');
  if (raceButtonOf(customId)) return deferPrivately('race-button');
  if (showButtonOf(customId)) return deferPrivately('show-button');
  return reply(refusals.staleComponent);
}

function routeCommand(interaction: Interaction, { currency }: RouteContext): Route {
  const { path, options } = commandCall(interaction);
  const name = `/${path.join(' ')}`;
  if (!interaction.guild_id) return reply(refusals.guildOnly);
  switch (name) {
    case '/c500 help':
      return reply(helpMessage());
    case '/c500 setup':
      // Checked here for an instant answer and again in the use case, which decides.
      if (!isGuildAdmin(interaction)) return reply(refusals.setupNeedsAdmin);
      if (typeof options.general !== 'string' || typeof options.marketplace !== 'string') return reply(refusals.setupNeedsChannels);
      return deferPrivately('configure-guild');
    case '/c500 profile':
      return deferPrivately('show-profile');
    case '/c500 onboard':
      return deferPrivately('onboard-builder');
    case '/c500 link-twitch':
      return deferPrivately('link-twitch');
    case '/c500 drop':
      // A modal must be the first answer, so it cannot wait for the store: onboarding is checked on submit.
      return { kind: 'reply', response: { type: ResponseType.Modal, data: dropModal() } };
    case '/c500 live': {
      // A mistyped mode is answered at once; nothing is published.
      const mode = parseLiveMode(options);
      return mode.ok ? deferPrivately('go-live') : reply(refusals.liveForms(mode.reason));
    }
    case '/c500 ship': {
      const order = normalizeOrderId(String(options.order ?? ''));
      const tracking = String(options.tracking ?? '').trim();
      if (!isOrderIdShaped(order)) return reply(shipRefusals.notFound(order.slice(0, 40)));
      if (tracking.length === 0 || tracking.length > 200) return reply(shipRefusals.tracking);
      return deferPrivately('ship-order');
    }
    case '/c500 auction start': {
      const form = parseAuctionStart(options, currency);
      return form.ok ? deferPrivately('start-auction') : reply(auctionRefusals.invalid(form.problems));
    }
    case '/c500 auction cancel':
      if (options.auction !== undefined && !isAuctionIdShaped(normalizeAuctionId(String(options.auction)))) return reply(auctionRefusals.noSuchAuction);
      return deferPrivately('cancel-auction');
    case '/bid': {
      // "12.345" or "-5" is answered at once, and nothing reaches the book.
      const bid = parseBidCommand(options, currency);
      return bid.ok ? deferPrivately('place-bid') : reply(auctionRefusals.invalidBid(bid.reason));
    }
    default:
      return routeShowCommand(interaction, name, options, currency) ?? routeRaceCommand(interaction, name, options) ?? reply(refusals.unknownCommand(name));
  }
}

/** Shows: what the interaction alone shows to be wrong is answered at once, with what to type instead. */
function routeShowCommand(interaction: Interaction, name: string, options: CommandCall['options'], currency: string): Route | undefined {
  switch (name) {
    case '/c500 show create': {
      const title = parseShowTitle(options);
      return title.ok ? deferPrivately('create-show') : reply(showRefusals.invalidTitle(title.problem));
    }
    case '/c500 show add': {
      const lot = parseLot(options, currency);
      return lot.ok ? deferPrivately('add-lot') : reply(showRefusals.invalidLot(lot.problems));
    }
    case '/c500 show lots':
      return deferPrivately('list-lots');
    case '/c500 show start':
      return deferPrivately('start-show');
    case '/c500 show pay':
      return deferPrivately('pay-show');
    case '/c500 show settings':
      return isGuildAdmin(interaction) ? deferPrivately('configure-shows') : reply(showRefusals.notAdmin);
  }
  return undefined;
}

/** Race lobbies, wallets and payouts; what can be checked from the interaction alone is answered at once. */
function routeRaceCommand(interaction: Interaction, name: string, options: CommandCall['options']): Route | undefined {
  switch (name) {
    case '/race open':
      return String(options.title ?? '').trim().length > maxTitleLength ? reply(raceRefusals.title) : deferPrivately('open-race');
    case '/race start': {
      if (options.racers === undefined) return deferPrivately('start-race');
      // The guild's own maximum is checked by the use case; this catches what is never right.
      const grid = parseRacerMentions(String(options.racers), raceLimits.maxRacers.max);
      return grid.ok ? deferPrivately('start-race') : reply(raceRefusals.racers(grid.reason));
    }
    case '/race end':
      return deferPrivately('end-race');
    case '/race settings':
      return isGuildAdmin(interaction) ? deferPrivately('configure-races') : reply(settingsRefusals.notAdmin);
    case '/race connect': {
      if (!isGuildAdmin(interaction)) return reply(settingsRefusals.notAdmin);
      const form = parseShopConnection(options);
      return form.ok ? deferPrivately('connect-shop') : reply(settingsRefusals.connect(form.problem));
    }
    case '/wallet':
      return deferPrivately('show-wallet');
    case '/payout': {
      if (!isGuildAdmin(interaction)) return reply(payoutRefusals.notAdmin);
      // The amount is read in the guild's race currency, which only the use case knows.
      return payoutRacerOf(options) ? deferPrivately('pay-racer') : reply(payoutRefusals.needsUser);
    }
  }
  return undefined;
}

/** The deferred answer Discord shows as "thinking…" until the subscriber edits it. */
export function deferredResponse(ephemeral: boolean): InteractionResponse {
  return ephemeral ? { type: ResponseType.DeferredMessage, data: { flags: EPHEMERAL } } : { type: ResponseType.DeferredMessage };
}
