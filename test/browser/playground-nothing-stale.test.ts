/**
 * Nothing stale in the playground: after a reload the header reads as set up on a server that
 * is set up (the page asks the store, not its own memory), and an old answer's relative time
 * (`<t:…:R>`) is redrawn from the runtime's clock when it moves, whoever moved it (here a
 * script's `POST /_local/clock`, not the page's own Skip ahead). At a laptop's size and a phone's.
 */
import { playgroundSuite } from '../support/playground-suite';

const suite = playgroundSuite({ sharedRuntime: false });

const sizes = [
  { name: 'laptop', viewport: { width: 1280, height: 800 } },
  { name: 'phone', viewport: { width: 390, height: 844 } },
] as const;

describe.each(sizes)('the playground at a $name’s size', ({ name, viewport }) => {
  it('reads as set up after a reload, and redraws an old post’s “Closes in 14 days” when the clock moves two days', async () => {
    const rt = await suite.freshRuntime();
    const { play, opening } = await suite.open(viewport, rt);
    const { page } = play;
    await play.setUp();

    await page.reload();
    await play.ready();
    expect(await page.locator('button.setup').innerText()).toBe('Set up again');
    expect(await page.getAttribute('body', 'data-set-up')).toBe('done');

    const title = `Stale check ${name}`;
    await play.as('cleo_builds');
    await play.channel('marketplace');
    await play.pick('groupbuy start', 'mouse', { typed: '/groupbuy st' });
    await play.typeHere('14d');
    await play.option('ships', new Date(Date.now() + 92 * 86_400_000).toISOString().slice(0, 7));
    await play.option('title', title);
    await play.option('price', '120');
    await play.option('moq', '2');
    await play.enter('moq');
    expect(await play.messageInView(`Group buy: ${title}`)).toContain('Closes in 14 days');

    const moved = await fetch(`${rt.url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 2 * 86_400_000 }),
    });
    expect(moved.status).toBe(200);
    const post = page.locator('discord-message').filter({ hasText: `Group buy: ${title}` });
    await post.filter({ hasText: 'Closes in 12 days' }).waitFor({ timeout: 30_000 });
    // The reload cancels what was in flight (the feed, the setup's last redirect): nothing else may go wrong.
    expect(opening.problems.filter((p) => !p.endsWith('net::ERR_ABORTED'))).toEqual([]);
  }, 180_000);
});
