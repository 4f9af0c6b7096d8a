/**
 * What a stranger sees when a request is too big, malformed or lost: a short answer with
 * the right status on every route, never a stack trace or a path on our server.
 */
import { functionRegistry } from '../../shared/registry';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

/** A route as a stranger would call it: parameters filled with something plausible. */
const httpRoutes = functionRegistry.filter((e) => e.kind !== 'pubsub').map((e) => (e as { route: string }).route.replace(/:[a-zA-Z]+/g, '900000000000000001'));

/**
 * No stack, path or source line, and short: a browser's request (Accept: anything) may get the
 * site's own 404 page in the site's layout (about 3 KB with its header and footer); a dump of
 * internals would be longer.
 */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/\n\s+at |node_modules|\/work\/|[A-Z]:\\|\.ts:\d+|\.js:\d+/);
  expect(text.length).toBeLessThan(4_000);
}

describe('error answers', () => {
  it.each(httpRoutes)('answers a body over a megabyte on %s with a short 413', async (route) => {
    const res = await fetch(`${rt.url}${route}`, { method: 'POST', body: 'x'.repeat(1_100_000), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expectNoInternals(await res.text());
  });

  it.each(['/overlay/auction/%E0%A4%A', '/webhooks/kofi/%ZZ', '/checkout/%', '/styles.css%'])(
    'answers the malformed escape in %s with a short 4xx',
    async (path) => {
      const res = await fetch(`${rt.url}${path}`);
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expectNoInternals(await res.text());
    },
  );

  it('answers an unknown page with the site’s own 404 page, and an unknown API path with a short 404', async () => {
    const page = await fetch(`${rt.url}/no/such/page`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('<html');
    const api = await fetch(`${rt.url}/no/such/thing`, { headers: { accept: 'application/json' } });
    expect(api.status).toBe(404);
    expectNoInternals(await api.text());
  });
});
