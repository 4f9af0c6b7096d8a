/**
 * Group buys in the mix (issue 65): a builder posts an interest check and members say how many
 * they would buy (one takes it back, the builder asks who); the builder opens group buys, one
 * from the check, with the shortest window a group buy takes (an hour), a cap on some and an
 * MOQ some cannot reach. Members join through the setup checkout, most with a card that works,
 * some with one that wants its buyer (`authentication_required`) or is declined when charged
 * off session; a few leave before the close, one walks away from Stripe's page.
 *
 * The soak has minutes, a group buy an hour and a pay link 72 hours: the local clock is moved
 * (clock-jump's `ClockMoves`, the local runtime's test-only `POST /_local/clock`), never the
 * product's limits. Past the first round's closes (the close, its charges in paced batches
 * and the pay links run as their tasks fall due), some buyers pay on their link, and the
 * orders the close made go on as any order does: a refund from Stripe's dashboard, one by the
 * builder's `/c500 refund`, a proof of work live that releases the builder's share; a second
 * round is opened and joined; then past the pay links' 72 hours, so the unpaid lapse and the
 * waitlist moves up and is charged, and the second round closes. Some of its pay links are
 * paid too. Faults and kills go on throughout.
 */
import { sessionIdOf } from '../checkout-link';
import { linkOf, pause, textOf, type Person, type SoakClient, type SoakRandom } from './client';
import type { TrafficCounts } from './marketplace';
import { channels, type SoakPeople } from './setup';
import type { ClockMoves } from './clock-jump';
import type { TestCardKind } from '../../shared/local/stripe/test-cards';

/** A group buy the soak opened, with who joined it (card saved) and the channel it was posted in. */
interface Opened {
  groupBuyId: string;
  builder: Person;
  channel: string;
  joined: Person[];
}

interface Context {
  client: SoakClient;
  people: SoakPeople;
  random: SoakRandom;
  counts: TrafficCounts;
  note: (line: string) => void;
}

/** An hour, a group buy's shortest window (`groupBuyLimits.minWindowMs`), and its close's settle minute: a move a little longer closes every one open before it. */
const pastTheCloseMs = 62 * 60_000;
/** A pay link's 72 hours (`groupBuyLimits.payLinkMs`), and a little more: every link sent before the move lapses unpaid. */
const pastThePayLinksMs = 73 * 60 * 60_000;

const count = (counts: TrafficCounts, what: string, n = 1) => (counts[what] = (counts[what] ?? 0) + n);

export async function groupBuyTraffic(
  client: SoakClient,
  people: SoakPeople,
  random: SoakRandom,
  span: { startedAt: number; until: number },
  counts: TrafficCounts,
  note: (line: string) => void,
  moves: ClockMoves,
): Promise<void> {
  const ctx: Context = { client, people, random, counts, note };
  const at = (share: number) => span.startedAt + (span.until - span.startedAt) * share;
  let round = 0;
  const first: Opened[] = [];
  while (Date.now() < at(0.35) || round === 0) first.push(...(await groupBuyRound(ctx, ++round)));
  const closing = client.lastSeq;
  // Stripe's webhooks held back past the closes (a backlog at Stripe), and cards saved in the last minutes: each counts on Stripe's word.
  await lastMinuteCards(ctx, first);
  await moves.move(pastTheCloseMs + random.int(0, 60) * 1_000, 'the group buys’ closes');
  // The move waits for any other before it (the half hour's may take a minute and more): the links are looked for a while whenever it ends.
  await payLinks(ctx, first, closing, Math.max(at(0.5), Date.now() + 20_000));
  await afterTheClose(ctx, first);
  const second: Opened[] = [];
  while (Date.now() < at(0.75) || second.length === 0) second.push(...(await groupBuyRound(ctx, ++round)));
  await pause(Math.max(0, at(0.8) - Date.now()));
  const lapsing = client.lastSeq;
  await moves.move(pastThePayLinksMs + random.int(0, 60) * 1_000, 'the pay links’ 72 hours');
  // The waitlist moved up is charged now, and the second round closed: their links too.
  await payLinks(ctx, [...first, ...second], lapsing, Math.max(span.until, Date.now() + 20_000));
}

/** An interest check, then three group buys in a channel of their own, joined and some left. */
async function groupBuyRound(ctx: Context, round: number): Promise<Opened[]> {
  const { random, people } = ctx;
  const channel = `96100000000${String(round).padStart(7, '0')}`;
  const builder = random.pick(people.builders);
  const checkId = await interestCheck(ctx, builder, channel, round);
  const price = random.int(40, 180);
  const plans: StartPlan[] = [
    // From the check (its title, price and MOQ of 3), capped at 5: more join than fit, so some wait.
    checkId ? { from: checkId, cap: 5, joiners: random.int(6, 8) } : { title: `Soak group buy ${round}a`, price, moq: 3, cap: 5, joiners: random.int(6, 8) },
    { title: `Soak group buy ${round}b`, price, moq: 2, joiners: random.int(3, 5) },
    // An MOQ the round cannot reach: nobody may be charged.
    { title: `Soak group buy ${round}c`, price, moq: 40, joiners: random.int(2, 4) },
  ];
  const opened = (await Promise.all(plans.map((plan) => startGroupBuy(ctx, builder, channel, plan)))).filter((o): o is Opened => o !== undefined);
  // Each group buy's members one after another, the group buys side by side.
  await Promise.all(opened.map((o, i) => joinAndLeave(ctx, o, plans[i]?.joiners ?? 2)));
  return opened;
}

/** `/groupbuy interest`, members press Interested and give a quantity, one takes it back, the builder asks who. */
async function interestCheck(ctx: Context, builder: Person, channel: string, round: number): Promise<string | undefined> {
  const { client, random, people, counts, note } = ctx;
  const title = `Soak check ${round}`;
  const posted = await client.ask(
    client.slash(builder, channel, 'groupbuy', ['interest'], { title, price: random.int(60, 200), moq: 3 }),
    '/groupbuy interest',
  );
  const checkId = /Interest check `([0-9a-z]{8})`/.exec(textOf(posted))?.[1];
  if (!checkId) {
    note(`interest check ${round} was not posted: ${textOf(posted).slice(0, 120)}`);
    return undefined;
  }
  count(counts, 'interest checks');
  const members = pickDistinct(random, people.buyers, random.int(3, 6));
  await Promise.all(
    members.map(async (member) => {
      await client.send(client.press(member, channel, `gbint:${checkId}`), 'Interested');
      const marked = await client.ask(client.modal(member, channel, `gbiq:${checkId}`, { quantity: String(random.int(1, 3)) }), 'Interested (quantity)');
      if (/down for/.test(textOf(marked))) count(counts, 'interest marked');
      else note(`${member.name}'s interest in ${checkId} was answered: ${textOf(marked).slice(0, 120)}`);
    }),
  );
  const [changedMind] = members;
  if (changedMind && random.chance(0.5)) {
    await client.ask(client.press(changedMind, channel, `gbnot:${checkId}`), 'Not interested');
    count(counts, 'interest taken back');
  }
  await client.ask(client.press(builder, channel, `gbwho:${checkId}`), 'Who’s interested');
  return checkId;
}

type StartPlan = { joiners: number; cap?: number } & ({ from: string } | { title: string; price: number; moq: number });

/** `/groupbuy start` with an hour's window and a ship month a quarter out; undefined when it did not open. */
async function startGroupBuy(ctx: Context, builder: Person, channel: string, plan: StartPlan): Promise<Opened | undefined> {
  const { client, counts, note } = ctx;
  const ships = new Date(client.now() + 100 * 86_400_000).toISOString().slice(0, 7);
  const terms: Record<string, string | number> = 'from' in plan ? { from: plan.from } : { title: plan.title, price: plan.price, moq: plan.moq };
  const answer = await client.ask(
    client.slash(builder, channel, 'groupbuy', ['start'], { ...terms, closes: '1h', ships, ...(plan.cap ? { cap: plan.cap } : {}) }),
    '/groupbuy start',
  );
  const groupBuyId = /Group buy `([0-9a-z]{8})`/.exec(textOf(answer))?.[1];
  if (!groupBuyId) {
    note(`a group buy in ${channel} did not open: ${textOf(answer).slice(0, 120)}`);
    return undefined;
  }
  count(counts, 'from' in plan ? 'group buys opened from a check' : 'group buys opened');
  return { groupBuyId, builder, channel, joined: [] };
}

/** Most cards work off session; some want their buyer, some are declined. */
const cardFor = (random: SoakRandom): TestCardKind | undefined => {
  const r = random.next();
  return r < 0.6 ? undefined : r < 0.82 ? 'authentication_required' : 'declined';
};

/** Members join one after another (Join, its quantity modal, the card saved on Stripe's page); a few leave before the close. */
async function joinAndLeave(ctx: Context, opened: Opened, joiners: number): Promise<void> {
  const { client, random, people, counts, note } = ctx;
  for (const member of pickDistinct(random, people.buyers, joiners)) {
    await client.send(client.press(member, opened.channel, `gbjoin:${opened.groupBuyId}`), 'Join');
    const quantity = random.chance(0.25) ? 2 : 1;
    const answer = await client.ask(client.modal(member, opened.channel, `gbjq:${opened.groupBuyId}`, { quantity: String(quantity) }), 'Join (quantity)');
    const session = sessionIdOf(linkOf(answer));
    if (!session) {
      note(`${member.name}'s Join of ${opened.groupBuyId} was answered: ${textOf(answer).slice(0, 120)}`);
      continue;
    }
    // Now and then someone opens Stripe's page and walks away: the pledge never counts.
    if (random.chance(0.08)) {
      count(counts, 'group-buy cards never saved');
      continue;
    }
    const card = cardFor(random);
    if (!(await client.pay(session, undefined, card))) {
      note(`${member.name} could not save a card for ${opened.groupBuyId}`);
      continue;
    }
    count(counts, card ? `group-buy cards saved (${card})` : 'group-buy cards saved');
    opened.joined.push(member);
  }
  // A few change their minds before the close (their card saved: the pledge counted, and stops counting).
  for (const member of opened.joined.filter(() => random.chance(0.15))) {
    const left = await client.ask(client.press(member, opened.channel, `gbleave:${opened.groupBuyId}`), 'Leave');
    if (/You’ve left/.test(textOf(left))) count(counts, 'group-buy pledges left');
    else note(`${member.name}'s Leave of ${opened.groupBuyId} was answered: ${textOf(left).slice(0, 120)}`);
  }
}

/**
 * The local Stripe holds its webhooks back until past the closes (and the clock's move, by up to
 * a minute and a half more), then one member more saves a card on each group buy: the close finds
 * them still waiting on Stripe's event and must read Stripe (the invariant: every card saved
 * before the close counted). Stripe retries the held events after the close.
 */
async function lastMinuteCards(ctx: Context, opened: Opened[]): Promise<void> {
  const { client, random, people, counts, note } = ctx;
  // Only the group buys' events: the drops' and auctions' receipts keep their minute meanwhile.
  const held = await client.local(`/_local/stripe/webhooks/hold?seconds=${pastTheCloseMs / 1000 + 90}&kind=groupbuy`);
  if (held.status !== 200) {
    note(`the local Stripe did not hold its webhooks: ${JSON.stringify(held.body).slice(0, 120)}`);
    return;
  }
  for (const o of opened) {
    const [member] = pickDistinct(
      random,
      people.buyers.filter((b) => !o.joined.includes(b)),
      1,
    );
    if (!member) continue;
    await client.send(client.press(member, o.channel, `gbjoin:${o.groupBuyId}`), 'Join');
    const answer = await client.ask(client.modal(member, o.channel, `gbjq:${o.groupBuyId}`, { quantity: '1' }), 'Join (quantity)');
    const session = sessionIdOf(linkOf(answer));
    if (!session) {
      note(`${member.name}'s last-minute Join of ${o.groupBuyId} was answered: ${textOf(answer).slice(0, 120)}`);
      continue;
    }
    if (!(await client.pay(session))) {
      note(`${member.name} could not save a last-minute card for ${o.groupBuyId}`);
      continue;
    }
    count(counts, 'group-buy cards saved with Stripe’s webhook held past the close');
    o.joined.push(member);
  }
}

/**
 * The pay links sent since `fromSeq` to these group buys' members: about half are paid (a
 * few with the card declined again, which leaves the link open), the rest left to lapse.
 * Links are looked for until `until`.
 */
async function payLinks(ctx: Context, opened: readonly Opened[], fromSeq: number, until: number): Promise<void> {
  const { client, random, counts } = ctx;
  const members = new Set(opened.flatMap((o) => o.joined.map((m) => m.id)));
  const handled = new Set<string>();
  while (Date.now() < until) {
    const links = client
      .entriesSince(fromSeq)
      .filter(
        (e) =>
          e.kind === 'dm' &&
          members.has(e.userId ?? '') &&
          /could not be charged without you|Your bank asks you to confirm/.test(textOf(e.message)) &&
          linkOf(e.message),
      )
      .filter((e) => !handled.has(String(e.seq)));
    for (const dm of links) {
      handled.add(String(dm.seq));
      count(counts, 'group-buy pay links sent');
      if (!random.chance(0.5)) continue;
      const declinedAgain = random.chance(0.15);
      const link = linkOf(dm.message) ?? '';
      // A card the bank wanted authenticated is paid on the pledge's pay page (its refused intent, confirmed on session); a declined one on a Checkout link.
      const paid = link.includes('?pay=')
        ? await client.payPledge(link, declinedAgain ? 'fail' : 'complete')
        : await client.pay(sessionIdOf(link), undefined, declinedAgain ? 'declined' : undefined);
      count(counts, paid ? 'group-buy pay links paid' : 'group-buy pay links refused');
    }
    await pause(1_000);
  }
}

/** A group buy's charge as the local Stripe lists its PaymentIntents (`GET /_local/stripe/payment-intents`), as far as the soak reads it. */
interface IntentSeen {
  status: string;
  latest_charge: string | null;
  metadata: Record<string, string>;
}

/**
 * The orders the first closes made (read from Stripe's own list, not from us), as any paid
 * order goes on: one refunded in part from Stripe's dashboard, one by its builder's
 * `/c500 refund`, one proved live, which releases the builder's share.
 */
async function afterTheClose(ctx: Context, opened: readonly Opened[]): Promise<void> {
  const { client, random, counts, note } = ctx;
  const listed = await client.local('/_local/stripe/payment-intents', 'GET');
  const byId = new Map(opened.map((o) => [o.groupBuyId, o]));
  const charged = ((listed.body.payment_intents ?? []) as IntentSeen[]).filter(
    (p) => p.status === 'succeeded' && p.latest_charge && byId.has(p.metadata.group_buy_id ?? ''),
  );
  const [dashboard, byBuilder, proved] = pickDistinct(random, charged, 3);
  if (dashboard?.latest_charge) {
    await client.local(`/_local/stripe/charges/${dashboard.latest_charge}/refund?amount=${random.int(100, 1_000)}`);
    count(counts, 'group-buy orders refunded from Stripe');
  }
  const builderOf = (p: IntentSeen) => byId.get(p.metadata.group_buy_id ?? '')?.builder;
  const refunder = byBuilder && builderOf(byBuilder);
  if (byBuilder && refunder) {
    const answer = await client.refund(refunder, channels.general, byBuilder.metadata.order_id ?? '', random.chance(0.5) ? undefined : 5);
    if (/^Refunded/.test(textOf(answer))) count(counts, 'group-buy orders refunded by their builder');
    else note(`${refunder.name}'s /c500 refund of group-buy order ${byBuilder.metadata.order_id} was answered: ${textOf(answer).slice(0, 140)}`);
  }
  const prover = proved && builderOf(proved);
  if (proved && prover) {
    const answer = await client.ask(client.c500(prover, channels.general, ['live'], { mode: `order:${proved.metadata.order_id ?? ''}` }), '/c500 live');
    if (textOf(answer).includes(`✅ \`${proved.metadata.order_id ?? ''}\``)) count(counts, 'group-buy orders proved live');
    else note(`${prover.name}'s proof of group-buy order ${proved.metadata.order_id} was answered: ${textOf(answer).slice(0, 140)}`);
  }
}

/** `n` different ones, by the seed. */
function pickDistinct<T>(random: SoakRandom, items: readonly T[], n: number): T[] {
  const left = [...items];
  const picked: T[] = [];
  while (picked.length < n && left.length > 0) picked.push(...left.splice(Math.floor(random.next() * left.length), 1));
  return picked;
}
