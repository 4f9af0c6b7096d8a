import { answerDashboard, type DashboardAnswer } from '../use-cases/answer-dashboard';
import { finishSignIn } from '../use-cases/sign-in';
import { cookieValue, signedInUser, type World, otherBuyer, twoMembers } from './dashboard-fixtures';

function ask(w: World, path: string, cookie: string | undefined, query: Record<string, string> = {}): Promise<DashboardAnswer> {
  return answerDashboard(w.deps, { method: 'GET', path, query, cookie, form: {}, origin: undefined });
}

describe('the dashboard’s /dashboard/me/export', () => {
  it('GIVEN a signed-in member THEN /dashboard/me/export downloads their own export, the same JSON as data.json, as an attachment', async () => {
    const { w, cookie } = await twoMembers();
    const answer = await ask(w, '/dashboard/me/export', cookie);
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('application/json; charset=utf-8');
    expect(answer.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+\.json"$/);
    const exported = JSON.parse(answer.body) as { memberId: string };
    expect(exported.memberId).toBe(signedInUser);
    expect(answer.body).toContain('1 Mine St');
    expect(answer.body).toBe((await ask(w, '/dashboard/me/data.json', cookie)).body);
  });

  it('GIVEN another member’s order and address in the store THEN the signed-in member’s export holds nothing of theirs', async () => {
    const { w, cookie } = await twoMembers();
    const answer = await ask(w, '/dashboard/me/export', cookie);
    for (const theirs of ['o-theirs', 'Someone Else', '9 Their Rd', otherBuyer]) expect(answer.body).not.toContain(theirs);
  });

  it('GIVEN a path naming another member after /dashboard/me/export THEN nothing is served: there is no such page', async () => {
    const { w, cookie } = await twoMembers();
    const answer = await ask(w, `/dashboard/me/export/${otherBuyer}`, cookie);
    expect(answer.status).toBe(404);
    expect(answer.body).not.toContain('9 Their Rd');
  });

  it('GIVEN the local sign-in asked for another member THEN the export is not served: the session ends and the browser is sent to sign in', async () => {
    const { w, cookie } = await twoMembers();
    w.deps.settings.localSignIn = true;
    const answer = await ask(w, '/dashboard/me/export', cookie, { user_id: otherBuyer });
    expect(answer.status).toBe(303);
    expect(answer.body).toBe('');
    expect((await ask(w, '/dashboard/me/export', cookie)).status).toBe(303);
  });

  it('GIVEN no session THEN the export is not served: the browser is sent to sign in and comes back to the export', async () => {
    const { w } = await twoMembers();
    const answer = await ask(w, '/dashboard/me/export', undefined);
    expect(answer.status).toBe(303);
    expect(answer.body).toBe('');
    // Discord's sign-in link carries the signed state that names where the browser comes back to.
    const state = new URL(answer.headers.location as string).searchParams.get('state') as string;
    w.discord.codes.add('code-2');
    const back = await finishSignIn(w.deps, { code: 'code-2', state }, cookieValue(answer.headers['set-cookie'] as string));
    expect(back).toMatchObject({ ok: true, location: '/dashboard/me/export' });
  });

  it('GIVEN the Your data page THEN its Download my data links to /dashboard/me/export', async () => {
    const { w, cookie } = await twoMembers();
    const page = await ask(w, '/dashboard/me', cookie);
    expect(page.body).toMatch(/<a class="button" href="\/dashboard\/me\/export" download>Download my data<\/a>/);
  });
});
