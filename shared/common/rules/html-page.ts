/**
 * @module html-page
 * The few pages the functions themselves answer with (the Twitch callback, and the local
 * Stripe and Twitch stand-ins) are built on one skeleton, dressed like the site's pages:
 * its stylesheet, its font and its icon.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/**
 * How every page the site serves opens, up to its head's own lines: the doctype, charset,
 * viewport, title (plain text, escaped here), icon and the shipped font.
 */
export function pageOpening(title: string): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="preload" href="/fonts/nunito-latin-wght-normal.woff2" as="font" type="font/woff2" crossorigin>
  <link rel="stylesheet" href="/fonts/nunito.css">`;
}

/** The site's main navigation, as the pages in `web/` carry it. */
export const siteNav = `<nav class="site-nav" aria-label="Main">
        <ul>
          <li class="nav-home"><a href="/">Home</a></li>
          <li><a href="/#how-it-works">How it works</a></li>
          <li><a href="/#commands">Commands</a></li>
          <li><a href="/about">About</a></li>
        </ul>
      </nav>`;

/**
 * The header every page of the site opens with: the brand, home, and a navigation (the
 * site's, or a section's own such as the dashboard's). `nav` is trusted HTML.
 */
export function siteHeader(nav: string = siteNav): string {
  return `  <a class="skip-link" href="#main">Skip to content</a>
  <header class="site-header">
    <div class="wrap">
      <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">C500</span> C500 Collective</a>
      ${nav}
    </div>
  </header>`;
}

/** `title` is plain text (escaped here); `body` is trusted HTML its caller built with escapeHtml. */
export function htmlPage(page: { title: string; site?: string; head?: string; body: string }): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>${escapeHtml(page.title)} · ${escapeHtml(page.site ?? 'C500 Collective')}</title>
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/fonts/nunito.css">
  <link rel="stylesheet" href="/styles.css">${page.head ? `\n  ${page.head}` : ''}
</head>
<body>
${page.body}
</body>
</html>
`;
}

/**
 * A page that says one thing: a heading and a few paragraphs in the site's style (the OAuth
 * round trips' outcomes). `title` is plain text (escaped here); `paragraphs` are trusted HTML
 * the caller built.
 */
export function messagePage(status: number, title: string, paragraphs: readonly string[], head?: string): { status: number; html: string } {
  const body = `  <main id="main">
    <section class="lost">
      <div class="wrap">
        <h1>${escapeHtml(title)}</h1>
${paragraphs.map((p) => `        <p class="lede">${p}</p>`).join('\n')}
      </div>
    </section>
  </main>`;
  return { status, html: htmlPage({ title, body, ...(head ? { head } : {}) }) };
}

/** What a Twitch round trip that went wrong on the way says, whatever it was for; `again` says how to start over. */
export function roundTripRefusal(reason: 'forged' | 'expired' | 'missing-code' | 'code-refused', again: string): { status: number; html: string } {
  switch (reason) {
    case 'forged':
      return messagePage(401, 'This link is not one C500 made', ['It may have been copied wrong or edited.', again]);
    case 'expired':
      return messagePage(400, 'This link has expired', ['Links to Twitch work for a short while only, to keep your account safe.', again]);
    case 'missing-code':
      return messagePage(400, 'Twitch did not finish', [
        'This page is opened by Twitch after you authorize C500, and it came without an answer from Twitch.',
        again,
      ]);
    case 'code-refused':
      return messagePage(400, 'Twitch did not accept this sign-in', ['Each link works once; this one may have been used already.', again]);
  }
}
