/**
 * `/dashboard/guild/<id>/show`: a server's admins see the last hour of its show, read from
 * the auction book's tally; anyone else is refused before anything is read.
 */
import { InMemoryAuctionBook } from '../../local/upstash/in-memory-auction-book';
import { answerDashboard, type DashboardAnswer } from '../use-cases/answer-dashboard';
import { matchRoute } from '../routes';
import { guild, otherGuild, signedIn, world, type World } from './dashboard-fixtures';

function ask(w: World, path: string, cookie: string | undefined): Promise<DashboardAnswer> {
  return answerDashboard(w.deps, { method: 'GET', path, query: {}, cookie, form: {}, origin: undefined });
}

async function withTallies(w: World) {
  const book = new InMemoryAuctionBook();
  const at = w.clock.ms - 5 * 60_000;
  await book.tallyBid(guild, at, { answered: 1, leading: 1 });
  await book.tallyBid(guild, at, { answered: 1, 'answered-late': 1, 'too-low': 1 });
  await book.tallyBid(otherGuild, at, { answered: 1, leading: 1 });
  w.deps.book = () => book;
  return book;
}

describe('a server’s show page', () => {
  it('is a page of its own under the server', () => {
    expect(matchRoute('GET', `/dashboard/guild/${guild}/show`)).toEqual({ ok: true, route: { page: 'guild-show', guildId: guild } });
    expect(matchRoute('POST', `/dashboard/guild/${guild}/show`)).toMatchObject({ ok: false, status: 405 });
  });

  it('GIVEN an admin of the server THEN it shows that server’s last hour of bids and no other server’s', async () => {
    const w = world();
    await withTallies(w);
    const { cookie } = await signedIn(w);
    const page = await ask(w, `/dashboard/guild/${guild}/show`, cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('1 of 2 bids answered inside 3 s (50 %)');
    expect(page.body).toContain('Below the next minimum');
  });

  it('GIVEN someone who does not administer the server THEN it is refused with 403 and shows none of its counts', async () => {
    const w = world();
    await withTallies(w);
    const { cookie } = await signedIn(w);
    const page = await ask(w, `/dashboard/guild/${otherGuild}/show`, cookie);
    expect(page.status).toBe(403);
    expect(page.body).toContain('Not a server you administer');
    expect(page.body).not.toContain('answered inside 3 s');
  });

  it('GIVEN a signed-out browser THEN it goes to sign in first', async () => {
    const w = world();
    expect((await ask(w, `/dashboard/guild/${guild}/show`, undefined)).status).toBe(303);
  });

  it('GIVEN the auction book does not answer THEN the page still answers, saying so', async () => {
    const w = world();
    w.deps.book = () => ({
      tallies: async () => {
        throw new Error('Redis timed out');
      },
    });
    const { cookie } = await signedIn(w);
    const page = await ask(w, `/dashboard/guild/${guild}/show`, cookie);
    expect(page.status).toBe(200);
    expect(page.body).toContain('The auction book did not answer');
  });

  it('is linked from the server’s page', async () => {
    const w = world();
    const { cookie } = await signedIn(w);
    expect((await ask(w, `/dashboard/guild/${guild}`, cookie)).body).toContain(`href="/dashboard/guild/${guild}/show"`);
  });
});
