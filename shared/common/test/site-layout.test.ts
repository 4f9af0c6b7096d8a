import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { overlayPageHtml, parseOverlayPage } from '../rules/overlay-layout';
import { builtSitePage, parseSitePage, sitePageHtml, sitePageSource, type SitePage } from '../rules/site-layout';

const web = join(__dirname, '..', '..', '..', 'web');
/** The site's pages in web/: every .html but the OBS overlays, which are not pages of the site. */
const sitePages = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'overlay' ? [] : sitePages(path);
    return name.endsWith('.html') ? [relative(web, path)] : [];
  });

const about: SitePage = { path: '/about', title: 'About & more', description: 'What "C500" is.', body: '    <p>Hello</p>' };

describe('the site layout', () => {
  it.each(sitePages(web))('dresses %s, which holds no head, header, footer or style of its own', (file) => {
    const source = readFileSync(join(web, file), 'utf8');
    expect(parseSitePage(source)).toBeDefined();
    expect(source).not.toMatch(/<head>|<header|<footer|<link rel="stylesheet"|<html/);
    const page = builtSitePage(source);
    expect(page.match(/<header class="site-header">/g)).toHaveLength(1);
    expect(page.match(/<footer class="site-footer">/g)).toHaveLength(1);
  });

  it('puts the page in main, under its escaped title and description, with its own nav item marked', () => {
    const html = sitePageHtml(about);
    expect(html).toContain('<title>About &amp; more</title>');
    expect(html).toContain('<meta name="description" content="What &quot;C500&quot; is.">');
    expect(html).toContain('<main id="main">\n    <p>Hello</p>\n  </main>');
    expect(html).toContain('<a href="/about" aria-current="page">About</a>');
    expect(html.match(/aria-current/g)).toHaveLength(1);
  });

  it('shows the Add to Discord link and the noindex line only on the pages that ask for them', () => {
    expect(sitePageHtml(about)).not.toMatch(/nav-invite|noindex/);
    const landing = sitePageHtml({ ...about, path: '/', invite: true, noindex: true });
    expect(landing).toContain('<li><a class="nav-invite" href="/invite" data-invite>Add to Discord</a></li>');
    expect(landing).toContain('<meta name="robots" content="noindex">');
  });

  it('gives link previews their own words when the page has them', () => {
    const html = sitePageHtml({ ...about, share: { title: 'Share me', description: 'Seen in Discord' } });
    expect(html).toContain('<meta property="og:title" content="Share me">');
    expect(html).toContain('<meta name="twitter:description" content="Seen in Discord">');
  });

  it('reads back the page it wrote, and leaves a file that is a whole page as it is', () => {
    expect(parseSitePage(sitePageSource(about))).toEqual(about);
    const whole = '<!doctype html>\n<html><body>x</body></html>\n';
    expect(builtSitePage(whole)).toBe(whole);
  });
});

const overlays = readdirSync(join(web, 'overlay')).filter((name) => name.endsWith('.html'));

describe('the overlays’ one head', () => {
  it.each(overlays)('dresses overlay/%s, which holds no head, shared stylesheet or script tag of its own', (file) => {
    const source = readFileSync(join(web, 'overlay', file), 'utf8');
    expect(parseOverlayPage(source)).toBeDefined();
    expect(source).not.toMatch(/<head>|<html|<link |<script src=|<noscript>|box-sizing|font-family/);
    const page = builtSitePage(source);
    expect(page.match(/<script src="\/overlay\/overlay.js"><\/script>/g)).toHaveLength(1);
    expect(page.match(/<link rel="stylesheet" href="\/overlay\/overlay.css">/g)).toHaveLength(1);
    expect(page.indexOf('<style>')).toBeLessThan(page.indexOf('</head>'));
  });

  it('puts the overlay’s own rules in the head after the theme’s, and its card in the body', () => {
    const html = overlayPageHtml({ title: 'A & B', theme: 'bar', style: '  <style>.x {}</style>', body: '  <section id="card"></section>' });
    expect(html).toContain('<title>A &amp; B</title>');
    expect(html).toMatch(/href="\/overlay\/overlay.css">\n {2}<link rel="stylesheet" href="\/overlay\/bar.css">\n {2}<style>\.x \{\}<\/style>\n/);
    expect(html).toContain('<body>\n  <noscript>');
    expect(html).toContain('<p class="note" id="note" hidden></p>\n  <section id="card"></section>\n</body>');
  });

  it('writes a lot’s price and clock where an overlay asks for them, at the line’s indent, and nowhere else', () => {
    const html = overlayPageHtml({ title: 'Lot', style: '', body: '  <section>\n      <!--overlay-lot-->\n  </section>' });
    expect(html).toContain('  <section>\n      <div class="main">\n        <div class="lead">');
    expect(html).toContain('<span class="clock" id="clock">--:--</span>');
    expect(html).not.toContain('overlay-lot');
    expect(overlayPageHtml({ title: 'Bar', style: '', body: '  <section></section>' })).not.toContain('id="clock"');
  });

  it('writes a bar’s who, now and next columns where a bar overlay asks for them, each with the id its script fills', () => {
    const bar = {
      tag: 'QUEUE',
      title: 'builder',
      now: { label: 'Now <building>', line: 'now', step: 'step' },
      next: { label: 'Next', labelId: 'next-label', line: 'next', lineClass: 'count', step: 'count' },
    };
    const html = overlayPageHtml({ title: 'Bar', theme: 'bar', bar, style: '', body: '    <!--overlay-bar-->' });
    expect(html).toContain('    <section class="bar" id="bar" aria-live="polite" hidden>\n      <div class="who">\n        <span class="tag">QUEUE</span>');
    expect(html).toContain('<h1 class="builder" id="builder"></h1>');
    expect(html).toContain('<div class="now">\n        <span class="label">Now &lt;building&gt;</span>\n        <span class="line" id="now"></span>');
    expect(html).toContain(
      '<span class="label" id="next-label">Next</span>\n        <span class="line count" id="next"></span>\n        <span class="step" id="count"></span>',
    );
    expect(html).not.toContain('overlay-bar');
  });

  it('refuses a page that asks for a bar it does not describe, rather than leaving the marker in the page', () => {
    expect(() => overlayPageHtml({ title: 'Bar', theme: 'bar', style: '', body: '  <!--overlay-bar-->' })).toThrow(/overlay-bar/);
  });
});
