/**
 * @module site-layout
 * The public site's one layout: head, header, footer. The static pages in `web/` hold only
 * what is theirs (a `<!--site-page {…}-->` line naming title, description and path, then
 * what goes in `<main>`); `builtSitePage` dresses them in this layout where they are served
 * (the local runtime on the fly, `npm run hosting:config` into Hosting's copy), so no page
 * carries a copy of the header, footer or head that could drift from the others.
 */
import { escapeHtml } from './html-page';
import { page, siteNav } from './layout';
import { overlayPageHtml, parseOverlayPage } from './overlay-layout';

export interface SitePage {
  /** The page's path on the site (`/about`): its `og:url`, and the nav item marked current. */
  readonly path: string;
  readonly title: string;
  readonly description: string;
  /** What a link preview (Discord, social sites) says, when not the title and description. */
  readonly share?: { readonly title: string; readonly description: string };
  /** Pages a search engine should not list (a checkout's outcome, the 404). */
  readonly noindex?: boolean;
  /** The "Add to Discord" item in the navigation (the landing page). */
  readonly invite?: boolean;
  /** What goes in `<main id="main">`, trusted HTML. */
  readonly body: string;
}

const marker = /^<!--site-page (\{.*\})-->\n/;

/** A page as `web/` holds it: the line naming it, then its `<main>`. */
export function sitePageSource(page: SitePage): string {
  const { body, ...named } = page;
  return `<!--site-page ${JSON.stringify(named)}-->\n${body}`;
}

/** The page a `web/` file stands for, or undefined for a file that is a whole page already. */
export function parseSitePage(source: string): SitePage | undefined {
  const match = marker.exec(source);
  if (!match?.[1]) return undefined;
  return { ...(JSON.parse(match[1]) as Omit<SitePage, 'body'>), body: source.slice(match[0].length) };
}

/** A `web/` file as the site serves it: a page in the site's layout, an overlay under the overlays' head, any other as it is. */
export function builtSitePage(source: string): string {
  const page = parseSitePage(source);
  if (page) return sitePageHtml(page);
  const overlay = parseOverlayPage(source);
  return overlay ? overlayPageHtml(overlay) : source;
}

/** A `web/` page in the layout: its title as it stands, its description and share card in the head. */
export function sitePageHtml(site: SitePage): string {
  const share = site.share ?? { title: site.title, description: site.description };
  const head = `<meta name="description" content="${escapeHtml(site.description)}">
  <meta name="theme-color" content="#ffc8a2">
  <meta property="og:type" content="website">
  <meta property="og:site_name" content="C500 Collective">
  <meta property="og:title" content="${escapeHtml(share.title)}">
  <meta property="og:description" content="${escapeHtml(share.description)}">
  <meta property="og:url" content="${escapeHtml(site.path)}">
  <meta property="og:image" content="/og-image.png">
  <meta property="og:image:width" content="1200">
  <meta property="og:image:height" content="630">
  <meta property="og:image:alt" content="C500 Collective: handmade keyboards, built live, sold in Discord">
  <meta name="twitter:card" content="summary_large_image">
  <meta name="twitter:title" content="${escapeHtml(share.title)}">
  <meta name="twitter:description" content="${escapeHtml(share.description)}">
  <meta name="twitter:image" content="/og-image.png">`;
  return page({ title: site.title, site: null, noindex: site.noindex === true, nav: currentNav(site), head }, `  <main id="main">\n${site.body}\n  </main>\n`);
}

/** The site's navigation with this page's item marked, and the invite where the page asks. */
function currentNav(page: SitePage): string {
  const marked = siteNav.replace(`<a href="${page.path}">`, `<a href="${page.path}" aria-current="page">`);
  if (!page.invite) return marked;
  return marked.replace('        </ul>', '          <li><a class="nav-invite" href="/invite" data-invite>Add to Discord</a></li>\n        </ul>');
}
