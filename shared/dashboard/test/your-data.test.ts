import { orderPath } from '../../orders';
import { answerDashboard, type DashboardAnswer } from '../use-cases/answer-dashboard';
import { anOrder, signedIn, signedInUser, world, type World } from './dashboard-fixtures';

function ask(w: World, method: string, path: string, cookie: string | undefined, form: Record<string, string> = {}): Promise<DashboardAnswer> {
  return answerDashboard(w.deps, { method, path, query: {}, cookie, form, origin: undefined });
}

const otherBuyer = '810000000000000999';

describe('the dashboard’s Your data page', () => {
  it('GIVEN a signed-in buyer THEN /dashboard/me/data.json holds their order and address and nobody else’s order', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    await w.store.set(
      orderPath('o-mine'),
      anOrder({
        orderId: 'o-mine',
        buyerId: signedInUser,
        buyerName: 'Me Myself',
        shippingAddress: { name: 'M. Myself', line1: '1 Mine St', city: 'Oslo', postalCode: '0150', country: 'NO' },
      }),
    );
    await w.store.set(orderPath('o-theirs'), anOrder({ orderId: 'o-theirs', buyerId: otherBuyer, buyerName: 'Someone Else' }));
    const answer = await ask(w, 'GET', '/dashboard/me/data.json', cookie);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(answer.body).toContain('1 Mine St');
    expect(answer.body).not.toContain('o-theirs');
    expect(answer.body).not.toContain('Someone Else');
  });

  it('GIVEN no session THEN the export is not served: the browser is sent to sign in', async () => {
    const w = world();
    const answer = await ask(w, 'GET', '/dashboard/me/data.json', undefined);
    expect(answer.status).toBe(303);
    expect(answer.body).toBe('');
  });

  it('GIVEN Erase me without the tick THEN nothing is erased; with it THEN the name is gone and the session ended', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    await w.store.set(orderPath('o-mine'), anOrder({ orderId: 'o-mine', buyerId: signedInUser, buyerName: 'Me Myself', status: 'paid' }));
    const page = await ask(w, 'GET', '/dashboard/me', cookie);
    expect(page.body).toContain('Download my data');
    expect(page.body).toContain('Erase me');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;

    expect((await ask(w, 'POST', '/dashboard/me/erase', cookie, { csrf })).status).toBe(400);
    expect((await w.store.get(orderPath('o-mine')))?.buyerName).toBe('Me Myself');

    const erased = await ask(w, 'POST', '/dashboard/me/erase', cookie, { csrf, confirm: 'yes' });
    expect(erased.status).toBe(200);
    expect(erased.body).toContain('Your data is erased');
    expect(erased.headers['set-cookie']).toBeDefined();
    const order = await w.store.get(orderPath('o-mine'));
    expect(order).toMatchObject({ buyerId: signedInUser, buyerName: 'a former member', status: 'paid' });
    expect((await ask(w, 'GET', '/dashboard/me', cookie)).status).toBe(303);
  });

  it('GIVEN a member whose only trace is a max in a live auction THEN Your data lists it and Erase takes it out, through the wiring', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    let held = true;
    const deps = {
      ...w.deps,
      keptElsewhere: async (id: string) => (held && id === signedInUser ? ['1 × your bid and max in an auction still live'] : []),
      eraseElsewhere: async (id: string) => (held && id === signedInUser ? ((held = false), 1) : 0),
    };
    const page = await answerDashboard(deps, { method: 'GET', path: '/dashboard/me', query: {}, cookie, form: {}, origin: undefined });
    expect(page.body).toContain('1 × your bid and max in an auction still live');
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] as string;
    const erased = await answerDashboard(deps, {
      method: 'POST',
      path: '/dashboard/me/erase',
      query: {},
      cookie,
      form: { csrf, confirm: 'yes' },
      origin: undefined,
    });
    expect(erased.body).toContain('Your data is erased');
    expect(held).toBe(false);
  });
});
