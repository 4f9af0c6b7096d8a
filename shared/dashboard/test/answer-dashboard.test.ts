import { orderPath, type Order } from '../../payments';
import { answerDashboard, type DashboardAnswer } from '../use-cases/answer-dashboard';
import { guild, signedIn, signedInUser, world, type World } from './dashboard-fixtures';

/** One request as the dashboard function hands it over. */
function ask(w: World, method: string, path: string, cookie: string | undefined, form: Record<string, string> = {}): Promise<DashboardAnswer> {
  return answerDashboard(w.deps, { method, path, query: {}, cookie, form, origin: undefined });
}

const order = (over: Partial<Order> & Pick<Order, 'orderId'>): Order => ({
  source: 'drop',
  sourceId: 'd1',
  dropKind: 'commission',
  guildId: guild,
  title: 'Lavender 65%',
  buyerId: '820000000000000001',
  buyerName: 'Bo',
  builderId: '810000000000000002',
  builderName: 'Dee',
  amountCents: 24_000,
  currency: 'usd',
  platformFeeCents: 2_400,
  builderShareCents: 21_600,
  status: 'paid',
  createdAt: '2026-11-20T10:00:00.000Z',
  paidAt: '2026-11-20T10:05:00.000Z',
  ...over,
});

describe('an order’s page while Discord cannot be asked about admin rights', () => {
  it('GIVEN the rights are past their window and Discord does not answer THEN an order seen only as its server’s admin is not shown, while their own order still is', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    await w.store.set(orderPath('o-admin-only'), order({ orderId: 'o-admin-only', title: 'Someone else’s board' }));
    await w.store.set(orderPath('o-mine'), order({ orderId: 'o-mine', title: 'My own board', buyerId: signedInUser }));
    expect((await ask(w, 'GET', '/dashboard/orders/o-admin-only', cookie)).status).toBe(200);

    w.discord.down = true;
    w.clock.ms += 6 * 60_000;
    const refused = await ask(w, 'GET', '/dashboard/orders/o-admin-only', cookie);
    expect(refused.status).toBe(503);
    expect(refused.headers['retry-after']).toBe('30');
    expect(refused.body).toContain('Discord did not answer');
    expect(refused.body).not.toContain('Someone else’s board');
    const mine = await ask(w, 'GET', '/dashboard/orders/o-mine', cookie);
    expect(mine.status).toBe(200);
    expect(mine.body).toContain('My own board');
  });
});
