/**
 * Debts on the dashboard, end to end through its routes: a person sees only their own
 * accounts; a server's admins see everyone's on that server, as a page and a CSV, and record
 * a payment made outside C500 with the session's CSRF token, once however often the form is
 * sent; every refusal says what was wrong and changes nothing.
 */
import { answerDashboard, type DashboardAnswer } from '../../dashboard/use-cases/answer-dashboard';
import { anOrder, guild, signedIn, signedInUser, world, type World } from '../../dashboard/test/dashboard-fixtures';
import { orderPath } from '../../orders';
import { recordDebtMove } from '../use-cases/debt-account';
import { debtAccountOf } from '../use-cases/read-debts';
import { journalOfGuild } from '../../journal';

const OTHER_GUILD = '900000000000000002';
const HOST = '800000000000000010';

function ask(w: World, method: string, path: string, cookie: string | undefined, form: Record<string, string> = {}): Promise<DashboardAnswer> {
  return answerDashboard(w.deps, { method, path, query: {}, cookie, form, origin: undefined });
}

async function owe(w: World, guildId: string, userId: string, orderId: string, amountCents: number) {
  await recordDebtMove(w.store, {
    guildId,
    userId,
    entryId: `loss:${orderId}`,
    kind: 'loss-after-payout',
    orderId,
    amountCents,
    currency: 'usd',
    reason: `order ${orderId} was refunded after the cut was paid by hand`,
    at: w.clock.now().toISOString(),
  });
}

async function withDebts(guilds = [{ id: guild, name: 'Keebs', owner: false, permissions: '8' }]) {
  const w = world();
  w.discord.guilds = guilds;
  await owe(w, guild, HOST, 'lot-host-1', 6_000);
  await owe(w, guild, signedInUser, 'lot-mine-1', 1_500);
  await owe(w, OTHER_GUILD, HOST, 'lot-elsewhere', 999);
  const { cookie } = await signedIn(w);
  const page = await ask(w, 'GET', `/dashboard/guild/${guild}/debts`, cookie);
  const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
  const seen = /name="seen" value="(\d+)"/.exec(page.body)?.[1] as string;
  const pay = (form: Record<string, string>, userId = HOST, guildId = guild) =>
    ask(w, 'POST', `/dashboard/guild/${guildId}/debts/${userId}/paid`, cookie, { csrf, seen, ...form });
  const owed = async (userId = HOST) => (await debtAccountOf(w.store, guild, userId))?.debt.owedCents;
  return { w, cookie, page, pay, owed };
}

describe('a person’s own debts on the dashboard', () => {
  it('shows their own accounts, with each entry’s order, and nobody else’s', async () => {
    const { w, cookie } = await withDebts();
    const own = await ask(w, 'GET', '/dashboard/debts', cookie);
    expect(own.status).toBe(200);
    expect(own.body).toContain('lot-mine-1');
    expect(own.body).toContain('$15.00');
    expect(own.body).not.toContain('lot-host-1');
    expect(own.body).not.toContain('lot-elsewhere');
  });
});

describe('a server’s debts for its admins', () => {
  it('lists everyone who owes on that server, with a CSV in integer cents, and nothing of another server', async () => {
    const { w, cookie, page } = await withDebts();
    expect(page.status).toBe(200);
    expect(page.body).toContain(HOST);
    expect(page.body).toContain('$60.00');
    expect(page.body).not.toContain('lot-elsewhere');
    const csv = await ask(w, 'GET', `/dashboard/guild/${guild}/debts.csv`, cookie);
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    expect(csv.body.split('\n')[0]).toBe('user_id,owed_cents,currency,entry_at,entry_kind,order_id,amount_cents,reason');
    expect(csv.body).toContain(`${HOST},6000,usd,`);
    expect(csv.body).not.toContain('lot-elsewhere');
  });

  it('names each debtor as their order does, a show host by the host’s name, with their id beside it', async () => {
    const w = world();
    w.discord.guilds = [{ id: guild, name: 'Keebs', owner: false, permissions: '8' }];
    await w.store.set(orderPath('lot-host-1'), anOrder({ orderId: 'lot-host-1', guildId: guild, showId: 'sh1', hostId: HOST, hostName: 'Hana Host' }));
    await owe(w, guild, HOST, 'lot-host-1', 6_000);
    const { cookie } = await signedIn(w);
    const page = await ask(w, 'GET', `/dashboard/guild/${guild}/debts`, cookie);
    expect(page.body).toContain('Hana Host: owes $60.00');
    expect(page.body).toMatch(new RegExp(`Hana Host <code class="id">${HOST}</code>`));
  });

  it('records a payment outside C500 as an entry with the admin’s name, once however often the form is sent', async () => {
    const { w, pay, owed } = await withDebts();
    const first = await pay({ amount: '25.00', note: 'bank transfer' });
    expect(first).toMatchObject({ status: 303, headers: { location: `/dashboard/guild/${guild}/debts?done=debt-paid` } });
    await pay({ amount: '25.00', note: 'bank transfer' });
    expect(await owed()).toBe(3_500);
    const entries = (await debtAccountOf(w.store, guild, HOST))?.entries ?? [];
    expect(entries.filter((e) => e.kind === 'paid-outside')).toEqual([
      expect.objectContaining({ amountCents: 2_500, byUserId: signedInUser, reason: 'paid outside C500: bank transfer' }),
    ]);
  });

  it('writes a debt off from the same form’s Write off button: the person owes less, the journal spends it as written off, once', async () => {
    const { w, cookie, page, owed } = await withDebts();
    expect(page.body).toContain(`formaction="/dashboard/guild/${guild}/debts/${HOST}/written-off"`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const seen = /name="seen" value="(\d+)"/.exec(page.body)?.[1] as string;
    const writeOff = () => ask(w, 'POST', `/dashboard/guild/${guild}/debts/${HOST}/written-off`, cookie, { csrf, seen, amount: '20', note: 'left the hobby' });
    expect(await writeOff()).toMatchObject({ status: 303, headers: { location: `/dashboard/guild/${guild}/debts?done=debt-written-off` } });
    await writeOff();
    expect(await owed()).toBe(4_000);
    const entries = (await debtAccountOf(w.store, guild, HOST))?.entries ?? [];
    expect(entries.filter((e) => e.kind === 'written-off')).toEqual([expect.objectContaining({ amountCents: 2_000, reason: 'written off: left the hobby' })]);
    const journal = await journalOfGuild(w.store, guild);
    expect(journal.filter((e) => e.kind === 'write-off').map((e) => e.postings)).toEqual([
      [
        { account: 'written-off', amountCents: 2_000 },
        { account: 'owed-to-c500', amountCents: -2_000, personId: HOST },
      ],
    ]);
  });

  it('refuses a form without the session’s token', async () => {
    const { w, cookie, owed } = await withDebts();
    const sent = await ask(w, 'POST', `/dashboard/guild/${guild}/debts/${HOST}/paid`, cookie, { amount: '10' });
    expect(sent.status).toBe(403);
    expect(await owed()).toBe(6_000);
  });

  it('refuses someone who does not administer the server, on the page, the CSV and the form', async () => {
    const { w, cookie, pay, owed } = await withDebts([{ id: guild, name: 'Keebs', owner: false, permissions: '0' }]);
    expect((await ask(w, 'GET', `/dashboard/guild/${guild}/debts`, cookie)).status).toBe(403);
    expect((await ask(w, 'GET', `/dashboard/guild/${guild}/debts.csv`, cookie)).status).toBe(403);
    expect((await pay({ amount: '10' })).status).toBe(403);
    expect(await owed()).toBe(6_000);
  });

  it('refuses another server’s account from an admin of this one', async () => {
    const { pay, w } = await withDebts();
    expect((await pay({ amount: '1' }, HOST, OTHER_GUILD)).status).toBe(403);
    expect((await debtAccountOf(w.store, OTHER_GUILD, HOST))?.debt.owedCents).toBe(999);
  });

  it('refuses an unknown person, an amount above the debt, zero, negative or with too many decimals', async () => {
    const { pay, owed } = await withDebts();
    const unknown = await pay({ amount: '1' }, '800000000000000077');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('no debt account on this server');
    const above = await pay({ amount: '60.01' });
    expect(above.status).toBe(400);
    expect(above.body).toContain('more than the person owes');
    for (const amount of ['0', '-5', '1.234', 'lots']) expect((await pay({ amount })).status).toBe(400);
    expect(await owed()).toBe(6_000);
  });
});
