/**
 * The marketplace's steps as the people involved take them, against the local runtime:
 * every request signed as Discord, Stripe or Twitch would sign it.
 */
import type { DiscordMessage } from '../../shared/ports';
import { stripeSignatureHeader } from '../../shared/adapters/stripe/stripe-signature';
import { dropsCollection, type Drop } from '../../shared/marketplace/rules/drop';
import { orderPath, ordersCollection, type Order, type Refunds } from '../../shared/orders';
import { withRefunds } from '../../shared/journal';
import { ADMIN, buttonPress, command, dmButtonPress, modalSubmit, type CommandSpec } from './interactions';
import type { TestRuntime } from './local-runtime';

export const GENERAL = '920000000000000001';
export const MARKETPLACE = '920000000000000002';
export const DROP_ROLE = '930000000000000001';

/** Sends a deferred interaction, waits for the subscriber, and answers the edited response. */
export async function answerOf(rt: TestRuntime, interaction: ReturnType<typeof command>): Promise<DiscordMessage> {
  const res = await rt.sendInteraction(interaction);
  if (res.status !== 200) throw new Error(`interaction answered ${res.status}`);
  const body = (await res.json()) as { type: number; data?: DiscordMessage };
  // 5: "thinking…", then the answer; 6: the answer replaces the message the button is on.
  if (body.type !== 5 && body.type !== 6) return body.data ?? {};
  await rt.settle();
  const edits = rt.edits(interaction.token);
  const last = edits[edits.length - 1];
  if (!last) throw new Error(`no edit for ${JSON.stringify(interaction.data)}`);
  // What the person sees: an edit cannot change flags, so the deferral's (ephemeral or not) stay.
  return { ...last.message, ...(body.data?.flags !== undefined ? { flags: body.data.flags } : {}) };
}

export const say = (rt: TestRuntime, userId: string, spec: Omit<CommandSpec, 'userId' | 'name'> & { name?: string }) =>
  answerOf(rt, command({ name: 'c500', ...spec, userId }));

export const textOf = (message: DiscordMessage): string =>
  [
    message.content ?? '',
    ...(message.embeds ?? []).flatMap((e) => [e.title ?? '', e.description ?? '', ...(e.fields ?? []).flatMap((f) => [f.name, f.value])]),
  ].join('\n');

/** The URL of the first link button in a message. */
export function linkIn(message: DiscordMessage): string {
  const rows = (message.components ?? []) as Array<{ components: Array<{ url?: string }> }>;
  const url = rows.flatMap((r) => r.components).find((c) => c.url)?.url;
  if (!url) throw new Error(`no link button in ${JSON.stringify(message)}`);
  return url;
}

export async function setUpGuild(rt: TestRuntime, adminId = '800000000000000001'): Promise<void> {
  await say(rt, adminId, { path: ['setup'], options: { general: GENERAL, marketplace: MARKETPLACE, 'drop-role': DROP_ROLE }, permissions: ADMIN });
}

/**
 * `/c500 auction settings new-bidder-limit:0 cooldown:0`: the server lets new bidders bid any
 * amount, as often as they like. For tests about something else (an overlay holding the
 * most a price may be) whose bidders have never paid.
 */
export async function liftBidderLimits(rt: TestRuntime, adminId = '800000000000000001'): Promise<void> {
  const answer = await say(rt, adminId, { path: ['auction', 'settings'], options: { 'new-bidder-limit': 0, cooldown: 0 }, permissions: ADMIN });
  if (!/saved|no limit|off/i.test(textOf(answer))) throw new Error(`the settings were not saved: ${textOf(answer)}`);
}

/** `/c500 onboard`, then the builder opens Stripe's link and finishes. */
export async function onboard(rt: TestRuntime, builderId: string): Promise<void> {
  const link = linkIn(await say(rt, builderId, { path: ['onboard'], options: { country: 'US' } }));
  const res = await fetch(link);
  if (res.status !== 200) throw new Error(`onboarding link answered ${res.status}`);
  await rt.settle();
}

/** Where our `/c500 link-twitch` link sends the builder: Twitch's authorize page, with the signed state. */
export async function twitchAuthorizeBehind(link: string): Promise<URL> {
  const res = await fetch(link, { redirect: 'manual' });
  const location = res.headers.get('location');
  if (res.status !== 303 || !location) throw new Error(`the link-twitch link answered ${res.status}`);
  return new URL(location);
}

/** `/c500 link-twitch`, then the builder authorizes as `login` on (simulated) Twitch. */
/** `/c500 link-twitch` by the member, authorized on the local Twitch as `login` (with its user id, when given). */
export async function linkTwitch(rt: TestRuntime, builderId: string, login: string, userId?: string): Promise<Response> {
  const link = await twitchAuthorizeBehind(linkIn(await say(rt, builderId, { path: ['link-twitch'] })));
  link.searchParams.set('login', login);
  if (userId) link.searchParams.set('user_id', userId);
  const res = await fetch(link, { method: 'POST' });
  await rt.settle();
  return res;
}

export async function streamEvent(rt: TestRuntime, login: string, change: 'online' | 'offline', type = 'live'): Promise<void> {
  const res = await fetch(`${rt.url}/_local/twitch/streams/${login}/${change}?type=${type}`, { method: 'POST' });
  if (res.status !== 200) throw new Error(`stream ${change} answered ${res.status}: ${await res.text()}`);
  await rt.settle();
}

export const dropForm = { title: 'Lavender 65%', description: 'Oil Kings on a brass plate', price: '240', kind: 'commission', image: '' };

export async function postDrop(rt: TestRuntime, builderId: string, values: Partial<typeof dropForm> = {}): Promise<{ answer: DiscordMessage; drop?: Drop }> {
  const answer = await answerOf(rt, modalSubmit('drop:create', { ...dropForm, ...values }, builderId));
  // Newest first, sorted here: a test's look into the store must not need an index production lacks (the store refuses it).
  const drops = (await rt.store.query(dropsCollection, { where: [['builderId', '==', builderId]] })).sort((a, b) =>
    a.data.createdAt < b.data.createdAt ? 1 : -1,
  );
  return { answer, ...(drops[0] ? { drop: drops[0].data } : {}) };
}

/** Buy Now as pressed on the drop's post, in the marketplace channel. */
export const pressBuyNow = (rt: TestRuntime, buyerId: string, dropId: string) =>
  answerOf(rt, buttonPress(`buy:${dropId}`, buyerId, { channelId: MARKETPLACE }));

export interface LocalSession {
  id: string;
  status: string;
  url: string;
  payment_intent?: string;
  metadata: Record<string, string>;
}

export async function sessions(rt: TestRuntime): Promise<LocalSession[]> {
  return ((await (await fetch(`${rt.url}/_local/stripe/sessions`)).json()) as { sessions: LocalSession[] }).sessions;
}

/** The Checkout Session a pay link names: our short link's `session`, or the last segment of the local Stripe's URL. */
export function sessionIdIn(link: string): string {
  const query = URL.canParse(link) ? new URL(link).searchParams : undefined;
  // A pay link names its session as `session`, a group buy's save-card link as `card`.
  return query?.get('session') ?? query?.get('card') ?? (link.split('/').pop() as string);
}

/** The buyer pays the session behind a checkout link; `body` is what they type on the page (a shipping address, as JSON). */
export async function pay(rt: TestRuntime, checkoutUrl: string, body?: unknown): Promise<Response> {
  const id = sessionIdIn(checkoutUrl);
  const json = body === undefined ? {} : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  const res = await fetch(`${rt.url}/_local/stripe/sessions/${id}/pay`, { method: 'POST', ...json });
  await rt.settle();
  return res;
}

/**
 * A pledge's pay page (`/groupbuy/<id>?pay=…&key=…`) as a browser uses it: its Pay button
 * pressed, then the bank's step on the local Stripe's page passed (`complete`) or failed.
 */
export async function payPledge(rt: TestRuntime, payPage: string, outcome: 'complete' | 'fail' = 'complete'): Promise<Response> {
  const pressed = await fetch(payPage, { method: 'POST', redirect: 'manual' });
  const bank = pressed.headers.get('location');
  if (pressed.status !== 303 || !bank) throw new Error(`the pay page answered ${pressed.status}, not the bank's page`);
  const res = await fetch(`${bank}?outcome=${outcome}`, { method: 'POST', headers: { accept: 'application/json' } });
  await rt.settle();
  return res;
}

/** The order as stored, with what the journal says was refunded of it (`refundedCents`: the order keeps no such field). */
export async function order(rt: TestRuntime, orderId: string): Promise<(Order & Refunds) | undefined> {
  const stored = await rt.store.get(orderPath(orderId));
  return stored && withRefunds(rt.store, stored);
}

export async function ordersOf(rt: TestRuntime, buyerId: string): Promise<Order[]> {
  return (await rt.store.query(ordersCollection, { where: [['buyerId', '==', buyerId]] })).map((d) => d.data);
}

export async function transfers(
  rt: TestRuntime,
): Promise<Array<{ id: string; amount: number; destination: string; source_transaction: string; transfer_group: string }>> {
  return ((await (await fetch(`${rt.url}/_local/stripe/transfers`)).json()) as { transfers: [] }).transfers;
}

export const dmsTo = (rt: TestRuntime, userId: string) => rt.outbox.entries.filter((e) => e.kind === 'dm' && e.userId === userId).map((e) => e.message);
export const postsIn = (rt: TestRuntime, channelId: string) =>
  rt.outbox.entries.filter((e) => e.kind === 'channel' && e.channelId === channelId).map((e) => e.message);

/** A builder who can sell and is linked to `login`, with a paid order from `buyerId`. */
/** A drop posted and bought; `payBody` is what the buyer sends the local Stripe's pay route (an address, say). */
export async function paidOrder(rt: TestRuntime, builderId: string, buyerId: string, values: Partial<typeof dropForm> = {}, payBody?: unknown): Promise<Order> {
  const { drop } = await postDrop(rt, builderId, values);
  if (!drop) throw new Error('drop not posted');
  const answer = await pressBuyNow(rt, buyerId, drop.dropId);
  await pay(rt, linkIn(answer), payBody);
  const [paid] = (await ordersOf(rt, buyerId)).filter((o) => o.sourceId === drop.dropId && o.status === 'paid');
  if (!paid) throw new Error('order not paid');
  return paid;
}

/** Delivers a Stripe event exactly as Stripe would: signed over the raw body. */
export async function deliverStripeEvent(
  rt: TestRuntime,
  event: { id: string; type: string; object: Record<string, unknown>; created?: number },
  secret = rt.secrets.STRIPE_WEBHOOK_SECRET as string,
): Promise<Response> {
  const body = JSON.stringify({
    id: event.id,
    object: 'event',
    type: event.type,
    created: event.created ?? Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: event.object },
  });
  const res = await fetch(`${rt.url}/webhooks/stripe`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeSignatureHeader(body, secret, Math.floor(Date.now() / 1000)) },
  });
  await rt.settle();
  return res;
}

/**
 * How a builder is paid since the delivery gate (issue 78): the proof on stream no longer sends
 * the last payout; the builder ships the order by hand and the buyer presses Received, which
 * lets it go at once.
 */
export async function shipAndReceive(rt: TestRuntime, builderId: string, buyerId: string, orderId: string): Promise<void> {
  await say(rt, builderId, { path: ['ship'], options: { order: orderId, tracking: '1Z999AA10123456784', carrier: 'ups' } });
  await pressReceived(rt, buyerId, orderId);
}

/** The buyer presses Received in their DM: a gated last payout leaves at once. */
export const pressReceived = (rt: TestRuntime, buyerId: string, orderId: string) => answerOf(rt, dmButtonPress(`received:${orderId}`, buyerId));
