import { htmlPage, messagePage, roundTripRefusal } from '../rules/html-page';

describe('the pages the functions answer with', () => {
  it('names the page and the site in its title, C500 Collective unless told otherwise', () => {
    const page = htmlPage({ title: 'Paid <3', body: '<p>ok</p>' });
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('<title>Paid &lt;3 · C500 Collective</title>');
    expect(page).toContain('<body>\n<p>ok</p>\n</body>');
    expect(htmlPage({ title: 'Paid', site: 'Stripe stand-in', body: '' })).toContain('<title>Paid · Stripe stand-in</title>');
  });

  it('adds extra head lines only when given, on a line of their own', () => {
    const plain = htmlPage({ title: 'Paid', body: '' });
    expect(plain).toContain('<link rel="stylesheet" href="/styles.css">\n</head>');
    expect(htmlPage({ title: 'Paid', body: '', head: '<meta http-equiv="refresh" content="0">' })).toContain(
      '<link rel="stylesheet" href="/styles.css">\n  <meta http-equiv="refresh" content="0">\n</head>',
    );
  });

  it('shows a message page’s paragraphs one a line, with its head lines when given', () => {
    const { status, html } = messagePage(400, 'Oops', ['one', 'two'], '<meta name="x">');
    expect(status).toBe(400);
    expect(html).toContain('<h1>Oops</h1>\n        <p class="lede">one</p>\n        <p class="lede">two</p>\n');
    expect(html).toContain('\n  <meta name="x">\n</head>');
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
