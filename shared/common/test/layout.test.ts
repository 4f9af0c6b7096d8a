import { escapeHtml } from '../rules/html-page';
import { bareShell, layoutMark, page, siteNav } from '../rules/layout';
import { messagePage, roundTripRefusal } from '../rules/message-page';

describe('the one layout every page is built on', () => {
  it('names the page and the site in its title, C500 Collective unless told otherwise, or the title alone', () => {
    const html = page({ title: 'Paid <3' }, '<p>ok</p>');
    expect(html).toMatch(/^<!doctype html>\n<html lang="en" data-layout="page">\n<head>\n/);
    expect(html).toContain('<title>Paid &lt;3 · C500 Collective</title>');
    expect(page({ title: 'Paid', site: 'Stripe stand-in' }, '')).toContain('<title>Paid · Stripe stand-in</title>');
    expect(page({ title: 'About us', site: null }, '')).toContain('<title>About us</title>');
  });

  it('keeps a rendered page out of search engines unless it says otherwise', () => {
    expect(page({ title: 'Paid' }, '')).toContain('<meta name="robots" content="noindex">');
    expect(page({ title: 'Paid', noindex: true }, '')).toContain('<meta name="robots" content="noindex">');
    expect(page({ title: 'Home', noindex: false }, '')).not.toContain('noindex');
  });

  it('adds extra head lines only when given, on a line of their own after the site’s stylesheet', () => {
    const plain = page({ title: 'Paid' }, '');
    expect(plain).toContain('<link rel="stylesheet" href="/styles.css">\n</head>');
    expect(page({ title: 'Paid', head: '<meta http-equiv="refresh" content="0">' }, '')).toContain(
      '<link rel="stylesheet" href="/styles.css">\n  <meta http-equiv="refresh" content="0">\n</head>',
    );
  });

  it('puts the header, then the page, then the footer in the body, with the site’s navigation unless given another', () => {
    const html = page({ title: 'Paid' }, '  <main id="main">ok</main>');
    expect(html).toMatch(
      /<body>\n {2}<a class="skip-link" href="#main">Skip to content<\/a>\n {2}<header class="site-header">[\s\S]*<\/header>\n {2}<main id="main">ok<\/main>\n {2}<footer class="site-footer">[\s\S]*<\/footer>\n<\/body>\n<\/html>\n$/,
    );
    expect(html).toContain(siteNav);
    expect(html).toContain('<p>C500 Collective, made with love for the keyboard community.</p>');
    expect(html).toContain('<a href="/privacy">Privacy</a> · <a href="/terms">Terms</a>');
    const own = page({ title: 'Dashboard', nav: '<nav id="own"></nav>', footer: 'Your ledger.' }, '');
    expect(own).toContain(
      '<a class="brand" href="/"><span class="brand-mark" aria-hidden="true">C500</span> C500 Collective</a>\n      <nav id="own"></nav>\n    </div>',
    );
    expect(own).not.toContain('aria-label="Main"');
    expect(own).toContain('<p>Your ledger.</p>');
  });

  it('gives a stand-in’s page no C500 header, and a footer saying whose stand-in it is', () => {
    const html = page({ title: 'Pay', standIn: 'Stripe <local>' }, '<main></main>');
    expect(html).not.toContain('<header');
    expect(html).toContain('<body>\n<main></main>\n  <footer class="site-footer">');
    expect(html).toContain('A local stand-in for Stripe &lt;local&gt;, played by this runtime: nothing here is real.');
  });

  it('gives an overlay and an app the shared head and their own lines, and no header or footer', () => {
    const html = bareShell('overlay', 'Lot & co', '  <style>x</style>', '  <section></section>');
    expect(html).toBe(
      '<!doctype html>\n<html lang="en" data-layout="overlay">\n<head>\n  <meta charset="utf-8">\n  <meta name="viewport" content="width=device-width, initial-scale=1">\n  <title>Lot &amp; co</title>\n  <link rel="icon" href="/favicon.svg" type="image/svg+xml">\n  <link rel="preload" href="/fonts/nunito-latin-wght-normal.woff2" as="font" type="font/woff2" crossorigin>\n  <link rel="stylesheet" href="/fonts/nunito.css">\n  <style>x</style>\n</head>\n<body>\n  <section></section>\n</body>\n</html>\n',
    );
    expect(bareShell('app', 'Play', '', '')).toContain(layoutMark('app'));
    expect(layoutMark('page')).toBe('data-layout="page"');
  });

  it('escapes the five characters HTML gives meaning to', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
  });

  it('shows a message page’s paragraphs one a line, with its head lines when given', () => {
    const { status, html } = messagePage(400, 'Oops', ['one', 'two'], '<meta name="x">');
    expect(status).toBe(400);
    expect(html).toContain('<h1>Oops</h1>\n        <p class="lede">one</p>\n        <p class="lede">two</p>\n');
    expect(html).toContain('\n  <meta name="x">\n</head>');
    expect(messagePage(200, 'Done', ['ok']).html).toContain('<link rel="stylesheet" href="/styles.css">\n</head>');
  });

  it('tells a person what went wrong on a Twitch round trip, and how to start again', () => {
    const again = 'Run /c500 twitch again.';
    const cases = [
      ['forged', 401, 'This link is not one C500 made', 'It may have been copied wrong or edited.'],
      ['expired', 400, 'This link has expired', 'Links to Twitch work for a short while only, to keep your account safe.'],
      ['missing-code', 400, 'Twitch did not finish', 'This page is opened by Twitch after you authorize C500, and it came without an answer from Twitch.'],
      ['code-refused', 400, 'Twitch did not accept this sign-in', 'Each link works once; this one may have been used already.'],
    ] as const;
    for (const [reason, status, heading, why] of cases) {
      const page = roundTripRefusal(reason, again);
      expect(page.status).toBe(status);
      expect(page.html).toContain(`<h1>${heading}</h1>\n        <p class="lede">${why}</p>\n        <p class="lede">${again}</p>\n      </div>`);
    }
  });
});
