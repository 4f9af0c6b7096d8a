/**
 * Race lobbies end to end on the local runtime: lobbies and their buttons, the commission
 * window (one per guild, closing itself on time), merch sales from Stripe, Ko-fi and
 * Shopify, refunds, `/wallet`, `/payout` and the live pot overlay. Every request is signed
 * as Discord, Stripe, Ko-fi or Shopify would sign it.
 */
import { MEMBER, command, snowflake } from '../support/interactions';
import { kofiForm, kofiPayload } from '../support/shops';
import { answerOf, dmsTo, onboard, postsIn, setUpGuild, textOf, transfers } from '../support/marketplace';
import type { TestRuntime } from '../support/local-runtime';
import type { TestClock } from '../support/auctions';
import {
  GUILD,
  RACE_CHANNEL,
  flushLobbyMessage,
  join,
  kofiPayment,
  leave,
  ledgerOf,
  lobby,
  lobbyMessages,
  lobbyOf,
  payout,
  race,
  raceWorld,
  racing,
  shopifyPaid,
  shopifyRefunded,
  stripeMerchSale,
  stripeRefund,
  wallet,
  walletOf,
} from '../support/races';
import { payoutsCollection } from '../../shared/races/rules/wallet';
import { raceLobbiesCollection } from '../../shared/races/rules/race';
import { salesCollection } from '../../shared/races/rules/sale';

describe('race lobbies', () => {
  let rt: TestRuntime;
  let clock: TestClock;
  let host: string;
  const racers = [snowflake(), snowflake(), snowflake()];

  beforeEach(async () => {
    ({ rt, clock, host } = await raceWorld());
  });
  afterEach(() => rt.close());

  const sales = async () => (await rt.store.query(salesCollection)).map((d) => d.data);

  describe('lobbies and the window', () => {
    it('opens a lobby whose message has Join and Leave buttons and says what racers earn', async () => {
      const answer = await race(rt, host, 'open', { title: 'Friday Mario Kart' });
      const opened = await lobbyOf(rt, host);
      expect(textOf(answer)).toContain(`Lobby \`${opened.lobbyId}\``);
      const [message] = lobbyMessages(rt, opened);
      expect(textOf(message ?? {})).toContain('Race lobby: Friday Mario Kart');
      expect(textOf(message ?? {})).toContain('20% of every merch sale');
      expect(JSON.stringify(message?.components)).toContain(`race:join:${opened.lobbyId}`);
      expect(opened).toMatchObject({ status: 'open', channelId: RACE_CHANNEL, maxRacers: 8, racers: [] });
    });

    it('refuses to let a member without the host role open a lobby', async () => {
      const answer = await race(rt, snowflake(), 'open', {}, MEMBER);
      expect(textOf(answer)).toContain('race host role');
      expect(await rt.store.query(raceLobbiesCollection)).toHaveLength(0);
    });

    it('lets members with the guild’s host role host races', async () => {
      await race(rt, host, 'settings', { 'host-role': '930000000000000777' });
      const streamer = snowflake();
      const interaction = command({ name: 'race', path: ['open'], userId: streamer, permissions: MEMBER });
      interaction.member = { user: { id: streamer, username: 'streamer' }, permissions: MEMBER, roles: ['930000000000000777'] };
      expect(textOf(await answerOf(rt, interaction))).toContain('is open in this channel');
    });

    it('puts racers on the grid in the order they join, lets them leave, and shows the grid on the lobby message', async () => {
      await race(rt, host, 'open');
      const { lobbyId } = await lobbyOf(rt, host);
      expect(textOf(await join(rt, racers[0] as string, lobbyId))).toContain('racer 1 of 8');
      expect(textOf(await join(rt, racers[1] as string, lobbyId))).toContain('racer 2 of 8');
      expect(textOf(await join(rt, racers[1] as string, lobbyId))).toContain('already racer 2');
      expect(textOf(await leave(rt, racers[0] as string, lobbyId))).toContain('You left');
      await flushLobbyMessage(rt, clock);
      const current = await lobby(rt, lobbyId);
      expect(current.racers.map((r) => r.userId)).toEqual([racers[1]]);
      expect(textOf(lobbyMessages(rt, current).pop() ?? {})).toContain(`Racers (1/8)`);
    });

    it('refuses a racer past the lobby’s maximum, even when they all press Join at once', async () => {
      await race(rt, host, 'settings', { 'max-racers': 3 });
      await race(rt, host, 'open');
      const { lobbyId } = await lobbyOf(rt, host);
      const crowd = Array.from({ length: 6 }, () => snowflake());
      const answers = await Promise.all(crowd.map((id) => join(rt, id, lobbyId)));
      expect(answers.filter((a) => textOf(a).includes('of 3 in'))).toHaveLength(3);
      expect(answers.filter((a) => textOf(a).includes('is full'))).toHaveLength(3);
      expect((await lobby(rt, lobbyId)).racers).toHaveLength(3);
    });

    it('starts the window with the racers who joined, fixes the grid and hands the host the OBS overlay link', async () => {
      await race(rt, host, 'open', { title: 'Cup' });
      const { lobbyId } = await lobbyOf(rt, host);
      for (const r of racers) await join(rt, r, lobbyId);
      const answer = await race(rt, host, 'start');
      expect(textOf(answer)).toContain(`/overlay/pot?id=${lobbyId}`);
      const live = await lobby(rt, lobbyId);
      expect(live).toMatchObject({ status: 'racing', commissionBps: 2000, currency: 'usd' });
      expect(live.racers.map((r) => r.userId)).toEqual(racers);
      expect(textOf(await join(rt, snowflake(), lobbyId))).toContain('has started');
      expect(postsIn(rt, RACE_CHANNEL).map(textOf).join('\n')).toContain('**Cup** is on!');
    });

    it('starts a window with the racers named in the command, without a lobby', async () => {
      const answer = await race(rt, host, 'start', { racers: racers.map((r) => `<@${r}>`).join(' ') });
      expect(textOf(answer)).toContain('3 racers');
      const live = await lobbyOf(rt, host);
      expect(live.status).toBe('racing');
      expect(live.racers.map((r) => r.userId)).toEqual(racers);
    });

    it('answers a racer list that is not mentions at once, naming what to type', async () => {
      const answer = await race(rt, host, 'start', { racers: '@ana bo' });
      expect(textOf(answer)).toContain('isn’t a member mention');
      expect(await rt.store.query(raceLobbiesCollection)).toHaveLength(0);
    });

    it('keeps one window per guild: starting a second one says which race is on', async () => {
      const first = await racing(rt, host, racers.slice(0, 1), 'First race');
      const other = snowflake();
      await race(rt, other, 'open', { title: 'Second race' });
      const { lobbyId } = await lobbyOf(rt, other);
      await join(rt, racers[1] as string, lobbyId);
      const answer = await race(rt, other, 'start');
      expect(textOf(answer)).toContain(`**First race** (lobby \`${first.lobbyId}\`)`);
      expect((await lobby(rt, lobbyId)).status).toBe('open');
    });

    it('lets only one of two hosts starting at the same moment open a window', async () => {
      const hosts = [snowflake(), snowflake()];
      for (const h of hosts) {
        await race(rt, h, 'open');
        await join(rt, snowflake(), (await lobbyOf(rt, h)).lobbyId);
      }
      const answers = await Promise.all(hosts.map((h) => race(rt, h, 'start')));
      expect(answers.filter((a) => textOf(a).includes('The window is open'))).toHaveLength(1);
      expect(answers.filter((a) => textOf(a).includes('One window per server'))).toHaveLength(1);
    });

    it('ends the window when the host says so: later sales go to the house', async () => {
      await racing(rt, host, racers);
      const answer = await race(rt, host, 'end');
      expect(textOf(answer)).toContain('is over');
      await kofiPayment(rt, '10.00');
      await rt.settle();
      expect((await sales())[0]).toMatchObject({ attributedTo: 'house', poolCents: 0 });
      expect(await walletOf(rt, racers[0] as string)).toBeUndefined();
    });

    it('refuses to let a racer end someone else’s race', async () => {
      await racing(rt, host, racers);
      const answer = await race(rt, racers[0] as string, 'end', {}, MEMBER);
      expect(textOf(answer)).toContain('only they or a server admin');
    });

    it('closes a window left open at the guild’s maximum, by its task', async () => {
      await race(rt, host, 'settings', { 'max-minutes': 30 });
      const live = await racing(rt, host, racers);
      clock.advance(30 * 60_000);
      await rt.tasks.runDueNow();
      await rt.settle();
      const closed = await lobby(rt, live.lobbyId);
      expect(closed).toMatchObject({ status: 'ended', endedBy: 'time', windowClosedAt: live.closesBy });
      expect(postsIn(rt, RACE_CHANNEL).map(textOf).join('\n')).toContain('the window ran out of time');
      expect(textOf(await race(rt, host, 'start', { racers: `<@${racers[0]}>` }))).toContain('The window is open');
    });
  });

  describe('sales from three shops', () => {
    beforeEach(async () => {
      await setUpGuild(rt);
    });

    it('splits 20% of a Ko-fi shop order evenly among the racers, to the cent', async () => {
      const live = await racing(rt, host, racers);
      await kofiPayment(rt, '25.00');
      await rt.settle();
      const credited = await Promise.all(racers.map(async (r) => (await walletOf(rt, r))?.pendingCents));
      expect(credited.reduce((a, b) => (a ?? 0) + (b ?? 0), 0)).toBe(500);
      expect([...credited].sort()).toEqual([166, 167, 167]);
      expect(await lobby(rt, live.lobbyId)).toMatchObject({ poolCents: 500, salesCount: 1 });
    });

    it('credits Stripe merch sales and Shopify paid orders into the same window', async () => {
      const live = await racing(rt, host, racers.slice(0, 2));
      await stripeMerchSale(rt, '40.00');
      await shopifyPaid(rt, 1001, '60.00');
      await rt.settle();
      expect((await sales()).map((s) => [s.shop, s.attributedTo, s.poolCents]).sort()).toEqual([
        ['shopify', 'race', 1200],
        ['stripe', 'race', 800],
      ]);
      expect((await walletOf(rt, racers[0] as string))?.pendingCents).toBe(1000);
      expect((await lobby(rt, live.lobbyId)).shares).toEqual({ [racers[0] as string]: 1000, [racers[1] as string]: 1000 });
    });

    it('credits a sale delivered twice, or by a shop retrying with a new delivery id, once', async () => {
      await racing(rt, host, racers.slice(0, 2));
      await kofiPayment(rt, '10.00', { transaction: 'tx-1', message: 'msg-1' });
      await kofiPayment(rt, '10.00', { transaction: 'tx-1', message: 'msg-1' });
      await shopifyPaid(rt, 2002, '10.00', { webhook: 'wh-1' });
      await shopifyPaid(rt, 2002, '10.00', { webhook: 'wh-2' });
      await rt.settle();
      expect((await walletOf(rt, racers[0] as string))?.pendingCents).toBe(200);
      expect(await sales()).toHaveLength(2);
    });

    it('counts only the Ko-fi payment types the guild chose', async () => {
      await racing(rt, host, racers.slice(0, 1));
      await kofiPayment(rt, '5.00', { type: 'Donation' });
      await rt.settle();
      expect((await sales())[0]).toMatchObject({ attributedTo: 'not-merch', poolCents: 0 });
      await race(rt, host, 'settings', { 'kofi-types': 'Shop Order, Donation' });
      await kofiPayment(rt, '5.00', { type: 'Donation' });
      await rt.settle();
      expect((await walletOf(rt, racers[0] as string))?.pendingCents).toBe(100);
    });

    it('records a sale outside any window as house revenue', async () => {
      await kofiPayment(rt, '30.00');
      await rt.settle();
      expect((await sales())[0]).toMatchObject({ attributedTo: 'house', amountCents: 3000, poolCents: 0, credits: [] });
    });

    it('records a sale in another currency, splits nothing and tells the host', async () => {
      await racing(rt, host, racers);
      await shopifyPaid(rt, 3003, '20.00', { currency: 'EUR' });
      await rt.settle();
      expect((await sales())[0]).toMatchObject({ attributedTo: 'currency-mismatch', currency: 'eur', poolCents: 0 });
      expect(await walletOf(rt, racers[0] as string)).toBeUndefined();
      expect(textOf(dmsTo(rt, host).pop() ?? {})).toContain('nothing is converted');
    });

    it('reverses a partial Stripe refund in proportion, as new ledger entries', async () => {
      await racing(rt, host, racers.slice(0, 2));
      const session = await stripeMerchSale(rt, '50.00');
      await rt.settle();
      await stripeRefund(rt, session, 1250);
      await rt.settle();
      for (const r of racers.slice(0, 2)) {
        expect((await walletOf(rt, r))?.pendingCents).toBe(500 - 125);
        expect((await ledgerOf(rt, r)).map((e) => [e.kind, e.amountCents]).sort()).toEqual([
          ['credit', 500],
          ['reversal', -125],
        ]);
      }
      await stripeRefund(rt, session);
      await rt.settle();
      expect((await walletOf(rt, racers[0] as string))?.pendingCents).toBe(0);
    });

    it('reverses a Shopify refund, and a racer already paid out goes negative', async () => {
      await racing(rt, host, racers.slice(0, 1));
      await shopifyPaid(rt, 4004, '100.00');
      await rt.settle();
      await payout(rt, host, racers[0] as string, '20');
      await shopifyRefunded(rt, 4004, '100.00');
      await rt.settle();
      expect(await walletOf(rt, racers[0] as string)).toMatchObject({ pendingCents: -2000, paidCents: 2000, earnedCents: 0 });
      expect(textOf(await wallet(rt, racers[0] as string))).toContain('future credits make it up');
    });

    it('reverses a Shopify Markets refund read in the shop’s currency, though the buyer paid in another', async () => {
      await racing(rt, host, racers.slice(0, 1));
      await shopifyPaid(rt, 4005, '40.00');
      await rt.settle();
      expect((await walletOf(rt, racers[0] as string))?.pendingCents).toBe(800);
      // The shop sells in USD; the buyer paid CAD 54.80, and Shopify's refund transaction says so.
      await shopifyRefunded(rt, 4005, '40.00', { presentment: 'CAD', presented: '54.80' });
      await rt.settle();
      expect((await walletOf(rt, racers[0] as string))?.pendingCents).toBe(0);
    });

    it('counts a sale paid while the window was open even when it arrives after the end', async () => {
      const live = await racing(rt, host, racers.slice(0, 1));
      const paidAt = clock.ms;
      clock.advance(60_000);
      await race(rt, host, 'end');
      // Ko-fi's delivery of a payment made a minute ago arrives now.
      const body = kofiForm(kofiPayload({ verification_token: rt.secrets.KOFI_VERIFICATION_TOKEN, timestamp: new Date(paidAt + 1_000).toISOString() }));
      const res = await fetch(`${rt.url}/webhooks/kofi/${GUILD}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      expect(res.status).toBe(200);
      await rt.settle();
      expect((await sales())[0]).toMatchObject({ attributedTo: 'race', lobbyId: live.lobbyId });
    });
  });

  describe('wallet and payouts', () => {
    it('shows a racer their pending and paid balances, their last races and the payout threshold', async () => {
      await racing(rt, host, racers.slice(0, 1), 'Grand Prix');
      await kofiPayment(rt, '150.00');
      await rt.settle();
      const answer = await wallet(rt, racers[0] as string);
      expect(answer.flags).toBe(64);
      const text = textOf(answer);
      expect(text).toContain('$30.00');
      expect(text).toContain('**Grand Prix**');
      expect(text).toContain('you’re there');
    });

    it('tells a member with no earnings how racing pays', async () => {
      expect(textOf(await wallet(rt, snowflake()))).toContain('no race earnings here yet');
    });

    it('pays a racer by hand with a note, posts the cash-out and moves pending to paid', async () => {
      await racing(rt, host, racers.slice(0, 1));
      await kofiPayment(rt, '150.00');
      await rt.settle();
      const answer = await payout(rt, host, racers[0] as string, '20.50', { note: 'store credit code' });
      expect(textOf(answer)).toContain('as paid by hand (store credit code)');
      expect(await walletOf(rt, racers[0] as string)).toMatchObject({ pendingCents: 950, paidCents: 2050 });
      expect(postsIn(rt, RACE_CHANNEL).map(textOf).join('\n')).toContain(`<@${racers[0]}> cashed out $20.50`);
    });

    it('sends a Stripe transfer to a racer with an onboarded Connect account, keyed by the payout', async () => {
      await onboard(rt, racers[0] as string);
      await racing(rt, host, racers.slice(0, 1));
      await kofiPayment(rt, '200.00');
      await rt.settle();
      const answer = await payout(rt, host, racers[0] as string, 40);
      expect(textOf(answer)).toContain('by Stripe transfer');
      const [transfer] = await transfers(rt);
      expect(transfer).toMatchObject({ amount: 4000, source_transaction: null });
    });

    it('leaves nothing of a Stripe merch sale, its refund or a racer’s Stripe payout unexplained in the operator’s reconciliation', async () => {
      await onboard(rt, racers[0] as string);
      await racing(rt, host, racers.slice(0, 1));
      const session = await stripeMerchSale(rt, '200.00');
      await rt.settle();
      await stripeRefund(rt, session, 5_000);
      await rt.settle();
      expect(textOf(await payout(rt, host, racers[0] as string, 20))).toContain('by Stripe transfer');
      await rt.settle();
      const report = (await (await fetch(`${rt.url}/_local/reconcile?since=2000-01-01`)).json()) as {
        balanceTransactions: number;
        matched: number;
        unexplained: unknown[];
        uncleared: unknown[];
      };
      expect(report).toMatchObject({ unexplained: [], uncleared: [] });
      expect(report.balanceTransactions).toBeGreaterThanOrEqual(3);
      expect(report.matched).toBe(report.balanceTransactions);
    });

    it('refuses to pay more than is pending and shows the balance', async () => {
      await racing(rt, host, racers.slice(0, 1));
      await kofiPayment(rt, '50.00');
      await rt.settle();
      expect(textOf(await payout(rt, host, racers[0] as string, 11))).toContain('their pending balance is $10.00');
      expect((await walletOf(rt, racers[0] as string))?.pendingCents).toBe(1000);
    });

    it('lets one of two admins paying at once succeed when together they exceed the pending balance', async () => {
      await racing(rt, host, racers.slice(0, 1));
      await kofiPayment(rt, '50.00');
      await rt.settle();
      const admins = [snowflake(), snowflake()];
      const answers = await Promise.all(admins.map((a) => payout(rt, a, racers[0] as string, 7)));
      expect(answers.filter((a) => textOf(a).startsWith('Paid'))).toHaveLength(1);
      expect(answers.filter((a) => textOf(a).includes('their pending balance is $3.00'))).toHaveLength(1);
      expect(await walletOf(rt, racers[0] as string)).toMatchObject({ pendingCents: 300, paidCents: 700 });
    });

    it('refuses /payout to a member without Manage Server, and amounts with three decimals, at once', async () => {
      expect(textOf(await payout(rt, racers[0] as string, racers[1] as string, 5, {}, MEMBER))).toContain('Only server admins');
      expect(textOf(await payout(rt, host, racers[1] as string, 5.125))).toContain('more than two decimals');
      expect(await rt.store.query(payoutsCollection)).toHaveLength(0);
    });
  });

  describe('the live pot', () => {
    it('serves the pool and each racer’s share as briefly cached JSON for the OBS overlay', async () => {
      const live = await racing(rt, host, racers.slice(0, 2));
      await kofiPayment(rt, '10.01');
      await rt.settle();
      const res = await fetch(`${rt.url}/overlay/pot/${live.lobbyId}`);
      expect(res.headers.get('cache-control')).toContain('max-age=2');
      const board = (await res.json()) as { pool: string; racers: Array<{ share: string }>; status: string; rate: string };
      expect(board).toMatchObject({ pool: '$2.00', status: 'racing', rate: '20%' });
      expect(board.racers.map((r) => r.share)).toEqual(['$1.00', '$1.00']);
      expect(JSON.stringify(board)).not.toContain(racers[0]);
      expect((await fetch(`${rt.url}/overlay/pot/nosuchid`)).status).toBe(404);
      expect((await fetch(`${rt.url}/overlay/pot?id=${live.lobbyId}`)).status).toBe(200);
    });

    it('edits the lobby message at most once a second, and the last edit shows the final pot', async () => {
      const live = await racing(rt, host, racers.slice(0, 2));
      await flushLobbyMessage(rt, clock);
      const before = lobbyMessages(rt, live).length;
      await Promise.all(Array.from({ length: 20 }, (_, i) => kofiPayment(rt, '5.00', { transaction: `burst-${i}` })));
      await rt.settle();
      // The test's clock stands still while the tasks' timers run in real time: the burst's edit
      // may have shown part of it. A sale a second later, as real time would have it, names the
      // next second's edit, which shows everything.
      clock.advance(1_000);
      await kofiPayment(rt, '5.00', { transaction: 'after-the-burst' });
      await flushLobbyMessage(rt, clock);
      const edits = lobbyMessages(rt, live).slice(before);
      expect(edits.length).toBeGreaterThanOrEqual(1);
      expect(edits.length).toBeLessThanOrEqual(3);
      expect(textOf(edits.pop() ?? {})).toContain('**$21.00** from 21 sales');
    });
  });
});
