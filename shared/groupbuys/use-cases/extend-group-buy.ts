/**
 * @module extend-group-buy
 * `/groupbuy extend id:<…> by:<duration>`: its builder moves the close later, once, before
 * it comes, by at most 30 days and never past the ship month. The close is scheduled again
 * under its new name (the old task finds the group buy's `closesAt` moved and closes nothing),
 * the post follows, and every pledger is told by DM, once. Judged at the moment Discord
 * received the command.
 */
import type { Clock, DiscordMessage, DiscordMessenger, DocumentStore, TaskQueue } from '../../ports';
import { commandCall, placeOf, refusals, tellOnce, type Interaction } from '../../discord';
import { snowflakeTimeMs } from '../../common';
import { groupBuyPath, pledgesCollection, type GroupBuy } from '../rules/group-buy';
import { monthIndex, readExtendForm } from '../rules/group-buy-forms';
import { extendAnswers, extendedDm } from '../rules/group-buy-answers';
import { inItsChannel } from '../rules/closed-dms';
import { scheduleClose } from './schedule-close';
import { followGroupBuyPost } from './group-buy-posts';

export interface ExtendGroupBuyDeps {
  store: DocumentStore;
  discord: DiscordMessenger;
  clock: Clock;
  tasks: TaskQueue;
}

const monthOf = (iso: string) => new Date(iso).getUTCFullYear() * 12 + new Date(iso).getUTCMonth();

export async function extendGroupBuy(deps: ExtendGroupBuyDeps, interaction: Interaction): Promise<DiscordMessage> {
  const place = placeOf(interaction);
  if (!place) return refusals.guildOnly;
  const read = readExtendForm(commandCall(interaction).options);
  if (!read.ok) return extendAnswers.invalid(read.problem);
  const { groupBuyId, byMs } = read.form;
  const atMs = snowflakeTimeMs(interaction.id) ?? deps.clock.now().getTime();
  const outcome = await deps.store.runTransaction(async (tx): Promise<{ extended: GroupBuy } | { answer: DiscordMessage }> => {
    const groupBuy = await tx.get(groupBuyPath(groupBuyId));
    if (!groupBuy || groupBuy.guildId !== place.guildId || groupBuy.builderId !== place.user.id) return { answer: extendAnswers.notFound(groupBuyId) };
    if (groupBuy.extended?.byInteraction === interaction.id) return { extended: groupBuy };
    if (groupBuy.status !== 'open' || atMs >= Date.parse(groupBuy.closesAt)) return { answer: extendAnswers.closed(groupBuy) };
    if (groupBuy.extended) return { answer: extendAnswers.already(groupBuy) };
    const closesAt = new Date(Date.parse(groupBuy.closesAt) + byMs).toISOString();
    if ((monthIndex(groupBuy.shipsMonth) ?? 0) < monthOf(closesAt)) return { answer: extendAnswers.shipsTooSoon(groupBuy) };
    const extended = { fromClosesAt: groupBuy.closesAt, at: new Date(atMs).toISOString(), byInteraction: interaction.id };
    tx.update(groupBuyPath(groupBuyId), { closesAt, extended });
    return { extended: { ...groupBuy, closesAt, extended } };
  });
  if ('answer' in outcome) return outcome.answer;
  const groupBuy = outcome.extended;
  await scheduleClose(deps.tasks, groupBuy);
  await followGroupBuyPost(deps, groupBuyId);
  const pledgers = await deps.store.query(pledgesCollection(groupBuyId), { where: [['status', 'in', ['pledged', 'waitlisted']]] });
  for (const { data } of pledgers)
    await tellOnce(deps, `groupbuy-extended:${groupBuyId}`, data.buyerId, extendedDm(groupBuy), inItsChannel(groupBuy, data.buyerId));
  return extendAnswers.extended(groupBuy, pledgers.length);
}
