/**
 * @module html-page
 * The few pages the functions themselves answer with (the Twitch callback, and the local
 * Stripe and Twitch stand-ins) are built on one skeleton, dressed like the site's pages:
 * its stylesheet, its font and its icon.
 */

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
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
