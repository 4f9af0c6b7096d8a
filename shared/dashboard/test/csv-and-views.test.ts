import { csvCell, csvNumber, csvOf } from '../rules/csv';
import { orderCsvHeader, orderCsvRow, orderRow, safeLink, stateOf, type ViewedOrder } from '../rules/order-views';
import { matchRoute } from '../routes';
import { cutStatusOf } from '../rules/host-views';
import { blockedCsv, hostPayoutsCsv } from '../rules/exports';
import { blockedWho, guildPage } from '../rules/pages/guild-page';
import type { BlockedBidder } from '../../auctions';
import type { HostPayout } from '../../payments';
import { anOrder } from '../../../test/support/orders';
import { counted } from './order-money-fixtures';

const order: ViewedOrder = counted(
  anOrder({
    orderId: 'o-0001',
    dropKind: 'commission',
    guildId: '900000000000000001',
    title: 'Lavender 65%, "lubed"',
    buyerId: '820000000000000001',
    buyerName: '=HYPERLINK("http://evil")',
    builderId: '810000000000000001',
    builderName: 'cleo',
    amountCents: 24_000,
    platformFeeCents: 2_400,
    builderShareCents: 21_600,
    status: 'building',
    createdAt: '2026-11-01T10:00:00.000Z',
    paidAt: '2026-11-01T10:05:00.000Z',
    checkoutUrl: 'https://checkout.stripe.com/secret-session',
    paymentIntentId: 'pi_secret',
    proof: { url: 'https://twitch.tv/cleobuilds', provedAt: '2026-11-02T10:00:00.000Z' },
    payouts: { builder: { transferId: 'tr_1', releasedAt: '2026-11-02T10:00:01.000Z' } },
  }),
  { sent: 21_600 },
);

describe('CSV cells', () => {
  it('quotes commas, quotes and line breaks, doubling quotes', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
  });

  it('keeps text a spreadsheet would run as a formula as text, but not amounts', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('@me')).toBe("'@me");
    expect(csvCell(csvNumber('-12.50'))).toBe('-12.50');
  });

  it('makes a header line and one line per row', () => {
    expect(
      csvOf(
        ['id', 'amount'],
        [
          ['a', csvNumber('1.00')],
          ['b', csvNumber('2.00')],
        ],
      ),
    ).toBe('id,amount\na,1.00\nb,2.00\n');
  });
});

describe('an order as the dashboard shows it', () => {
  it('groups statuses into the states a builder thinks in', () => {
    expect(stateOf('awaiting-payment')).toBe('awaiting-payment');
    expect(stateOf('paid')).toBe('waiting-for-proof');
    expect(stateOf('building')).toBe('released');
    expect(stateOf('shipped')).toBe('released');
    expect(stateOf('refunded')).toBe('refunded');
    expect(stateOf('expired')).toBe('expired');
  });

  it('shows its amounts and proof, and never its checkout link or payment id', () => {
    const row = orderRow(order);
    expect(row).toMatchObject({ amount: '$240.00', fee: '$24.00', share: '$216.00', released: '$216.00', proofUrl: 'https://twitch.tv/cleobuilds' });
    expect(JSON.stringify(row)).not.toMatch(/secret-session|pi_secret/);
  });

  it('writes a CSV line with plain amounts, its id and state, and a formula-looking name as text', () => {
    const line = csvOf(orderCsvHeader, [orderCsvRow(order)]).split('\n')[1] as string;
    expect(
      line.startsWith('o-0001,released,building,"Lavender 65%, ""lubed""",drop,"\'=HYPERLINK(""http://evil"")",usd,240.00,24.00,216.00,0.00,0.00,0.00,216.00,'),
    ).toBe(true);
    expect(line).not.toMatch(/secret-session|pi_secret/);
  });

  it('says what the proof’s link is: a clip, the VOD at its moment, or only the channel', () => {
    const provedAt = '2026-11-24T13:02:03Z';
    const clip = { ...order, proof: { kind: 'clip' as const, url: 'https://clips.twitch.tv/Abc', provedAt } };
    const vod = { ...order, proof: { kind: 'vod' as const, url: 'https://www.twitch.tv/videos/7?t=1h2m3s', vodOffsetSeconds: 3_723, provedAt } };
    expect(orderRow(clip)).toMatchObject({ proofUrl: 'https://clips.twitch.tv/Abc', proofLabel: 'Clip of the proof' });
    expect(orderRow(vod).proofLabel).toBe('VOD at 01:02:03');
    expect(orderRow(order).proofLabel).toBe('Channel only');
    expect(csvOf(orderCsvHeader, [orderCsvRow(vod)]).split('\n')[1]).toMatch(/,https:\/\/www\.twitch\.tv\/videos\/7\?t=1h2m3s,vod$/);
  });

  it('links only http(s) proof', () => {
    expect(safeLink('javascript:alert(1)')).toBeUndefined();
    expect(safeLink('data:text/html,x')).toBeUndefined();
    expect(safeLink('https://twitch.tv/x')).toBe('https://twitch.tv/x');
  });
});

describe('a host’s cut owed by hand', () => {
  const payout: HostPayout = {
    orderId: 'lot-order-1',
    showId: 'show1',
    guildId: '900000000000000001',
    hostId: '810000000000000005',
    hostName: 'Hana',
    amountCents: 1_500,
    currency: 'usd',
    status: 'owed',
    reason: 'no-account',
    releasedCents: 1_500,
    createdAt: '2026-11-20T12:00:00.000Z',
  };
  const lot = { status: 'building', payouts: { builder: {}, host: { via: 'manual' } } } as const;

  it('is owed until paid by hand', () => {
    expect(cutStatusOf(lot, payout)).toBe('owed by hand');
    expect(cutStatusOf(lot, { ...payout, status: 'paid-by-hand' })).toBe('paid by hand');
  });

  it('GIVEN refunds brought what is owed to nothing THEN it is owed no more, on the host’s page and in the guild’s CSV', () => {
    const refunded = { ...payout, amountCents: 0 };
    expect(cutStatusOf(lot, refunded)).toBe('none (refunded)');
    const [header, row] = hostPayoutsCsv([refunded])
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    expect(row?.[(header as string[]).indexOf('status')]).toBe('nothing-owed');
    expect(row?.[(header as string[]).indexOf('owed')]).toBe('0.00');
  });
});

describe('a guild’s blocked bidders as the dashboard shows them', () => {
  const blocked: BlockedBidder[] = [
    { key: 'twitch-login:sniper_bot', label: 'twitch.tv/sniper_bot', blockedBy: '800000000000000002', blockedAt: '2026-11-22T10:00:00.000Z' },
    { key: '820000000000000007', label: '<@820000000000000007>', blockedBy: '800000000000000001', blockedAt: '2026-11-20T10:00:00.000Z' },
  ];

  it('reads who a block names from its key: a Twitch login, or a Discord member’s id', () => {
    expect(blockedWho(blocked[0] as BlockedBidder)).toEqual({ kind: 'twitch', login: 'sniper_bot' });
    expect(blockedWho(blocked[1] as BlockedBidder)).toEqual({ kind: 'member', memberId: '820000000000000007' });
  });

  it('shows each blocked bidder with who blocked them and when, named where the page knows the name, beside a link to its CSV', () => {
    const frame = { title: 'Keebs', section: 'guild' as const, who: { displayName: 'Ana', adminGuilds: [], csrf: 'c' } };
    const html = guildPage(frame, {
      guild: { id: '900000000000000001', name: 'Keebs' },
      sales: [],
      salesNext: undefined,
      balances: [],
      payouts: [],
      waiting: [],
      strikes: [{ bidderId: '820000000000000007', bidderName: 'Sly Striker', orders: [], record: undefined }],
      blocked,
    });
    const panel = html.slice(html.indexOf('id="blocked"'));
    expect(panel).toContain('Blocked bidders');
    expect(panel).toContain('twitch.tv/sniper_bot');
    expect(panel).toContain('820000000000000007');
    expect(panel).toContain('Sly Striker');
    expect(panel).toContain('Discord member');
    expect(panel).toContain('800000000000000002');
    expect(panel).toContain('Nov 22, 2026');
    expect(html).toContain('href="/dashboard/guild/900000000000000001/blocked.csv"');
  });

  it('writes a CSV line per blocked bidder, and a key that looks like a formula as text', () => {
    const rows = blockedCsv([...blocked, { key: '=HYPERLINK("http://evil")', label: 'x', blockedBy: '+1', blockedAt: '2026-11-19T10:00:00.000Z' }])
      .trim()
      .split('\n');
    expect(rows[0]).toBe('kind,member_id,twitch_login,blocked_by_id,blocked_at');
    expect(rows[1]).toBe('twitch,,sniper_bot,800000000000000002,2026-11-22T10:00:00.000Z');
    expect(rows[2]).toBe('discord-member,820000000000000007,,800000000000000001,2026-11-20T10:00:00.000Z');
    expect(rows[3]).toBe(`discord-member,"'=HYPERLINK(""http://evil"")",,'+1,2026-11-19T10:00:00.000Z`);
  });
});

describe('the dashboard’s routes', () => {
  it.each([
    ['GET', '/dashboard', { page: 'overview' }],
    ['GET', '/dashboard/builder', { page: 'builder' }],
    ['HEAD', '/dashboard/racer', { page: 'racer' }],
    ['GET', '/dashboard/builder/orders.csv', { page: 'own-export', export: 'builder/orders' }],
    ['GET', '/dashboard/guild/900000000000000001', { page: 'guild', guildId: '900000000000000001' }],
    ['GET', '/dashboard/guild/900000000000000001/strikes.csv', { page: 'guild-export', guildId: '900000000000000001', export: 'strikes' }],
    ['GET', '/dashboard/guild/900000000000000001/blocked.csv', { page: 'guild-export', guildId: '900000000000000001', export: 'blocked' }],
    ['GET', '/dashboard/orders/o-0001', { page: 'order', orderId: 'o-0001' }],
    ['POST', '/dashboard/sign-out', { action: 'sign-out' }],
    ['POST', '/dashboard/guild/900000000000000001/host-payouts/o-0001/paid', { action: 'paid-by-hand', guildId: '900000000000000001', orderId: 'o-0001' }],
  ])('%s %s is %j', (method, path, route) => {
    expect(matchRoute(method, path)).toEqual({ ok: true, route });
  });

  it.each([
    '/dashboard/guild/abc',
    '/dashboard/guild/1',
    '/dashboard/orders/O_1',
    '/dashboard/orders/..%2f',
    '/dashboard/nope',
    '/dashboard/guild/900000000000000001/other.csv',
  ])('GIVEN an id of the wrong shape or no such page (%s) THEN it is not found', (path) => {
    expect(matchRoute('GET', path)).toEqual({ ok: false, status: 404 });
  });

  it('takes actions by POST only, and pages by GET only', () => {
    expect(matchRoute('GET', '/dashboard/sign-out')).toEqual({ ok: false, status: 405, allow: 'POST' });
    expect(matchRoute('POST', '/dashboard/builder')).toEqual({ ok: false, status: 405, allow: 'GET, HEAD' });
  });
});
