/**
 * @module start-group-buy
 * `/groupbuy start …` by a builder who sells on C500: a group buy opens in the channel,
 * its close scheduled, its post with **Join** and **Leave**. With `from:<check id>` it opens
 * from an interest check in one step: title, price, MOQ and picture taken from the check
 * unless typed, the check marked converted in the same transaction, and everyone interested
 * told by DM. Redelivered, it finds its own group buy (the id is the interaction's), posts
 * nothing twice and tells nobody twice.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { commandCall, placeOf, refusals, type Interaction, type Place } from '../../discord';
import { personName, snowflakeTimeMs } from '../../common';
import { builderPath, canSell } from '../../onboarding';
import { shippingProfilePath } from '../../shipping';
import { groupBuyLimits, groupBuyPath, type GroupBuy } from '../rules/group-buy';
import { unchargeablePrice } from '../rules/chargeable';
import { pledgeShippingOf } from '../rules/pledge-shipping';
import { groupBuyIdFrom, interestCheckPath, type InterestCheck } from '../rules/interest-check';
import { completeItem, readStartForm, withCap, type ItemFields, type Read, type StartForm } from '../rules/group-buy-forms';
import { groupBuyPost } from '../rules/group-buy-messages';
import { startAnswers } from '../rules/group-buy-answers';
import { scheduleClose } from './schedule-close';
import { tellInterested } from './open-from-check';

export interface StartGroupBuyDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  tasks: TaskQueue;
  /** The marketplace's currency: a typed price is read in it. */
  currency: string;
}

export async function startGroupBuy(deps: StartGroupBuyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const nowMs = snowflakeTimeMs(interaction.id) ?? deps.clock.now().getTime();
  const read = readStartForm(commandCall(interaction).options, deps.currency, nowMs);
  if (!read.ok) return startAnswers.invalid(read.problem);
  if (!canSell(await deps.store.get(builderPath(place.user.id)))) return startAnswers.notAllowed;
  const groupBuyId = groupBuyIdFrom(interaction.id);
  const check = read.form.fromCheckId ? await deps.store.get(interestCheckPath(read.form.fromCheckId)) : undefined;
  const refused = checkRefusal(read.form.fromCheckId, check, place, groupBuyId);
  if (refused) return refused;
  const terms = termsOf(read.form, check, deps.currency);
  if (!terms.ok) return startAnswers.invalid(terms.problem);
  const profile = await deps.store.get(shippingProfilePath(place.guildId, place.user.id));
  // Every charge it can make, Stripe must take: refused now, with words, not at the close.
  const unchargeable = unchargeablePrice(
    terms.form.priceCents,
    terms.form.currency,
    profile && pledgeShippingOf(profile, terms.form, groupBuyLimits.maxQuantity),
  );
  if (unchargeable) return startAnswers.invalid(unchargeable);
  const fresh: GroupBuy = {
    groupBuyId,
    guildId: place.guildId,
    channelId: place.channelId,
    builderId: place.user.id,
    builderName: personName(place.user),
    ...terms.form,
    opensAt: new Date(nowMs).toISOString(),
    closesAt: new Date(read.form.closesAtMs).toISOString(),
    shipsMonth: read.form.shipsMonth,
    tranches: read.form.tranches,
    ...(profile ? { shippingProfileId: `${place.guildId}:${place.user.id}` } : {}),
    status: 'open',
    ...(check ? { fromCheckId: check.checkId } : {}),
    pledgedUnits: 0,
    pledgers: 0,
    byInteraction: interaction.id,
    createdAt: deps.clock.now().toISOString(),
  };
  const opened = await openGroupBuy(deps, fresh);
  if (!opened.ok) return opened.answer;
  const groupBuy = await postOnce(deps, opened.groupBuy);
  const told = check ? await tellInterested(deps, check.checkId, groupBuy) : 0;
  return startAnswers.started(groupBuy, told);
}

/** Why the check named by `from` cannot be opened by this builder here, if it cannot. */
function checkRefusal(checkId: string | undefined, check: InterestCheck | undefined, place: Place, groupBuyId: string): DiscordMessage | undefined {
  if (checkId === undefined) return undefined;
  if (!check || check.guildId !== place.guildId || check.builderId !== place.user.id) return startAnswers.checkNotFound(checkId);
  if (check.status === 'converted' && check.groupBuyId !== groupBuyId) return startAnswers.checkConverted(checkId, check.groupBuyId ?? '');
  return undefined;
}

/** What it sells: what was typed, the rest from the check; the cap against the MOQ that results. */
function termsOf(form: StartForm, check: InterestCheck | undefined, currency: string): Read<ItemFields & { currency: string; cap?: number }> {
  const fromCheck: Partial<ItemFields> = check
    ? { title: check.title, priceCents: check.priceCents, moq: check.moq, ...(check.description ? { description: check.description } : {}) }
    : {};
  const picture = form.imageUrl ?? check?.imageUrl;
  const item = completeItem({
    ...fromCheck,
    ...(form.title !== undefined ? { title: form.title } : {}),
    ...(form.priceCents !== undefined ? { priceCents: form.priceCents } : {}),
    ...(form.moq !== undefined ? { moq: form.moq } : {}),
    ...(form.description !== undefined ? { description: form.description } : {}),
    ...(picture ? { imageUrl: picture } : {}),
  });
  if (!item.ok) return item;
  const capped = withCap({ cap: form.cap }, item.form.moq);
  if (!capped.ok) return capped;
  // A price taken from the check is in the check's currency; a typed one in the marketplace's.
  const priceCurrency = form.priceCents === undefined && check ? check.currency : currency;
  return { ok: true, form: { ...item.form, currency: priceCurrency, ...(form.cap !== undefined ? { cap: form.cap } : {}) } };
}

/** The group buy made once, its check converted in the same transaction; a check converted meanwhile by another start refuses this one. */
async function openGroupBuy(deps: StartGroupBuyDeps, fresh: GroupBuy): Promise<{ ok: true; groupBuy: GroupBuy } | { ok: false; answer: DiscordMessage }> {
  const opened = await deps.store.runTransaction(async (tx) => {
    const existing = await tx.get(groupBuyPath(fresh.groupBuyId));
    const check = fresh.fromCheckId ? await tx.get(interestCheckPath(fresh.fromCheckId)) : undefined;
    if (existing) return { ok: true as const, groupBuy: existing };
    if (check && check.status === 'converted') return { ok: false as const, answer: startAnswers.checkConverted(check.checkId, check.groupBuyId ?? '') };
    tx.create(groupBuyPath(fresh.groupBuyId), fresh);
    if (check) tx.update(interestCheckPath(check.checkId), { status: 'converted', groupBuyId: fresh.groupBuyId, convertedAt: fresh.createdAt });
    return { ok: true as const, groupBuy: fresh };
  });
  if (opened.ok) await scheduleClose(deps.tasks, opened.groupBuy);
  return opened;
}

/** The post with Join and Leave, made once (Discord's nonce covers a crash between the post and its id being kept). */
async function postOnce(deps: StartGroupBuyDeps, groupBuy: GroupBuy): Promise<GroupBuy> {
  if (groupBuy.messageId) return groupBuy;
  const { messageId } = await deps.discord.postToChannel(groupBuy.channelId, {
    ...groupBuyPost(groupBuy),
    nonce: `gb-${groupBuy.groupBuyId}`,
    enforce_nonce: true,
  });
  await deps.store.update(groupBuyPath(groupBuy.groupBuyId), { messageId });
  return { ...groupBuy, messageId };
}
