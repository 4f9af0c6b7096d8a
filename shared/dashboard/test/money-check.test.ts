/**
 * The money check (issue 75): a server's reconciliation as a page for its admins, read from
 * the journal alone (Stripe is never asked, nothing is written), each uncleared account in
 * words with what to do; a buyer owed money outside Stripe recorded paid back by a form, once,
 * with the session's CSRF token, only by the server's admins.
 */
import {
  heldByFailedRefund,
  heldForLateBuyer,
  heldForLateBuyerChargedBack,
  heldForLateBuyerDisputed,
  journalCollection,
  journalPath,
  owedAfterChargeback,
  owedAfterGiveBack,
  owedWhileDisputed,
  post,
  type JournalEntry,
  type Uncleared,
} from '../../journal';
import { moneyCheckPage } from '../rules/pages/money-check-page';
import { orderPath } from '../../orders';
import { matchRoute } from '../routes';
import { answerDashboard, type DashboardAnswer } from '../use-cases/answer-dashboard';
import { anOrder, guild, otherGuild, signedIn, world, type World } from './dashboard-fixtures';

const ORDER = 'k3v9m2qa';
const entry = (entryId: string, kind: JournalEntry['kind'], postings: JournalEntry['postings']): JournalEntry => ({
  entryId,
  kind,
  at: '2026-11-20T10:05:00.000Z',
  guildId: guild,
  currency: 'usd',
  orderId: ORDER,
  postings,
});

async function owingWorld() {
  const w = world();
  await w.store.set(orderPath(ORDER), anOrder({ orderId: ORDER, status: 'closed' }));
  for (const e of [
    entry('charge:1', 'charge', [post.stripe(24_000), post.fees(-2_400), post.held(ORDER, -21_600)]),
    entry(`owed-to-buyer:${ORDER}:0`, 'owed-to-buyer', [post.held(ORDER, 10_000), post.buyer(ORDER, -10_000)]),
  ])
    await w.store.set(journalPath(e.entryId), e);
  const { cookie } = await signedIn(w);
  return { w, cookie };
}

const ask = (w: World, method: string, path: string, cookie: string, form: Record<string, string> = {}): Promise<DashboardAnswer> =>
  answerDashboard(w.deps, { method, path, query: {}, cookie, form, origin: undefined });
const page = `/dashboard/guild/${guild}/reconciliation`;
const action = `/dashboard/guild/${guild}/owed-to-buyer/${ORDER}/paid`;
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)?.[1] as string;
const journalSize = async (w: World) => (await w.store.query(journalCollection)).length;

describe('the money check on the dashboard', () => {
  it('answers the page on GET and the settlement on POST, ids checked', () => {
    expect(matchRoute('GET', page)).toEqual({ ok: true, route: { page: 'guild-money-check', guildId: guild } });
    expect(matchRoute('GET', `${page}.json`)).toEqual({ ok: true, route: { page: 'guild-reconciliation', guildId: guild } });
    expect(matchRoute('POST', action)).toEqual({ ok: true, route: { action: 'buyer-paid', guildId: guild, orderId: ORDER } });
    expect(matchRoute('POST', page)).toMatchObject({ ok: false, status: 405 });
    expect(matchRoute('POST', `/dashboard/guild/${guild}/owed-to-buyer/NOT_AN_ID/paid`)).toMatchObject({ ok: false, status: 404 });
  });

  it('lists a buyer owed money outside Stripe in words, with what to do, without asking Stripe or writing anything', async () => {
    const { w, cookie } = await owingWorld();
    const before = await journalSize(w);
    const answer = await ask(w, 'GET', page, cookie);
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Owed to the buyer: $100.00');
    expect(answer.body).toContain('Stripe will not refund a charged-back charge');
    expect(answer.body).toContain(`action="${action}"`);
    expect(answer.body).toContain(`href="/dashboard/guild/${guild}/result"`);
    // The fixtures' Stripe throws when made: the page never made it.
    expect(await journalSize(w)).toBe(before);
  });

  it('lists a lot holding a late payment Stripe would not let C500 give back, with /c500 refund to give it back', async () => {
    const w = world();
    await w.store.set(orderPath(ORDER), anOrder({ orderId: ORDER, status: 'expired', chargeId: 'ch_late' }));
    const paid = entry('charge:late', 'charge', [post.stripe(24_000), post.held(ORDER, -24_000)]);
    await w.store.set(journalPath(paid.entryId), paid);
    const { cookie } = await signedIn(w);
    const answer = await ask(w, 'GET', page, cookie);
    expect(answer.body).toContain('$240.00 held for the buyer');
    expect(answer.body).toContain(`/c500 refund order:${ORDER}`);
  });

  it('records the buyer paid back once: the account clears, a second send is refused as nothing owed', async () => {
    const { w, cookie } = await owingWorld();
    const csrf = csrfOf((await ask(w, 'GET', page, cookie)).body);
    const done = await ask(w, 'POST', action, cookie, { csrf, how: 'paypal' });
    expect(done).toMatchObject({ status: 303, headers: { location: `${page}?done=buyer-paid` } });
    const settled = (await w.store.query(journalCollection)).map((d) => d.data).filter((e) => e.kind === 'buyer-paid-outside');
    expect(settled).toEqual([expect.objectContaining({ settledHow: 'paypal', postings: [post.buyer(ORDER, 10_000), post.to('paid-by-hand', -10_000)] })]);
    expect((await ask(w, 'GET', page, cookie)).body).toContain('no buyer is owed money');
    expect((await ask(w, 'POST', action, cookie, { csrf, how: 'paypal' })).status).toBe(409);
  });

  it('refuses a form without the session’s token, one without a way it was paid, and a server the person does not administer', async () => {
    const { w, cookie } = await owingWorld();
    const csrf = csrfOf((await ask(w, 'GET', page, cookie)).body);
    expect((await ask(w, 'POST', action, cookie, { csrf: 'forged', how: 'paypal' })).status).toBe(403);
    expect((await ask(w, 'POST', action, cookie, { csrf, how: 'cash in an envelope' })).status).toBe(400);
    expect((await ask(w, 'GET', `/dashboard/guild/${otherGuild}/reconciliation`, cookie)).status).toBe(403);
    expect((await ask(w, 'POST', `/dashboard/guild/${otherGuild}/owed-to-buyer/${ORDER}/paid`, cookie, { csrf, how: 'paypal' })).status).toBe(403);
    expect((await w.store.query(journalCollection)).map((d) => d.data.kind)).not.toContain('buyer-paid-outside');
  });

  describe('says of each buyer’s money left uncleared what it is and what the admin does, true to its case', () => {
    const itemOf = (why: string, account: Uncleared['account'] = 'held', disputeId?: string): string =>
      moneyCheckPage(
        { title: 'Money check', section: 'guild', who: { displayName: 'Ada', adminGuilds: [], csrf: 'tok' } },
        { id: guild, name: 'Keebs' },
        {
          uncleared: [{ account, orderId: ORDER, balanceCents: 1_500, currency: 'usd', why, ...(disputeId ? { disputeId } : {}) }],
        },
      );
    const refund = `/c500 refund order:${ORDER}`;
    const form = `action="/dashboard/guild/${guild}/owed-to-buyer/${ORDER}/paid"`;
    const cases: Array<[string, string, Uncleared['account'], string | undefined, string[], string[]]> = [
      // [case, why, account, dispute, what it says, what it must not say]
      [
        'an ordinary order’s refund that failed',
        heldByFailedRefund,
        'held',
        undefined,
        ['$15.00 held for the buyer', 'a refund of it failed', refund],
        ['done with', form],
      ],
      [
        'a late payment Stripe refused to give back',
        heldForLateBuyer,
        'held',
        undefined,
        ['$15.00 held for the buyer', 'Stripe would not let C500 refund it', refund, form],
        ['done with'],
      ],
      [
        'a late payment whose give-back failed',
        owedAfterGiveBack,
        'owed-to-buyer',
        undefined,
        ['Owed to the buyer: $15.00', 'failed at their bank', refund, form],
        ['done with'],
      ],
      [
        'a late payment charged back in part, the bank deciding',
        heldForLateBuyerDisputed,
        'held',
        'du_9',
        ['deciding dispute', 'du_9', 'nothing to do yet'],
        ['done with', form],
      ],
      [
        'a failed give-back charged back, the bank deciding',
        owedWhileDisputed,
        'owed-to-buyer',
        'du_9',
        ['deciding dispute', 'du_9', 'nothing to do yet'],
        ['done with', form],
      ],
      [
        'a late payment charged back in part and lost',
        heldForLateBuyerChargedBack,
        'held',
        'du_9',
        ['du_9', 'Stripe refuses any refund', 'Pay the buyer back outside Stripe', form],
        ['done with', refund],
      ],
      [
        'a failed refund then a chargeback',
        owedAfterChargeback,
        'owed-to-buyer',
        undefined,
        ['Owed to the buyer: $15.00', 'Stripe will not refund a charged-back charge', form],
        ['done with', refund],
      ],
      ['money held for nobody on an order done with', 'held for nobody on an order done with', 'held', undefined, ['still held', 'which is done with'], [form]],
    ];
    it.each(cases)('%s', (_, why, account, disputeId, says, never) => {
      const html = itemOf(why, account, disputeId);
      for (const words of says) expect(html).toContain(words);
      for (const words of never) expect(html).not.toContain(words);
    });
  });

  it('records money a late payment’s lot still holds paid back by hand, journaled held -> paid by hand, and not while the bank decides', async () => {
    const w = world();
    const lot = anOrder({ orderId: ORDER, status: 'expired', chargeId: 'ch_late' });
    await w.store.set(orderPath(ORDER), {
      ...lot,
      dispute: { disputeId: 'du_9', state: 'open', amountCents: 9_000, reason: 'fraudulent', openedAt: '2026-11-21T00:00:00.000Z' },
    });
    const paid = entry('charge:late', 'charge', [post.stripe(24_000), post.held(ORDER, -24_000)]);
    const withdrawn = entry('dispute:du_9', 'dispute-withdrawal', [post.held(ORDER, 9_000), post.stripe(-9_000)]);
    for (const e of [paid, withdrawn]) await w.store.set(journalPath(e.entryId), e);
    const { cookie } = await signedIn(w);
    const csrf = csrfOf((await ask(w, 'GET', page, cookie)).body);
    const waiting = await ask(w, 'POST', action, cookie, { csrf, how: 'bank-transfer' });
    expect(waiting.status).toBe(409);
    expect(waiting.body).toContain('du_9');
    await w.store.set(orderPath(ORDER), {
      ...lot,
      dispute: { disputeId: 'du_9', state: 'lost', amountCents: 9_000, reason: 'fraudulent', openedAt: '2026-11-21T00:00:00.000Z' },
    });
    expect((await ask(w, 'GET', page, cookie)).body).toContain('$150.00 held for the buyer');
    expect((await ask(w, 'POST', action, cookie, { csrf, how: 'bank-transfer' })).status).toBe(303);
    const settled = (await w.store.query(journalCollection)).map((d) => d.data).filter((e) => e.kind === 'buyer-paid-outside');
    expect(settled).toEqual([expect.objectContaining({ settledHow: 'bank-transfer', postings: [post.held(ORDER, 15_000), post.to('paid-by-hand', -15_000)] })]);
    expect((await ask(w, 'GET', page, cookie)).body).toContain('no buyer is owed money');
    expect((await ask(w, 'POST', action, cookie, { csrf, how: 'bank-transfer' })).status).toBe(409);
  });
});
