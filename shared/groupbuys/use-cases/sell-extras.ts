/**
 * @module sell-extras
 * `/groupbuy extras id:<…> units:<n> [price:<n>]`: a funded group buy's builder sells the
 * units they have in hand beyond it as a ready-to-ship drop in its channel, made by the
 * marketplace's own `placeDrop` (Buy Now, stock, checkout and payment as any drop's). The
 * extras are claimed on the group buy first, in a transaction, so a second run or a redelivery
 * finds them: the claim's command (redelivered) finishes what it started and answers as it did;
 * any other is shown the drop, and one that finds the claim unposted (its command died) posts it
 * as claimed. Then the waitlist, never charged, is told by DM, each once.
 */
import type { DiscordMessage } from '../../ports';
import { commandCall, placeOf, refusals, tellOnce, type Interaction } from '../../discord';
import { builderPath, canSell } from '../../onboarding';
import { placeDrop, type PlaceDropDeps } from '../../marketplace';
import { groupBuyPath, pledgesCollection, type GroupBuy, type GroupBuyExtras } from '../rules/group-buy';
import { extrasDraft, extrasDropId, extrasPrice, readExtrasForm, waitlistStatuses, type ExtrasForm } from '../rules/extras';
import { extrasAnswers, extrasDm } from '../rules/extras-messages';
import { inItsChannel } from '../rules/closed-dms';

export type SellExtrasDeps = PlaceDropDeps;

type Outcome<T> = { ok: true; value: T } | { ok: false; answer: DiscordMessage };

export async function sellExtras(deps: SellExtrasDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const read = readExtrasForm(commandCall(interaction).options);
  if (!read.ok) return extrasAnswers.invalid(read.problem);
  const groupBuy = await deps.store.get(groupBuyPath(read.form.groupBuyId));
  if (!groupBuy || groupBuy.guildId !== place.guildId || groupBuy.builderId !== place.user.id) return extrasAnswers.notFound(read.form.groupBuyId);
  const claimed = groupBuy.extras ? { ok: true as const, value: groupBuy.extras } : await claimExtras(deps, groupBuy, read.form, interaction.id);
  if (!claimed.ok) return claimed.answer;
  const posted = claimed.value.messageId ? claimed : await postExtras(deps, groupBuy, claimed.value);
  if (!posted.ok) return posted.answer;
  const told = await tellWaitlist(deps, groupBuy, posted.value);
  return posted.value.byInteraction === interaction.id ? extrasAnswers.onSale(groupBuy, posted.value, told) : extrasAnswers.already(groupBuy, posted.value);
}

/** The extras claimed on a funded group buy by this command, or the claim another made meanwhile. A refusal claims nothing. */
async function claimExtras(deps: SellExtrasDeps, groupBuy: GroupBuy, form: ExtrasForm, interactionId: string): Promise<Outcome<GroupBuyExtras>> {
  if (groupBuy.status !== 'funded') return { ok: false, answer: extrasAnswers.notFunded(groupBuy) };
  const price = extrasPrice(form, groupBuy);
  if (!price.ok) return { ok: false, answer: extrasAnswers.invalid(price.problem) };
  if (!canSell(await deps.store.get(builderPath(groupBuy.builderId)))) return { ok: false, answer: extrasAnswers.notOnboarded };
  const extras: GroupBuyExtras = {
    dropId: extrasDropId(groupBuy.groupBuyId),
    units: form.units,
    priceCents: price.form,
    byInteraction: interactionId,
    at: deps.clock.now().toISOString(),
  };
  return deps.store.runTransaction(async (tx): Promise<Outcome<GroupBuyExtras>> => {
    const now = await tx.get(groupBuyPath(groupBuy.groupBuyId));
    if (now?.extras) return { ok: true, value: now.extras };
    if (now?.status !== 'funded') return { ok: false, answer: extrasAnswers.notFunded(now ?? groupBuy) };
    tx.update(groupBuyPath(groupBuy.groupBuyId), { extras });
    return { ok: true, value: extras };
  });
}

/** The drop placed as claimed (placing again finds it, and posts it only if it never was), and its post kept on the group buy. */
async function postExtras(deps: SellExtrasDeps, groupBuy: GroupBuy, extras: GroupBuyExtras): Promise<Outcome<GroupBuyExtras>> {
  const placed = await placeDrop(deps, {
    dropId: extras.dropId,
    guildId: groupBuy.guildId,
    channelId: groupBuy.channelId,
    builderId: groupBuy.builderId,
    builderName: groupBuy.builderName,
    currency: groupBuy.currency,
    draft: extrasDraft(groupBuy, extras),
    origin: { fromGroupBuyId: groupBuy.groupBuyId, interactionId: extras.byInteraction },
  });
  if (!placed.ok) return { ok: false, answer: placed.problem === 'not-onboarded' ? extrasAnswers.notOnboarded : extrasAnswers.crossed };
  const posted = { ...extras, ...(placed.drop.messageId ? { messageId: placed.drop.messageId } : {}) };
  await deps.store.update(groupBuyPath(groupBuy.groupBuyId), { extras: posted });
  return { ok: true, value: posted };
}

/** Each member on the waitlist, never charged, told once with the post's link; answers how many there were. */
async function tellWaitlist(deps: SellExtrasDeps, groupBuy: GroupBuy, extras: GroupBuyExtras): Promise<number> {
  const waitlist = await deps.store.query(pledgesCollection(groupBuy.groupBuyId), { where: [['status', 'in', [...waitlistStatuses]]] });
  for (const { data } of waitlist)
    await tellOnce(deps, `groupbuy-extras:${groupBuy.groupBuyId}`, data.buyerId, extrasDm(groupBuy, extras), inItsChannel(groupBuy, data.buyerId));
  return waitlist.length;
}
