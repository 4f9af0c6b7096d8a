/**
 * @module set-pre-bid
 * `/bid lot:<n> max:<n>` in a show's channel, or the run sheet's Pre-bid modal: a member sets,
 * changes or withdraws (`max:0`) their maximum on a lot not yet open. Checked against the
 * server's trust rules as they stand (they are checked again when the lot opens). One
 * transaction on the show and the lot's pre-bids: a lot that went up meanwhile takes none.
 */
import type { DiscordMessage } from '../../ports';
import { modalValues, commandCall, InteractionType, placeOf, refusals, type Interaction } from '../../discord';
import { personName } from '../../common';
import { bookTrustOf, guildAuctionsPath, trustedOnRecord } from '../../auctions';
import { showPath, type Show } from '../rules/show';
import { lotPreBidsPath, parsePreBid, withPreBid, type LotPreBids } from '../rules/pre-bid';
import { preBidAnswers, preBidRefusals } from '../rules/pre-bid-messages';
import { showIn } from './show-channel';
import { runSheetChanged } from './refresh-run-sheet';
import type { ShowDeps } from './show-deps';

type Change = { kind: 'set'; changed: boolean } | { kind: 'withdrawn' } | { kind: 'nothing' } | { kind: 'refused'; answer: DiscordMessage };

export async function setPreBid(deps: ShowDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const currency = deps.marketplace.currency;
  const form = parsePreBid(optionsOf(interaction), currency);
  if (!form.ok) return preBidRefusals.invalid(form.reason);
  const found = await showIn(deps.store, place.channelId);
  if (!found || found.guildId !== place.guildId) return preBidRefusals.noShowHere;
  const bidderId = place.user.id;
  const refused = await checkLot(deps, found, form.lotNumber, form.maxCents, bidderId);
  if (refused) return refused;
  const lot = found.lots[form.lotNumber - 1] as Show['lots'][number];
  const named = { number: form.lotNumber, item: lot.item, startCents: lot.startCents, currency: found.currency };

  const change = await deps.store.runTransaction(async (tx): Promise<Change> => {
    const show = await tx.get(showPath(found.showId));
    const now = show?.lots.find((l) => l.lotId === lot.lotId);
    if (!show || !now || show.status === 'ended') return { kind: 'refused', answer: preBidRefusals.showOver };
    if (now.state !== 'up-next') return { kind: 'refused', answer: preBidRefusals.opened(named, now.state) };
    const path = lotPreBidsPath(show.showId, lot.lotId);
    const held: LotPreBids = (await tx.get(path)) ?? { showId: show.showId, lotId: lot.lotId, bidderIds: [], bids: [] };
    const before = held.bids.find((b) => b.bidderId === bidderId);
    if (form.maxCents === 0 && !before) return { kind: 'nothing' };
    const bids = withPreBid(held.bids, { bidderId, bidderName: personName(place.user), maxCents: form.maxCents, setAtMs: deps.clock.now().getTime() });
    tx.set(path, { ...held, bids, bidderIds: bids.map((b) => b.bidderId) });
    tx.update(showPath(show.showId), { lots: show.lots.map((l) => (l.lotId === lot.lotId ? { ...l, preBidCount: bids.length } : l)) });
    return form.maxCents === 0 ? { kind: 'withdrawn' } : { kind: 'set', changed: before !== undefined };
  });
  if (change.kind === 'refused') return change.answer;
  if (change.kind === 'nothing') return preBidAnswers.nothingToWithdraw(named);
  await runSheetChanged(deps, found.showId);
  return change.kind === 'withdrawn' ? preBidAnswers.withdrawn(named) : preBidAnswers.set(named, form.maxCents, change.changed);
}

/** The command's options, or the modal's inputs. */
function optionsOf(interaction: Interaction): { lot?: unknown; max?: unknown } {
  if (interaction.type === InteractionType.ModalSubmit) return modalValues(interaction.data?.components);
  return commandCall(interaction).options;
}

/** The lot exists and is not open, the max meets its opening price and the server's rules for this bidder. */
async function checkLot(deps: ShowDeps, show: Show, lotNumber: number, maxCents: number, bidderId: string): Promise<DiscordMessage | undefined> {
  if (!show.messageId) return preBidRefusals.noRunSheet;
  const lot = show.lots[lotNumber - 1];
  if (!lot) return preBidRefusals.noSuchLot(show.lots.length);
  const named = { number: lotNumber, item: lot.item, startCents: lot.startCents, currency: show.currency };
  if (lot.state !== 'up-next') return preBidRefusals.opened(named, lot.state);
  if (maxCents === 0) return undefined;
  if (lot.builderId === bidderId) return preBidRefusals.ownLot(named);
  if (maxCents < lot.startCents) return preBidRefusals.belowOpening(named);
  const trust = bookTrustOf((await deps.store.get(guildAuctionsPath(show.guildId)))?.auctions);
  if (trust.blocked.includes(bidderId)) return preBidRefusals.blocked;
  const limit = trust.newBidderLimitCents;
  if (limit > 0 && maxCents > limit && !(await trustedOnRecord(deps, bidderId))) return preBidRefusals.overTrustLimit(named, limit);
  return undefined;
}
