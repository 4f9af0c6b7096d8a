/**
 * @module site-layout
 * The public site's one layout (as `web/about.html` has it: head, header, footer), for the
 * pages made from code. `renderSitePage` fills in the base URL when the page is served.
 */
export interface SitePage {
  readonly path: string;
  readonly title: string;
  readonly description: string;
  readonly body: string;
}

export function sitePageHtml(page: SitePage): string {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(page.title)}</title>
  <meta name="description" content="${escapeHtml(page.description)}">
  <meta name="theme-color" content="#ffc8a2">
  <meta property="og:type" content="website">
  <meta property="og:site_name" content="C500 Collective">
  <meta property="og:title" content="${escapeHtml(page.title)}">
  <meta property="og:description" content="${escapeHtml(page.description)}">
  <meta property="og:url" content="${page.path}">
  <meta property="og:image" content="/og-image.png">
  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
  <link rel="preload" href="/fonts/nunito-latin-wght-normal.woff2" as="font" type="font/woff2" crossorigin>
  <link rel="stylesheet" href="/fonts/nunito.css">
  <link rel="stylesheet" href="/styles.css">
</head>
<body>
  <a class="skip-link" href="#main">Skip to content</a>

  <header class="site-header">
    <div class="wrap">
      <a class="brand" href="/"><span class="brand-mark" aria-hidden="true">C500</span> C500 Collective</a>
      <nav class="site-nav" aria-label="Main">
        <ul>
          <li class="nav-home"><a href="/">Home</a></li>
          <li><a href="/#how-it-works">How it works</a></li>
          <li><a href="/#commands">Commands</a></li>
          <li><a href="/about">About</a></li>
        </ul>
      </nav>
    </div>
  </header>

  <main id="main">
    <section class="section">
      <div class="wrap prose">
${page.body}
      </div>
    </section>
  </main>

  <footer class="site-footer">
    <div class="wrap">
      <p>C500 Collective, made with love for the keyboard community.</p>
      <p><a href="/">Home</a> · <a href="/about">About</a> · <a href="/privacy">Privacy</a> · <a href="/terms">Terms</a></p>
    </div>
  </footer>
</body>
</html>
`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
