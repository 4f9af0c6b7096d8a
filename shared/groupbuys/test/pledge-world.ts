/**
 * A group buy open for pledges, for the tests of joining, saving a card and leaving: started
 * by the builder with the options given, members who press Join (the quantity modal,
 * submitted), save a card on the local Stripe's page, and Stripe's events handed to the
 * Stripe subscriber as production wires it (payments routes a setup session by its kind).
 */
import type { DiscordMessage, StripeShippingDetails } from '../../ports';
import { buttonPress, command, modalSubmit } from '../../../test/support/interactions';
import { paymentDepsFor } from '../../../test/support/payment-deps';
import { handleStripeEvent } from '../../payments';
import type { TestCardKind } from '../../local/stripe/test-cards';
import { startGroupBuy } from '../use-cases/start-group-buy';
import { joinGroupBuy } from '../use-cases/join-group-buy';
import { leaveGroupBuy } from '../use-cases/leave-group-buy';
import { groupBuyPath, pledgePath } from '../rules/group-buy';
import { builder, groupBuyDeps, onPost } from './group-buy-deps';
import { RecordedTasks } from './recorded-tasks';

export async function pledgeWorld(options: Record<string, string | number> = {}) {
  const tasks = new RecordedTasks();
  const { deps, events, advance } = await groupBuyDeps(tasks);
  const started = await startGroupBuy(
    deps,
    command({
      name: 'groupbuy',
      path: ['start'],
      options: { title: 'Tofu65', price: 250, moq: 3, closes: '7d', ships: '2027-03', ...options },
      userId: builder,
    }),
  );
  const groupBuyId = /Group buy `([0-9a-z]{8})`/.exec(started.content ?? '')?.[1] as string;
  const paymentDeps = paymentDepsFor({ store: deps.store, discord: deps.discord, payments: deps.payments, clock: deps.clock, tasks });
  /** Join with a quantity: the answer, and the setup session's id its link names. */
  const join = async (member: string, quantity = '1') => {
    const answer = await joinGroupBuy(deps, modalSubmit(`gbjq:${groupBuyId}`, { quantity }, member));
    return { answer, sessionId: (await deps.store.get(pledgePath(groupBuyId, member)))?.setupSessionId as string };
  };
  /** The buyer saves a card on Stripe's page; Stripe's events are delivered, in order, as often as asked. */
  const saveCard = async (sessionId: string, card: TestCardKind = 'works', shipping?: StripeShippingDetails) => {
    events.length = 0;
    await deps.payments.saveCard(sessionId, card, shipping && { details: shipping });
    // Made now, as Stripe stamps an event when the buyer saves.
    return events.map((e) => ({ ...e, created: Math.floor(deps.clock.now().getTime() / 1000) }));
  };
  const deliver = async (sent: typeof events) => {
    for (const event of sent) await handleStripeEvent(paymentDeps, event);
  };
  const joined = async (member: string, quantity = '1', card: TestCardKind = 'works') => {
    const { sessionId } = await join(member, quantity);
    await deliver(await saveCard(sessionId, card));
    return sessionId;
  };
  const leave = (member: string) => leaveGroupBuy(deps, buttonPress(`gbleave:${groupBuyId}`, member, onPost));
  const groupBuy = async () => deps.store.get(groupBuyPath(groupBuyId));
  const pledge = async (member: string) => deps.store.get(pledgePath(groupBuyId, member));
  const dmsTo = (member: string) => deps.discord.entries.filter((e) => e.kind === 'dm' && e.userId === member).map((e) => e.message.content ?? '');
  const lastPostText = () => {
    const post = deps.discord.entries.filter((e) => e.kind === 'edit' || e.kind === 'channel').at(-1)?.message as DiscordMessage;
    return (post.embeds ?? []).map((e) => e.description ?? '').join('\n');
  };
  /** The close's deps, as its function wires them: payments with every module's registration. */
  const closeDeps = { ...paymentDeps, tasks, platformFeeBps: 1000, publicBaseUrl: deps.publicBaseUrl };
  return { deps, closeDeps, events, advance, tasks, groupBuyId, join, saveCard, deliver, joined, leave, groupBuy, pledge, dmsTo, lastPostText };
}
