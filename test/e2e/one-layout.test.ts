/**
 * Every HTML page the product serves comes from one layout module (shared/common/rules/layout.ts):
 * the site's static pages, the pages functions render, the local stand-ins' pages and the
 * overlays. The pages are found from the tables that serve them (the function registry, the
 * local runtime's mounted routes, the files in web/), never listed by hand, so a page added
 * anywhere is checked here. A page carries the layout's mark on `<html>`; a page a person reads
 * has the site's footer; an overlay has none.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { functionRegistry } from '../../shared/registry';
import { localRoutes } from '../../scripts/reference-docs';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

const web = join(__dirname, '..', '..', 'web');
const someId = '900000000000000001';
const filled = (route: string) => route.replace(/:[a-zA-Z]+/g, someId);

/** `web/about.html` as `/about`, `web/index.html` as `/`, as Hosting's cleanUrls serve them. */
function webPaths(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return webPaths(path);
    if (!name.endsWith('.html')) return [];
    const page = `/${relative(web, path).replace(/\.html$/, '')}`;
    return [page === '/index' ? '/' : page];
  });
}

const functionPaths = functionRegistry.flatMap((f) => {
  if (f.kind !== 'http') return [];
  const route = filled(f.route);
  return f.subpaths ? [route, `${route}/${someId}`] : [route];
});

/** The local runtime's GET routes; a pattern (a regex, a `*rest`) stands for paths listed elsewhere. */
const localPaths = localRoutes()
  .filter((r) => (r.method === 'any' || r.method.split(', ').includes('GET')) && r.path.startsWith('/') && !/[*^$(]/.test(r.path))
  .map((r) => filled(r.path));

const everyPath = [...new Set([...webPaths(web), ...functionPaths, ...localPaths, '/no/such/page'])];

interface Served {
  path: string;
  html: string;
}

/** What a browser gets at each path, HTML pages only: a redirect, an event stream or JSON is let go unread. */
async function htmlPages(): Promise<Served[]> {
  const pages: Served[] = [];
  for (const path of everyPath) {
    const res = await fetch(`${rt.url}${path}`, { headers: { accept: 'text/html' }, redirect: 'manual' });
    const redirect = res.status >= 300 && res.status < 400;
    if (redirect || !(res.headers.get('content-type') ?? '').startsWith('text/html')) {
      await res.body?.cancel();
      continue;
    }
    pages.push({ path, html: await res.text() });
  }
  return pages;
}

describe('one layout for every page', () => {
  let pages: Served[];
  beforeAll(async () => {
    pages = await htmlPages();
  }, 120_000);

  it('finds the site’s pages, the overlays, the rendered pages and the stand-ins’ pages among what is served', () => {
    const served = new Set(pages.map((p) => p.path));
    const expected = [
      '/',
      '/about',
      '/overlay/auction',
      '/no/such/page',
      `/dashboard/${someId}`,
      `/groupbuy/${someId}`,
      `/queue/${someId}`,
      `/giveaway/${someId}`,
    ];
    const stubs = [`/_local/stripe/checkout/${someId}`, '/_local/twitch/authorize', '/_local/play'];
    expect([...expected, ...stubs].filter((path) => !served.has(path))).toEqual([]);
  });

  it('renders every HTML page with the layout module: its mark, and the footer where a person reads it', () => {
    const unmarked = pages.filter((p) => !/^<!doctype html>\n<html lang="en" data-layout="(page|overlay|app)">/.test(p.html)).map((p) => p.path);
    expect(unmarked).toEqual([]);
    const footers = (html: string) => (html.match(/<footer class="site-footer">/g) ?? []).length;
    for (const { path, html } of pages) {
      const variant = /data-layout="(\w+)"/.exec(html)?.[1];
      expect({ path, footers: footers(html) }).toEqual({ path, footers: variant === 'page' ? 1 : 0 });
    }
  });

  it('puts every overlay in web/overlay/ under the overlay variant, with no header over the stream', () => {
    const overlays = pages.filter((p) => p.path.startsWith('/overlay/'));
    expect(overlays.length).toBeGreaterThanOrEqual(5);
    for (const { html } of overlays) {
      expect(html).toContain('data-layout="overlay"');
      expect(html).not.toContain('class="site-header"');
    }
  });
});
