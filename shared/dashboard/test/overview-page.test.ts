import { orderPage, overviewPage } from '../rules/pages/overview-page';
import { anOrder } from './dashboard-fixtures';
import { dash, panelOf, signedInFrame, time } from './page-html';
import { counted } from './order-money-fixtures';

/** The order page's facts as label -> cell HTML, in page order. */
const factsOf = (html: string): Record<string, string> =>
  Object.fromEntries([...html.matchAll(/<dt>(.*?)<\/dt><dd>(.*?)<\/dd>/gs)].map((m) => [m[1] as string, m[2] as string]));

const overview = (guilds: Array<{ id: string; name: string }>, rightsKnown = true) => overviewPage(signedInFrame('overview', 'Dashboard'), guilds, rightsKnown);

describe('the dashboard front page', () => {
  it('points to the builder, host, racer and debts pages, each a card with its title and what it holds', () => {
    const html = overview([]);
    expect(html).toContain('<h1>Your C500 dashboard</h1>');
    const cards = [...html.matchAll(/<li class="card"><h3><a href="([^"]*)">(.*?)<\/a><\/h3><p>(.*?)<\/p><\/li>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(cards).toEqual([
      ['/dashboard/builder', 'Builder', 'Orders by state, what is held and released each week, auction and show results, your Stripe payouts.'],
      ['/dashboard/host', 'Host', 'The shows you ran, every lot, your cut: transferred, or owed by hand.'],
      ['/dashboard/racer', 'Racer', 'Each race’s commissions, the reversals refunds made, and your payouts.'],
      ['/dashboard/debts', 'What you owe', 'Refunds and disputes after your money went out that Stripe could not take back, and how they were paid.'],
    ]);
  });

  it('links each server the person administers to its page, by id and name', () => {
    const servers = panelOf(
      overview([
        { id: '900000000000000001', name: 'Keebs' },
        { id: '900000000000000002', name: 'Cats & Keys' },
      ]),
      'servers',
    );
    expect(servers).toContain(
      '<ul class="server-list"><li><a class="button secondary" href="/dashboard/guild/900000000000000001">Keebs</a></li><li><a class="button secondary" href="/dashboard/guild/900000000000000002">Cats &amp; Keys</a></li></ul>',
    );
    expect(servers).not.toContain('class="empty"');
    expect(servers).not.toContain('class="notice"');
  });

  it('says the person administers no server when Discord lists none', () => {
    const servers = panelOf(overview([]), 'servers');
    expect(servers).toContain('<p class="empty">Discord says you administer no server, so there is no server page for you.</p>');
    expect(servers).not.toContain('server-list');
  });

  it('says Discord did not answer, instead of listing servers, when the rights are unknown', () => {
    const servers = panelOf(overview([{ id: '900000000000000001', name: 'Keebs' }], false), 'servers');
    expect(servers).toContain('<p class="notice">Discord did not answer just now, so your servers are not listed. Reload in a moment.</p>');
    expect(servers).not.toContain('Keebs');
    expect(servers).not.toContain('class="empty"');
  });
});

describe("an order's page", () => {
  const order = counted(anOrder({ orderId: 'o-0001', hostCutCents: 1_200 }));

  it('shows its builder every amount, in order, with the dates', () => {
    const facts = factsOf(orderPage(signedInFrame('order'), order, 'builder'));
    expect(Object.keys(facts)).toEqual([
      'Order',
      'Item',
      'State',
      'Builder',
      'Buyer',
      'Price',
      'Platform fee',
      'Builder’s share',
      'Host’s cut',
      'Held',
      'Released',
      'Refunded',
      'Proof of work',
      'Ordered',
      'Paid',
      'Released on',
      'Shipped',
      'Ship to',
      'Tracking',
      'Received',
    ]);
    expect(facts['Order']).toBe('<code class="id">o-0001</code>');
    expect(facts['Item']).toBe('Lavender 65%');
    expect(facts['State']).toBe('<span class="pill" data-status="waiting-for-proof">Paid, waiting for proof</span>');
    expect(facts['Builder']).toBe('Dee');
    expect(facts['Buyer']).toBe('Bo');
    expect(facts['Price']).toBe('$240.00');
    expect(facts['Platform fee']).toBe('$24.00');
    expect(facts['Host’s cut']).toBe('$12.00');
    expect(facts['Refunded']).toBe(dash);
    expect(facts['Proof of work']).toBe(dash);
    expect(facts['Ordered']).toBe(time('2026-11-20T10:00:00.000Z', 'Nov 20, 2026'));
    expect(facts['Paid']).toBe(time('2026-11-20T10:05:00.000Z', 'Nov 20, 2026'));
    expect(facts['Shipped']).toBe(dash);
  });

  it('shows its buyer what they paid and where it stands, without the fee, shares or address', () => {
    const facts = factsOf(orderPage(signedInFrame('order'), counted(anOrder({ orderId: 'o-0001', shippingCents: 1_500, tracking: '1Z999' })), 'buyer'));
    expect(Object.keys(facts)).toEqual([
      'Order',
      'Item',
      'State',
      'Builder',
      'Buyer',
      'Price',
      'Refunded',
      'Proof of work',
      'Ordered',
      'Paid',
      'Released on',
      'Shipped',
      'Shipping paid',
      'Tracking',
      'Received',
    ]);
    expect(facts['Shipping paid']).toBe('$15.00');
    expect(facts['Tracking']).toContain('1Z999');
  });

  it('shows a host or an admin the amounts but neither the address nor the tracking', () => {
    for (const access of ['host', 'admin'] as const) {
      const facts = factsOf(orderPage(signedInFrame('order'), counted(anOrder({ orderId: 'o-0001', tracking: '1Z999' })), access));
      expect(Object.keys(facts).slice(-6)).toEqual(['Proof of work', 'Ordered', 'Paid', 'Released on', 'Shipped', 'Received']);
      expect(facts['Platform fee']).toBe('$24.00');
      expect(facts['Ship to']).toBeUndefined();
      expect(facts['Tracking']).toBeUndefined();
      expect(facts['Shipping paid']).toBeUndefined();
      expect(facts['Received']).toBe(dash);
    }
  });

  it('shows what refunds took as the journal has it, in the order’s currency', () => {
    const facts = factsOf(orderPage(signedInFrame('order'), counted(anOrder({ orderId: 'o-0001', currency: 'eur' }), { refunded: 5_000 }), 'buyer'));
    expect(facts['Refunded']).toBe('50.00 EUR');
  });

  it('links the proof of work with what the link is', () => {
    const facts = factsOf(
      orderPage(
        signedInFrame('order'),
        counted(anOrder({ orderId: 'o-0001', proof: { url: 'https://clips.twitch.tv/abc', kind: 'clip', provedAt: '2026-11-20T11:00:00.000Z' } })),
        'buyer',
      ),
    );
    expect(facts['Proof of work']).toBe(
      'Clip of the proof: <a href="https://clips.twitch.tv/abc" rel="noopener noreferrer" target="_blank">https://clips.twitch.tv/abc</a>',
    );
  });

  it('gives its builder the address with a packing slip link, and no slip when there is no address', () => {
    const address = { name: 'Bo Private', line1: '1 Secret Lane', city: 'Springfield', postalCode: '12345', country: 'US' };
    const withAddress = factsOf(orderPage(signedInFrame('order'), counted(anOrder({ orderId: 'o-0001', shippingAddress: address })), 'builder'));
    expect(withAddress['Ship to']).toBe(
      '<address class="ship-to">Bo Private<br>1 Secret Lane<br>Springfield 12345<br>US</address> <a class="button secondary no-print" href="/dashboard/builder/orders/o-0001/slip">Packing slip</a>',
    );
    const without = factsOf(orderPage(signedInFrame('order'), counted(anOrder({ orderId: 'o-0001' })), 'builder'));
    expect(without['Ship to']).toBe('<span class="hint">No address: pick-up, or arranged with the buyer.</span>');
  });
});
