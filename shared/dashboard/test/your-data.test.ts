import { orderPath } from '../../orders';
import { answerDashboard, type DashboardAnswer } from '../use-cases/answer-dashboard';
import { anOrder, signedIn, signedInUser, world, type World, twoMembers } from './dashboard-fixtures';

function ask(w: World, method: string, path: string, cookie: string | undefined, form: Record<string, string> = {}): Promise<DashboardAnswer> {
  return answerDashboard(w.deps, { method, path, query: {}, cookie, form, origin: undefined });
}

/** The hidden fields of the page's Erase me form: the session's CSRF token and the form's own, which says when the page was made. */
const eraseFields = (page: string) => ({
  csrf: /name="csrf" value="([^"]+)"/.exec(page)?.[1] as string,
  erase: /name="erase" value="([^"]+)"/.exec(page)?.[1] as string,
});

describe('the dashboard’s Your data page', () => {
  it('GIVEN a signed-in buyer THEN /dashboard/me/data.json holds their order and address and nobody else’s order', async () => {
    const { w, cookie } = await twoMembers();
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
    const fields = eraseFields(page.body);

    expect((await ask(w, 'POST', '/dashboard/me/erase', cookie, fields)).status).toBe(400);
    expect((await w.store.get(orderPath('o-mine')))?.buyerName).toBe('Me Myself');

    const erased = await ask(w, 'POST', '/dashboard/me/erase', cookie, { ...fields, confirm: 'yes' });
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
    const erased = await answerDashboard(deps, {
      method: 'POST',
      path: '/dashboard/me/erase',
      query: {},
      cookie,
      form: { ...eraseFields(page.body), confirm: 'yes' },
      origin: undefined,
    });
    expect(erased.body).toContain('Your data is erased');
    expect(held).toBe(false);
  });

  it('GIVEN the Erase me form sent 15 minutes after its page was made, or with its time moved on, THEN it has expired and nothing is erased; sent sooner, it erases', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    await w.store.set(orderPath('o-mine'), anOrder({ orderId: 'o-mine', buyerId: signedInUser, buyerName: 'Me Myself', status: 'paid' }));
    const fields = eraseFields((await ask(w, 'GET', '/dashboard/me', cookie)).body);
    expect(fields.erase).toMatch(new RegExp(`^${w.clock.ms}\\.`));
    w.clock.ms += 15 * 60_000;
    const late = await ask(w, 'POST', '/dashboard/me/erase', cookie, { ...fields, confirm: 'yes' });
    expect(late.status).toBe(400);
    expect(late.body).toContain('This form has expired');
    // Its time moved on by hand: the signature no longer matches.
    const moved = { ...fields, erase: fields.erase.replace(/^\d+/, String(w.clock.ms)) };
    expect((await ask(w, 'POST', '/dashboard/me/erase', cookie, { ...moved, confirm: 'yes' })).body).toContain('This form has expired');
    expect((await ask(w, 'POST', '/dashboard/me/erase', cookie, { csrf: fields.csrf, confirm: 'yes' })).body).toContain('This form has expired');
    expect((await w.store.get(orderPath('o-mine')))?.buyerName).toBe('Me Myself');

    const fresh = eraseFields((await ask(w, 'GET', '/dashboard/me', cookie)).body);
    w.clock.ms += 15 * 60_000 - 1;
    expect((await ask(w, 'POST', '/dashboard/me/erase', cookie, { ...fresh, confirm: 'yes' })).body).toContain('Your data is erased');
  });

  it('GIVEN the erasure THEN its page says what was done and holds no Erase me to send again; the same form sent again erases nothing more', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    await w.store.set(orderPath('o-mine'), anOrder({ orderId: 'o-mine', buyerId: signedInUser, buyerName: 'Me Myself', status: 'paid' }));
    const fields = eraseFields((await ask(w, 'GET', '/dashboard/me', cookie)).body);
    const erased = await ask(w, 'POST', '/dashboard/me/erase', cookie, { ...fields, confirm: 'yes' });
    expect(erased.body).toContain('records erased or stripped of your name');
    expect(erased.body).not.toContain('<form');
    expect(erased.body).not.toContain('Erase me');
    const again = await ask(w, 'POST', '/dashboard/me/erase', cookie, { ...fields, confirm: 'yes' });
    expect(again.status).toBe(401);
    expect(again.body).not.toContain('records erased');
  });
});
