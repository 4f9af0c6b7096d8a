/**
 * Issue 51's "Done when", end to end on the local runtime: a member with a paid order in a
 * builder's commission queue, bids in an auction, a Twitch link and a queue place exports their
 * data (all of it, nobody else's), erases themselves, and then appears by name nowhere C500
 * shows anyone: what it sends or edits in Discord after the erasure, the builder's and the
 * admin's dashboard pages and CSVs, the auction's overlay, the public queue. The money still
 * adds up to the cent and the open order still ships to them, its address seen by its builder.
 * With the bad input a person may bring: erasing twice, a forged or stale link to the export,
 * and someone C500 knows nothing of.
 */
import type { Interaction } from '../../shared/discord';
import { orderPath, ordersCollection, type Order } from '../../shared/orders';
import { sealCookieValue } from '../../shared/dashboard';
import { erasedName, privacyErasurePath } from '../../shared/privacy';
import { personPseudonym } from '../../shared/log';
import { auctionPath } from '../../shared/auctions';
import { confirmEraseButtonId, eraseButtonId } from '../../shared/privacy/rules/privacy-messages';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import {
  answerOf,
  liftBidderLimits,
  linkIn,
  linkTwitch,
  onboard,
  pay,
  postDrop,
  setUpGuild,
  streamEvent,
  textOf,
  transfers,
  twitchAuthorizeBehind,
} from '../support/marketplace';
import { bidCommand, liveAuction, runToHammer, startAuction, TestClock } from '../support/auctions';
import { buttonPress, command, useInteractionClock, type CommandSpec } from '../support/interactions';
import { snowflakeAt } from '../../shared/common';
import { addressParts, giveOrderAnAddress, sampleAddress } from '../support/shipping-address';
import { get, GUILD, parseCsv, signIn } from '../support/dashboard';

let rt: TestRuntime;
const clock = new TestClock();
const builder = '811000000000004417';
const buyer = '821000000000007351';
const rival = '821000000000008462';
const stranger = '821000000000009573';
const admin = '800000000000000001';
/** How each person is shown in Discord: distinct, so a leak of any one is found anywhere. */
const nameOf = (id: string) => ({ username: `user${id.slice(-4)}`, display: `User ${id.slice(-4)}` });
const buyerNames = [nameOf(buyer).username, nameOf(buyer).display];
const rivalAddress = {
  ...sampleAddress,
  name: 'Rosalind Quillfeather',
  line1: '88 Marram Dune Road',
  line2: undefined,
  city: 'Skerrow Bay',
  postalCode: '99501',
};
const chatter = { login: 'ada_keebs_7351', userId: '917351' };

/** The interaction as its member sends it, under their own name (the helpers' default name is everyone's). */
function as<I extends Interaction>(interaction: I): I {
  const member = interaction.member as { user: { id: string; username: string; global_name?: string | null } } | undefined;
  if (member) member.user = { id: member.user.id, username: nameOf(member.user.id).username, global_name: nameOf(member.user.id).display };
  return interaction;
}
const sayAs = (userId: string, spec: Omit<CommandSpec, 'userId' | 'name'> & { name?: string }) => answerOf(rt, as(command({ name: 'c500', ...spec, userId })));
const pressAs = (userId: string, customId: string, channelId?: string) => answerOf(rt, as(buttonPress(customId, userId, channelId ? { channelId } : {})));
/** A press of an Erase button on the message `/c500 privacy` answered with, made `sentAgoMs` before (just now, unless said). */
const pressEraseAs = (userId: string, customId: string, sentAgoMs = 0) =>
  answerOf(rt, as(buttonPress(customId, userId, { messageId: snowflakeAt(clock.ms - sentAgoMs, 9) })));

let place: Order;
let rivalPlace: Order;
let auctionId = '';
let erasedFromSeq = 0;

beforeAll(async () => {
  useInteractionClock(clock);
  rt = await startTestRuntime({ clock });
  await setUpGuild(rt, admin);
  await liftBidderLimits(rt, admin);
  await onboard(rt, builder);
  await linkTwitch(rt, builder, 'erasekeebs');
  await streamEvent(rt, 'erasekeebs', 'online');

  // A paid place in the builder's commission queue, for the buyer and for a rival.
  const { drop } = await postDrop(rt, builder, { title: 'Seafoam 65%', kind: 'commission 3 slots 6 weeks' });
  await pay(rt, linkIn(await pressAs(buyer, `buy:${drop?.dropId}`, '920000000000000002')));
  await pay(rt, linkIn(await pressAs(rival, `buy:${drop?.dropId}`, '920000000000000002')));
  const paid = (await rt.store.query(ordersCollection, { where: [['builderId', '==', builder]] })).map((d) => d.data);
  // The address its checkout keeps (a commission drop with no shipping terms collects none), as the dashboard's world writes it.
  await giveOrderAnAddress(rt.store, (paid.find((o) => o.buyerId === buyer) as Order).orderId, sampleAddress);
  await giveOrderAnAddress(rt.store, (paid.find((o) => o.buyerId === rival) as Order).orderId, rivalAddress);
  place = (await rt.store.get(orderPath((paid.find((o) => o.buyerId === buyer) as Order).orderId))) as Order;
  rivalPlace = (await rt.store.get(orderPath((paid.find((o) => o.buyerId === rival) as Order).orderId))) as Order;

  // Bids in an auction the rival wins.
  await startAuction(rt, builder);
  auctionId = (await liveAuction(rt, builder)).auctionId;
  await answerOf(rt, as(bidCommand(buyer, 30)));
  await answerOf(rt, as(bidCommand(rival, 40)));
  await runToHammer(rt, clock, auctionId);

  // The buyer links their Twitch account, as a chat bidder does.
  const link = await twitchAuthorizeBehind(linkIn(await sayAs(buyer, { path: ['link-twitch'] })));
  link.searchParams.set('login', chatter.login);
  link.searchParams.set('user_id', chatter.userId);
  const linked = await fetch(link, { method: 'POST' });
  if (linked.status !== 200) throw new Error(`linking Twitch answered ${linked.status}`);
  await rt.settle();
}, 180_000);
afterAll(() => rt.close());

const containsAny = (text: string, needles: readonly string[]) => needles.filter((n) => text.includes(n));

describe('a member’s export', () => {
  it('GIVEN the world THEN the buyer is really named in it before erasure (so the checks below can fail)', async () => {
    const board = await (await fetch(`${rt.url}/queue/${builder}.json`)).text();
    const embeds = JSON.stringify(rt.outbox.entries);
    expect(place).toMatchObject({ status: 'paid', buyerName: nameOf(buyer).display, shippingAddress: sampleAddress, commission: { ticket: 1 } });
    expect(containsAny(embeds, buyerNames)).not.toEqual([]);
    expect(board).toContain('"position":1');
  });

  it('GIVEN the buyer signed in THEN /dashboard/me/data.json holds their order and address, queue place, bids and Twitch link, and no other person; /dashboard/me/export downloads the same', async () => {
    const { cookie } = await signIn(rt, { userId: buyer, memberGuilds: [GUILD] });
    const res = await get(rt, '/dashboard/me/data.json', cookie);
    expect(res.status).toBe(200);
    const json = await res.text();
    const records = (JSON.parse(json) as { records: Array<{ kind: string; path: string }> }).records;
    expect(records.map((r) => r.kind)).toEqual(expect.arrayContaining(['Order', 'HistoryChunk', 'TwitchChannelLink', 'DashboardSession']));
    expect(records.map((r) => r.path)).toEqual(expect.arrayContaining([`orders/${place.orderId}`, `auctions/${auctionId}`]));
    for (const part of addressParts(sampleAddress)) expect(json).toContain(part);
    expect(json).toContain(chatter.login);
    expect(json).toContain('"ticket": 1');
    expect(json).toContain('"amountCents": 3000');
    // Nobody else: not the rival's name, id, bid or address.
    expect(containsAny(json, [...Object.values(nameOf(rival)), rival, rivalPlace.orderId, ...addressParts(rivalAddress)])).toEqual([]);
    // Nor the rival's bid, whose max is theirs alone to see (the auction's result, its price, is the server's to see).
    expect(json).not.toContain('"maxCents": 4000');
    expect(json).toContain('"maxCents": 3000');
    // The Your data page's Download: the same records, as a file to keep.
    const download = await get(rt, '/dashboard/me/export', cookie);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename=/);
    expect((JSON.parse(await download.text()) as { records: unknown[] }).records).toEqual(records);
  });

  it('GIVEN a forged or stale link to the export THEN the browser is sent to sign in and sees nothing', async () => {
    for (const forged of ['__session=s.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.9999999999999.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', '__session=garbage']) {
      for (const path of ['/dashboard/me/data.json', '/dashboard/me/export']) {
        const res = await get(rt, path, forged);
        expect(res.status).toBe(303);
        expect(await res.text()).not.toContain(buyer);
      }
    }
    const { cookie } = await signIn(rt, { userId: buyer });
    const stale = sealCookieValue(
      { kind: 'session', id: cookie.split('.')[1] as string, expiresAtMs: clock.ms - 1_000 },
      rt.secrets.DASHBOARD_SESSION_KEY as string,
    );
    const res = await get(rt, '/dashboard/me/data.json', `__session=${stale}`);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toContain('/_local/discord/oauth2/authorize');
  });

  it('GIVEN someone C500 knows nothing of THEN /c500 privacy says so, with nothing to download or erase', async () => {
    const answer = await sayAs(stranger, { path: ['privacy'] });
    expect(textOf(answer)).toContain('C500 keeps nothing about you');
    expect(JSON.stringify(answer.components ?? [])).not.toContain('Erase');
  });

  it('GIVEN /c500 privacy in the bot’s DMs THEN the member sees what is kept about them there too, with the same buttons', async () => {
    const answer = await sayAs(buyer, { path: ['privacy'], guildId: '' });
    expect(answer.flags).toBe(64);
    expect(textOf(answer)).not.toContain('server');
    expect(JSON.stringify(answer.components ?? [])).toContain('Download my data');
    expect(JSON.stringify(answer.components ?? [])).toContain(eraseButtonId(buyer));
  });
});

describe('a member’s erasure', () => {
  it('GIVEN Erase me pressed 15 minutes after /c500 privacy answered THEN the button has expired, and nothing is erased', async () => {
    const before = await rt.store.get(orderPath(place.orderId));
    const late = await pressEraseAs(buyer, eraseButtonId(buyer), 15 * 60_000);
    expect(textOf(late)).toBe('This button has expired: type `/c500 privacy` again.');
    expect(late.components).toEqual([]);
    expect(textOf(await pressEraseAs(buyer, confirmEraseButtonId(buyer), 20 * 60_000))).toContain('expired');
    expect(await rt.store.get(orderPath(place.orderId))).toEqual(before);
  });

  it('GIVEN Erase me, then its confirmation THEN it is done, and what is kept (the queue place, the payment) is said plainly', async () => {
    const shown = await sayAs(buyer, { path: ['privacy'] });
    expect(JSON.stringify(shown.components)).toContain('Download');
    expect(JSON.stringify(shown.components)).toContain(eraseButtonId(buyer));
    expect(textOf(await pressEraseAs(buyer, eraseButtonId(buyer)))).toContain('Erase everything');
    erasedFromSeq = rt.outbox.entries.length;
    const answer = await pressEraseAs(buyer, confirmEraseButtonId(buyer));
    const done = textOf(answer);
    // It replaced the question: nothing is left to press.
    expect(answer.components).toEqual([]);
    expect(done).toContain('Done');
    expect(done).toContain("a place in a builder's commission queue: kept until it is served or you leave it");
  });

  it('GIVEN the member erased THEN /c500 privacy no longer looks as before: it says when they erased, and that what is left is kept without their name', async () => {
    const erasure = await rt.store.get(privacyErasurePath(personPseudonym(buyer)));
    const answer = textOf(await sayAs(buyer, { path: ['privacy'] }));
    expect(answer).toContain(`You erased your data on ${erasure?.erasedAt.slice(0, 10)}`);
    expect(answer).toContain('under your id alone, without your name');
  });

  it('GIVEN the member erases twice, nothing done between THEN the second is answered from the first, and nothing changes', async () => {
    const before = await rt.store.get(orderPath(place.orderId));
    expect(textOf(await pressEraseAs(buyer, confirmEraseButtonId(buyer)))).toContain('Nothing new since your erasure');
    expect(await rt.store.get(orderPath(place.orderId))).toEqual(before);
  });

  it('GIVEN the erasure THEN the builder ships the open order to them, and sees its address while the buyer is named nowhere', async () => {
    const shipped = textOf(await sayAs(builder, { path: ['ship'], options: { order: place.orderId, tracking: '1Z999AA10123456784' } }));
    expect(shipped).not.toMatch(/refus|not found/i);
    const order = await rt.store.get(orderPath(place.orderId));
    expect(order).toMatchObject({ buyerId: buyer, buyerName: erasedName, shippingAddress: sampleAddress, status: 'shipped' });
    expect(rt.outbox.entries.slice(erasedFromSeq).some((e) => e.kind === 'dm' && e.userId === buyer)).toBe(true);
  });

  it('GIVEN the erasure THEN the public queue, the auction overlay and the views re-rendered after it name the buyer nowhere', async () => {
    await sayAs(rival, { path: ['queue', 'line'], options: { builder } });
    await sayAs(builder, { path: ['profile'] });
    await rt.settle();
    const seen = [
      await (await fetch(`${rt.url}/queue/${builder}`)).text(),
      await (await fetch(`${rt.url}/queue/${builder}.json`)).text(),
      await (await fetch(`${rt.url}/overlay/auction/${auctionId}`)).text(),
      JSON.stringify(rt.outbox.entries.slice(erasedFromSeq)),
      // The auction they lost keeps its runner-ups (for a second chance) under their ids alone.
      JSON.stringify(await rt.store.get(auctionPath(auctionId))),
    ];
    for (const text of seen) expect(containsAny(text, [...buyerNames, chatter.login])).toEqual([]);
  });

  it('GIVEN the erasure THEN the builder’s and the admin’s dashboard pages and CSVs name the buyer nowhere; the builder still sees the address of the open order', async () => {
    const builderIn = await signIn(rt, { userId: builder, memberGuilds: [GUILD] });
    const adminIn = await signIn(rt, { userId: admin, adminGuilds: [GUILD] });
    const pages: Array<[string, string]> = [
      ['/dashboard/builder', builderIn.cookie],
      ['/dashboard/builder/orders.csv', builderIn.cookie],
      ['/dashboard/host', builderIn.cookie],
      [`/dashboard/builder/orders/${place.orderId}/slip`, builderIn.cookie],
      [`/dashboard/guild/${GUILD}`, adminIn.cookie],
      ...['sales', 'balances', 'host-payouts', 'waiting-proof', 'strikes', 'blocked'].map(
        (csv) => [`/dashboard/guild/${GUILD}/${csv}.csv`, adminIn.cookie] as [string, string],
      ),
    ];
    for (const [path, cookie] of pages) {
      const res = await get(rt, path, cookie);
      const body = await res.text();
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
      expect({ path, names: containsAny(body, [...buyerNames, chatter.login]) }).toEqual({ path, names: [] });
    }
    const slip = await (await get(rt, `/dashboard/builder/orders/${place.orderId}/slip`, builderIn.cookie)).text();
    expect(slip).toContain(sampleAddress.line1);
    const csv = parseCsv(await (await get(rt, '/dashboard/builder/orders.csv', builderIn.cookie)).text());
    expect(csv.length).toBeGreaterThanOrEqual(3);
  });

  it('GIVEN the erasure THEN the money adds up to the cent as before: each order’s price is its fee and share, and no builder was sent more than their share', async () => {
    const after = await rt.store.get(orderPath(place.orderId));
    expect(after).toMatchObject({
      amountCents: place.amountCents,
      platformFeeCents: place.platformFeeCents,
      builderShareCents: place.builderShareCents,
      chargeId: place.chargeId,
    });
    const sent = await transfers(rt);
    for (const { data } of await rt.store.query(ordersCollection, { where: [['builderId', '==', builder]] })) {
      expect(data.platformFeeCents + data.builderShareCents).toBe(data.amountCents);
      const out = sent.filter((t) => t.transfer_group === data.orderId).reduce((sum, t) => sum + t.amount, 0);
      expect(out).toBeLessThanOrEqual(data.builderShareCents);
    }
  });

  it('GIVEN the export after the erasure THEN it holds what is kept under the member’s id, and their name nowhere', async () => {
    const { cookie } = await signIn(rt, { userId: buyer });
    const json = await (await get(rt, '/dashboard/me/data.json', cookie)).text();
    expect(json).toContain(place.orderId);
    // The session just made is the member's own; their name on it is what Discord says now.
    const withoutSession = (JSON.parse(json) as { records: Array<{ kind: string }> }).records.filter((r) => r.kind !== 'DashboardSession');
    expect(containsAny(JSON.stringify(withoutSession), [...buyerNames, chatter.login])).toEqual([]);
  });
});
