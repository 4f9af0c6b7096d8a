import { dashboardPage, dateCell, messagePage, pager, panel, table, type Frame } from '../rules/pages/layout';
import { dash, signedInFrame } from './page-html';

const signedOut: Frame = { title: 'Sign in', section: 'overview' };

describe('the dashboard frame', () => {
  it('shows a signed-in person the five sections (Your data among them), the current one marked, and a sign-out form with the CSRF token', () => {
    const html = dashboardPage(signedInFrame('host'), '<p>body</p>');
    expect(html).toContain(
      '<nav class="site-nav dash-nav" aria-label="Dashboard"><ul><li><a href="/dashboard">Overview</a></li><li><a href="/dashboard/builder">Builder</a></li><li><a href="/dashboard/host" aria-current="page">Host</a></li><li><a href="/dashboard/racer">Racer</a></li><li><a href="/dashboard/me">Your data</a></li><li><form method="post" action="/dashboard/sign-out" class="inline-form"><input type="hidden" name="csrf" value="csrf-token"><button class="link-button" type="submit">Sign out</button></form></li></ul></nav>',
    );
  });

  it('marks the overview as current on the front page and no section on an order page', () => {
    expect(dashboardPage(signedInFrame('overview'), '')).toContain(
      '<li><a href="/dashboard" aria-current="page">Overview</a></li><li><a href="/dashboard/builder">Builder</a></li>',
    );
    expect(dashboardPage(signedInFrame('order'), '')).not.toContain('aria-current');
  });

  it('says who is signed in, escaped, and loads the dashboard stylesheet', () => {
    const html = dashboardPage({ ...signedInFrame('builder'), who: { displayName: 'Ana <3', adminGuilds: [], csrf: 't' } }, '');
    expect(html).toContain('<p class="signed-in">Signed in with Discord as <strong>Ana &lt;3</strong></p>');
    expect(html).toContain('<link rel="stylesheet" href="/dashboard.css">');
  });

  it('shows a signed-out browser no navigation, no signed-in line and no notice: only the body', () => {
    const html = dashboardPage(signedOut, '<p>body</p>');
    expect(html).not.toContain('<nav');
    expect(html).toMatch(/<\/a>\s*<\/div>\s*<\/header>/);
    expect(html).toMatch(/<main id="main" class="dashboard">\s*<div class="wrap">\s*<p>body<\/p>\s*<\/div>\s*<\/main>/);
  });

  it('shows the last action’s notice, escaped, as a status line', () => {
    expect(dashboardPage({ ...signedOut, notice: 'Saved <all>' }, '')).toContain('<p class="notice" role="status">Saved &lt;all&gt;</p>');
  });
});

describe('a dashboard table', () => {
  it('labels each cell with its column, right-aligns numeric columns, one row a line', () => {
    const html = table(
      'Orders',
      [
        { label: 'Item', cell: (r: { item: string; price: string }) => r.item },
        { label: 'Price', cell: (r) => r.price, numeric: true },
      ],
      [
        { item: 'Keys', price: '$1.00' },
        { item: 'Case', price: '$2.00' },
      ],
      'No orders.',
    );
    expect(html).toBe(
      '<table class="ledger"><caption class="visually-hidden">Orders</caption><thead><tr><th scope="col">Item</th><th scope="col" class="num">Price</th></tr></thead><tbody>' +
        '<tr><td data-label="Item"><span class="cell">Keys</span></td><td data-label="Price" class="num"><span class="cell">$1.00</span></td></tr>\n' +
        '<tr><td data-label="Item"><span class="cell">Case</span></td><td data-label="Price" class="num"><span class="cell">$2.00</span></td></tr></tbody></table>',
    );
  });
});

describe('a date cell', () => {
  it('shows a dash when there is no date or it cannot be read', () => {
    expect(dateCell(undefined)).toBe(dash);
    expect(dateCell('not a date')).toBe(dash);
  });
});

describe('the pager, panels and message pages', () => {
  it('shows no pager on the last page', () => {
    expect(pager('/dashboard/builder', {}, undefined)).toBe('');
  });

  it('shows a panel’s actions only when it has some', () => {
    expect(panel('orders', 'Orders', '<p>x</p>')).toBe(
      '<section class="dash-panel" aria-labelledby="orders"><div class="panel-head"><h2 id="orders">Orders</h2></div><p>x</p></section>',
    );
    expect(panel('orders', 'Orders', '', '<a>csv</a>')).toContain('<h2 id="orders">Orders</h2><div class="panel-actions"><a>csv</a></div></div>');
  });

  it('writes each line of a message page as a paragraph, with its action button when there is one', () => {
    const withAction = messagePage(signedOut, 'Not found', ['No such order.', 'Check the link.'], { href: '/dashboard?x=1&y=2', label: 'Back' });
    expect(withAction).toContain(
      '<section class="lost"><h1>Not found</h1><p class="lede">No such order.</p><p class="lede">Check the link.</p><div class="actions"><a class="button" href="/dashboard?x=1&amp;y=2">Back</a></div></section>',
    );
    expect(messagePage(signedOut, 'Signed out', ['Bye.'])).toContain('<section class="lost"><h1>Signed out</h1><p class="lede">Bye.</p></section>');
  });
});
