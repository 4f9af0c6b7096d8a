import { auctionsCsv, balancesCsv, cutsCsv, hostPayoutsCsv, ledgerCsv, lotsCsv, payoutsCsv, salesCsv, strikesCsv, waitingCsv } from '../rules/exports';
import type { HostPayout } from '../../payments';
import type { Order } from '../../orders';
import type { RacerLine, Payout, SaleRecord, Wallet } from '../../races';
import { anOrder } from './dashboard-fixtures';
import { aHostPayout, aLot, aSale, aShow, anAuction, guildId } from './page-fixtures';
import { counted } from './order-money-fixtures';

const lines = (csv: string) => csv.split('\n');
const address = { name: 'Bo Private', line1: '1 Secret Lane', city: 'Springfield', postalCode: '12345', country: 'US' };
const privateData = /Bo Private|Secret Lane|Springfield|12345|bo@example\.com|checkout\.stripe|pi_secret/;

describe('the auctions CSV', () => {
  it('writes one line per auction: its result, the winner or the one it is offered to, and the price as a plain decimal', () => {
    const csv = auctionsCsv([
      {
        ...anAuction({
          auctionId: 'a1',
          item: 'Blue, "TKL"',
          status: 'paid',
          priceCents: 9_000,
          bidCount: 12,
          winner: { bidderId: 'b1', bidderName: 'Wes', priceCents: 9_000 },
          closedAt: '2026-11-15T18:11:00.000Z',
        }),
        showTitle: 'Friday keebs',
      },
      anAuction({
        auctionId: 'a2',
        status: 'awaiting-payment',
        currency: 'jpy',
        winner: { bidderId: 'b1', bidderName: 'Wes', priceCents: 9_000 },
        offer: { rank: 1, bidderId: 'b2', bidderName: '=Rae', priceCents: 8_000, orderId: 'o' },
      }),
      anAuction({ auctionId: 'a3', status: 'unsold', unsoldReason: 'reserve-not-met', priceCents: 500 }),
    ]);
    expect(lines(csv)).toEqual([
      'id,item,show,status,result,winner,currency,price,bids,started_at,closed_at',
      'a1,"Blue, ""TKL""",Friday keebs,paid,Sold for $90.00,Wes,usd,90.00,12,2026-11-15T18:00:00.000Z,2026-11-15T18:11:00.000Z',
      'a2,Lavender 65%,,awaiting-payment,"Won at 8,000 JPY, awaiting payment",\'=Rae,jpy,8000,0,2026-11-15T18:00:00.000Z,',
      'a3,Lavender 65%,,unsold,Unsold: reserve not met,,usd,,0,2026-11-15T18:00:00.000Z,',
      '',
    ]);
  });
});

describe('the show lots CSV', () => {
  it('writes one line per lot of every show, with its result (or why it was skipped), the winner, and the show’s date', () => {
    const csv = lotsCsv([
      {
        show: aShow({
          showId: 'sh1',
          startedAt: '2026-11-15T18:00:00.000Z',
          lots: [
            aLot({ lotId: 'l1', state: 'done', startCents: 2_000 }),
            aLot({ lotId: 'l2', state: 'done', item: 'Blue TKL', builderName: 'Eli' }),
            aLot({ lotId: 'l3', state: 'skipped', skippedBecause: 'the show ended' }),
            aLot({ lotId: 'l4', state: 'done', item: 'Nobody bid' }),
          ],
        }),
        auctions: {
          l1: anAuction({ auctionId: 'a1', status: 'paid', winner: { bidderId: 'b1', bidderName: 'Wes', priceCents: 4_500 } }),
          l2: anAuction({
            auctionId: 'a2',
            status: 'awaiting-payment',
            winner: { bidderId: 'b1', bidderName: 'Wes', priceCents: 9_000 },
            offer: { rank: 1, bidderId: 'b2', bidderName: 'Rae', priceCents: 8_000, orderId: 'o' },
          }),
          l4: anAuction({ auctionId: 'a4', status: 'unsold', unsoldReason: 'no-bids' }),
        },
      },
      {
        show: aShow({ showId: 'sh2', title: 'Euro night', status: 'planning', currency: 'eur', lots: [aLot({ lotId: 'l9', startCents: 1_050 })] }),
        auctions: {},
      },
    ]);
    expect(lines(csv)).toEqual([
      'show_id,show,show_status,lot_id,item,builder,lot_state,currency,opening,result,winner,show_date',
      'sh1,Friday keebs,ended,l1,Lavender 65%,Dee,done,usd,20.00,Sold for $45.00,Wes,2026-11-15T18:00:00.000Z',
      'sh1,Friday keebs,ended,l2,Blue TKL,Eli,done,usd,20.00,"Won at $80.00, awaiting payment",Rae,2026-11-15T18:00:00.000Z',
      'sh1,Friday keebs,ended,l3,Lavender 65%,Dee,skipped,usd,20.00,the show ended,,2026-11-15T18:00:00.000Z',
      'sh1,Friday keebs,ended,l4,Nobody bid,Dee,done,usd,20.00,Unsold: no bids,,2026-11-15T18:00:00.000Z',
      'sh2,Euro night,planning,l9,Lavender 65%,Dee,up-next,eur,10.50,,,2026-11-14T10:00:00.000Z',
      '',
    ]);
  });
});

describe('the host’s cuts CSV', () => {
  const lotOrder = (over: Partial<Order> & Pick<Order, 'orderId'>): Order =>
    anOrder({
      source: 'auction',
      showId: 'sh1',
      hostCutCents: 2_400,
      shippingAddress: address,
      checkoutUrl: 'https://checkout.stripe.com/x',
      paymentIntentId: 'pi_secret',
      ...over,
    });

  it('writes one line per lot’s order: price, cut, what was sent, how it stands, the transfer or what is owed by hand', () => {
    const payouts = new Map<string, HostPayout>([
      ['o-2', aHostPayout({ orderId: 'o-2', amountCents: 1_150, currency: 'usd' })],
      [
        'o-3',
        aHostPayout({
          orderId: 'o-3',
          status: 'paid-by-hand',
          amountCents: 700,
          currency: 'eur',
          paidByHand: { byUserId: 'u', byName: 'Ana', at: '2026-11-19T10:00:00.000Z', amountCents: 700, note: 'cash' },
        }),
      ],
    ]);
    const csv = cutsCsv(
      [
        counted(
          lotOrder({
            orderId: 'o-1',
            payouts: { builder: {}, host: { via: 'transfer', transferId: 'tr_h1', releasedAt: '2026-11-18T10:00:00.000Z' } },
            status: 'building',
          }),
          { hostSent: 2_400 },
        ),
        // Owed by hand and not yet paid: nothing went out, whatever the order's counter says.
        counted(lotOrder({ orderId: 'o-2', payouts: { builder: {}, host: { via: 'manual' } }, status: 'building' })),
        counted(
          lotOrder({
            orderId: 'o-3',
            payouts: { builder: {}, host: { via: 'manual' } },
            currency: 'eur',
            amountCents: 7_000,
            hostCutCents: 700,
            status: 'building',
          }),
          { hostByHand: 700 },
        ),
        counted(lotOrder({ orderId: 'o-4', status: 'awaiting-payment', hostCutCents: undefined })),
      ],
      payouts,
    );
    expect(lines(csv)).toEqual([
      'order_id,show_id,lot,builder,currency,price,host_cut,sent,status,transfer_id,owed_by_hand,paid_by_hand_at,created_at,released_at',
      'o-1,sh1,Lavender 65%,Dee,usd,240.00,24.00,24.00,transferred,tr_h1,,,2026-11-20T10:00:00.000Z,2026-11-18T10:00:00.000Z',
      'o-2,sh1,Lavender 65%,Dee,usd,240.00,24.00,0.00,owed by hand,,11.50,,2026-11-20T10:00:00.000Z,',
      'o-3,sh1,Lavender 65%,Dee,eur,70.00,7.00,7.00,paid by hand,,7.00,2026-11-19T10:00:00.000Z,2026-11-20T10:00:00.000Z,',
      'o-4,sh1,Lavender 65%,Dee,usd,240.00,0.00,0.00,not sold,,,,2026-11-20T10:00:00.000Z,',
      '',
    ]);
    expect(csv).not.toMatch(privateData);
    expect(csv).not.toContain('Bo');
  });
});

describe('the racer’s ledger and payouts CSVs', () => {
  it('writes one line per ledger entry with its signed amount as a plain decimal', () => {
    const entry = (over: Partial<RacerLine> & Pick<RacerLine, 'entryId' | 'kind' | 'amountCents'>): RacerLine => ({
      guildId,
      racerId: 'r1',
      currency: 'usd',
      at: '2026-11-10T10:00:00.000Z',
      ...over,
    });
    expect(
      lines(
        ledgerCsv([
          entry({ entryId: 'e1', kind: 'credit', amountCents: 1_050, lobbyId: 'l1', saleKey: 'kofi-1' }),
          entry({ entryId: 'e2', kind: 'payout', amountCents: -5_000, payoutId: 'p1', currency: 'jpy' }),
        ]),
      ),
    ).toEqual([
      'entry_id,guild_id,kind,race_id,currency,amount,at,sale,payout_id',
      `e1,${guildId},credit,l1,usd,10.50,2026-11-10T10:00:00.000Z,kofi-1,`,
      `e2,${guildId},payout,,jpy,-5000,2026-11-10T10:00:00.000Z,,p1`,
      '',
    ]);
  });

  it('writes one line per payout with how it went and its note, a note that looks like a formula as text', () => {
    const payout = (over: Partial<Payout> & Pick<Payout, 'payoutId'>): Payout => ({
      guildId,
      racerId: 'r1',
      amountCents: 5_000,
      currency: 'usd',
      paidBy: 'a1',
      at: '2026-11-12T10:00:00.000Z',
      method: 'stripe',
      status: 'sent',
      ...over,
    });
    expect(
      lines(
        payoutsCsv([payout({ payoutId: 'p1' }), payout({ payoutId: 'p2', method: 'by-hand', status: 'recorded', note: '=gift card', amountCents: 1_999 })]),
      ),
    ).toEqual([
      'payout_id,guild_id,currency,amount,method,status,at,note',
      `p1,${guildId},usd,50.00,stripe,sent,2026-11-12T10:00:00.000Z,`,
      `p2,${guildId},usd,19.99,by-hand,recorded,2026-11-12T10:00:00.000Z,'=gift card`,
      '',
    ]);
  });
});

describe('the guild’s CSVs', () => {
  it('writes one line per sale, with where it went, its rate, pool, refunds and reversals', () => {
    const sale = (over: Partial<SaleRecord> & Pick<SaleRecord, 'saleKey'>): SaleRecord & { raceTitle?: string } =>
      aSale({ paymentIntentId: 'pi_secret', ...over });
    const csv = salesCsv([
      { ...sale({ saleKey: 'kofi-1', lobbyId: 'l1', commissionBps: 1_250, refundedCents: 1_000, reversedCents: 125 }), raceTitle: 'Autumn, sprint' },
      sale({ saleKey: 'shopify-2', shop: 'shopify', attributedTo: 'house', poolCents: 0, currency: 'eur' }),
    ]);
    expect(lines(csv)).toEqual([
      'sale,shop,description,currency,amount,paid_at,attributed_to,race_id,race,rate,pool,refunded,reversed',
      'kofi-1,kofi,Race hoodie,usd,30.00,2026-11-10T10:00:00.000Z,race,l1,"Autumn, sprint",12.5%,3.00,10.00,1.25',
      'shopify-2,shopify,Race hoodie,eur,30.00,2026-11-10T10:00:00.000Z,house,,,,0.00,0.00,0.00',
      '',
    ]);
    expect(csv).not.toContain('pi_secret');
  });

  it('writes one line per racer’s balance, by the wallet’s name else the member’s', () => {
    const wallet = (over: Partial<Wallet> = {}): Wallet => ({
      guildId,
      racerId: 'r1',
      currency: 'usd',
      pendingCents: 1_234,
      paidCents: 5_000,
      earnedCents: 6_234,
      ...over,
    });
    expect(
      lines(
        balancesCsv([
          { racerId: 'r1', name: 'Member', wallet: wallet({ racerName: 'Racer Rex' }) },
          { racerId: 'r2', name: 'Only member', wallet: wallet({ currency: 'eur', pendingCents: -100 }) },
        ]),
      ),
    ).toEqual(['racer_id,racer,currency,pending,paid_out,earned', 'r1,Racer Rex,usd,12.34,50.00,62.34', 'r2,Only member,eur,-1.00,50.00,62.34', '']);
  });

  it('writes one line per host cut owed by hand, with who paid it by hand, when, how much and their note', () => {
    expect(
      lines(
        hostPayoutsCsv([
          aHostPayout({ orderId: 'o-1', reason: 'refused' }),
          aHostPayout({
            orderId: 'o-2',
            status: 'paid-by-hand',
            amountCents: 1_100,
            paidByHand: { byUserId: 'u', byName: 'Ana', at: '2026-11-19T10:00:00.000Z', amountCents: 1_050, note: 'cash, in person' },
          }),
          aHostPayout({ orderId: 'o-3', amountCents: 0 }),
        ]),
      ),
    ).toEqual([
      'order_id,show_id,host_id,host,currency,owed,reason,status,since,paid_by,paid_at,paid_amount,note',
      'o-1,sh1,840000000000000001,Hana,usd,12.00,refused,owed,2026-11-16T10:00:00.000Z,,,,',
      'o-2,sh1,840000000000000001,Hana,usd,11.00,no-account,paid-by-hand,2026-11-16T10:00:00.000Z,Ana,2026-11-19T10:00:00.000Z,10.50,"cash, in person"',
      'o-3,sh1,840000000000000001,Hana,usd,0.00,no-account,nothing-owed,2026-11-16T10:00:00.000Z,,,,',
      '',
    ]);
  });

  it('writes one line per order waiting for proof, with builder and buyer but never the buyer’s address or payment', () => {
    const csv = waitingCsv([
      anOrder({ orderId: 'o-1', shippingAddress: address, checkoutUrl: 'https://checkout.stripe.com/x', paymentIntentId: 'pi_secret' }),
      anOrder({ orderId: 'o-2', currency: 'jpy', amountCents: 2_400, buyerName: '@everyone' }),
    ]);
    expect(lines(csv)).toEqual([
      'order_id,title,builder_id,builder,buyer,currency,amount,paid_at',
      'o-1,Lavender 65%,810000000000000002,Dee,Bo,usd,240.00,2026-11-20T10:05:00.000Z',
      "o-2,Lavender 65%,810000000000000002,Dee,'@everyone,jpy,2400,2026-11-20T10:05:00.000Z",
      '',
    ]);
    expect(csv).not.toMatch(privateData);
  });

  it('writes one line per lapsed order of each struck bidder, with their strikes across servers and whether banned', () => {
    const lapsed = (orderId: string, amountCents: number) => ({
      orderId,
      title: 'Blue TKL',
      expiredAt: '2026-11-18T10:00:00.000Z',
      amountCents,
      currency: 'usd',
    });
    const csv = strikesCsv([
      { bidderId: 'b1', bidderName: 'Sly', orders: [lapsed('o-1', 1_000), lapsed('o-2', 2_050)], record: { strikes: 5, banned: true } },
      { bidderId: 'b2', bidderName: 'Nia', orders: [lapsed('o-3', 999)], record: undefined },
      { bidderId: 'b3', bidderName: 'Owen', orders: [lapsed('o-4', 1)], record: { strikes: 2, banned: false } },
      { bidderId: 'b4', bidderName: 'Nobody', orders: [], record: { strikes: 1, banned: false } },
    ]);
    expect(lines(csv)).toEqual([
      'bidder_id,bidder,order_id,item,currency,amount,lapsed_at,strikes_all_servers,banned',
      'b1,Sly,o-1,Blue TKL,usd,10.00,2026-11-18T10:00:00.000Z,5,yes',
      'b1,Sly,o-2,Blue TKL,usd,20.50,2026-11-18T10:00:00.000Z,5,yes',
      'b2,Nia,o-3,Blue TKL,usd,9.99,2026-11-18T10:00:00.000Z,1,no',
      'b3,Owen,o-4,Blue TKL,usd,0.01,2026-11-18T10:00:00.000Z,2,no',
      '',
    ]);
  });
});
