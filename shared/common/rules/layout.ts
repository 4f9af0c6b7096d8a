/**
 * @module layout
 * The one skeleton of every HTML page the product serves: the site's static pages
 * (`site-layout`), the pages functions render (group buys, queues, giveaways, the dashboard,
 * the OAuth outcomes), the local stand-ins' pages, and the OBS overlays (`overlay-layout`).
 * A new page is one call: `page({ title }, main)`.
 *
 * A page a person reads carries the head (charset, viewport, icon, font, the site's
 * stylesheet), the site's header and a footer; an overlay carries the head alone, since OBS
 * shows it over a stream, and so does the local playground, which draws Discord's chrome
 * itself. The `<html>` element names which (`data-layout`), so a test can
 * tell that a page came from here and not from a copy.
 */
import { escapeHtml } from './html-page';

/**
 * `page`: a page a person reads, with header and footer. `overlay`: an OBS overlay, drawn
 * over a stream. `app`: a window a script fills whole (the local playground), which draws
 * its own chrome.
 */
export type LayoutVariant = 'page' | 'overlay' | 'app';

/** The attribute every page built here opens with: a page without it was built elsewhere. */
export const layoutMark = (variant: LayoutVariant): string => `data-layout="${variant}"`;

export interface PageFrame {
  /** Plain text (escaped here). */
  readonly title: string;
  /** What follows the title after a dot; `null` when the title says it already (the site's pages). */
  readonly site?: string | null;
  /** Extra head lines (stylesheets, meta), trusted HTML. */
  readonly head?: string;
  /** Pages a search engine should not list; every rendered page is someone's, so by default. */
  readonly noindex?: boolean;
  /** The header's navigation, trusted HTML: the site's unless a section has its own (the dashboard). */
  readonly nav?: string;
  /** The footer's first line, trusted HTML. */
  readonly footer?: string;
  /**
   * A local stand-in's page (the local Stripe or Twitch): no C500 header, since the real
   * service's page has none, and a footer saying whose stand-in it is.
   */
  readonly standIn?: string;
}

/** The doctype, the marked `<html>` and the head's lines every page shares, up to its own. */
function opening(variant: LayoutVariant, title: string): string {
  return `<!doctype html>
<html lang="en" ${layoutMark(variant)}>
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="preload" href="/fonts/nunito-latin-wght-normal.woff2" as="font" type="font/woff2" crossorigin>
  <link rel="stylesheet" href="/fonts/nunito.css">`;
}

/** The site's main navigation. */
export const siteNav = `<nav class="site-nav" aria-label="Main">
        <ul>
          <li class="nav-home"><a href="/">Home</a></li>
          <li><a href="/#how-it-works">How it works</a></li>
          <li><a href="/#commands">Commands</a></li>
          <li><a href="/about">About</a></li>
        </ul>
      </nav>`;

function header(nav: string): string {
  return `  <a class="skip-link" href="#main">Skip to content</a>
  <header class="site-header">
    <div class="wrap">
      <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">C500</span> C500 Collective</a>
      ${nav}
    </div>
  </header>`;
}

export const defaultFooterLine = 'C500 Collective, made with love for the keyboard community.';

function footer(line: string): string {
  return `  <footer class="site-footer">
    <div class="wrap">
      <p>${line}</p>
      <p><a href="/">Home</a> · <a href="/about">About</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
    </div>
  </footer>`;
}

function standInFooter(service: string): string {
  return `  <footer class="site-footer">
    <div class="wrap"><p>A local stand-in for ${escapeHtml(service)}, played by this runtime: nothing here is real.</p></div>
  </footer>`;
}

/** A page a person reads; `main` is what goes between header and footer (its `<main>`), trusted HTML. */
export function page(frame: PageFrame, main: string): string {
  const site = frame.site === undefined ? 'C500 Collective' : frame.site;
  const title = site === null ? frame.title : `${frame.title} · ${site}`;
  const top = frame.standIn === undefined ? `${header(frame.nav ?? siteNav)}\n` : '';
  const bottom = frame.standIn === undefined ? footer(frame.footer ?? defaultFooterLine) : standInFooter(frame.standIn);
  return `${opening('page', title)}${frame.noindex === false ? '' : '\n  <meta name="robots" content="noindex">'}
  <link rel="stylesheet" href="/styles.css">${frame.head ? `\n  ${frame.head}` : ''}
</head>
<body>
${top}${main}
${bottom}
</body>
</html>
`;
}

/** An overlay or an app: the shared head and `head`'s lines, then `body`; no header or footer of the site's. */
export function bareShell(variant: Exclude<LayoutVariant, 'page'>, title: string, head: string, body: string): string {
  return `${opening(variant, title)}
${head}
</head>
<body>
${body}
</body>
</html>
`;
}
