/**
 * The pure rules erasure and export lean on for records split over a collection, open
 * obligations said plainly, and lists of other people's entries.
 */
import { erasureOf, exportPath, exportView, keptAfterErasure, keptWhileOpen, obligationEnded, wholeOf } from '../rules/member-data';
import { keptDocumentAt } from '../rules/kept-data';
import type { KeptDocument } from '../rules/kept-data-types';

const member = '811000000000000101';
const other = '811000000000000202';
const wallet = keptDocumentAt(`wallets/g1-${member}/shards/0`) as KeptDocument;
const order = keptDocumentAt('orders/o1') as KeptDocument;
const chunk = keptDocumentAt('auctions/a1/history/0000') as KeptDocument;
const auction = keptDocumentAt('auctions/a1') as KeptDocument;

describe('a record split over its collection, as one', () => {
  it('sums each number across the parts and keeps any other field as its first part has it', () => {
    expect(
      wholeOf([
        { racerId: member, currency: 'eur', pendingCents: 800, paidCents: 0 },
        { racerId: member, currency: 'usd', pendingCents: -500, paidCents: 500, racerName: 'Rae' },
      ]),
    ).toEqual({ racerId: member, currency: 'eur', pendingCents: 300, paidCents: 500, racerName: 'Rae' });
  });

  it('keeps a field that is not a number in its first part as it is, whatever later parts hold', () => {
    expect(wholeOf([{ note: 'first' }, { note: 3 }])).toEqual({ note: 'first' });
    expect(wholeOf([{ n: 2 }, { n: 'x' }, { n: 3 }])).toEqual({ n: 5 });
    expect(wholeOf([])).toEqual({});
  });
});

describe('a wallet’s obligation', () => {
  it('is open while anything is pending, owed to the racer or owed back, and only then', () => {
    expect(wallet.splitOverCollection).toBe(true);
    expect(wallet.stillOpen?.({ pendingCents: 1 })).toBe(true);
    expect(wallet.stillOpen?.({ pendingCents: -1 })).toBe(true);
    expect(wallet.stillOpen?.({ pendingCents: 0 })).toBe(false);
    expect(wallet.stillOpen?.({})).toBe(false);
    expect(keptWhileOpen(wallet, { pendingCents: 300 })).toBe(true);
    expect(obligationEnded(wallet, { pendingCents: 0 })).toBe(true);
  });
});

describe('what erasure says it keeps', () => {
  const queued = { buyerId: member, builderId: other, status: 'paid', commission: { ticket: 2 } };

  it('names a paid place in a queue, a wallet with money, and the payment record, each once', () => {
    const kept = keptAfterErasure(
      [
        { document: order, data: queued },
        { document: order, data: { ...queued, commission: { ticket: 3 } } },
        { document: wallet, data: { pendingCents: 800 }, whole: { pendingCents: 300 } },
      ],
      member,
    );
    expect(kept).toEqual([
      "a place in a builder's commission queue: kept until it is served or you leave it, then erased",
      order.about,
      'a wallet with money in it (or owed back): kept until it is paid out or settled, then only as a payment record',
    ]);
  });

  it('asks a split record’s whole, not its part: a wallet whose shards sum to zero is not open', () => {
    expect(keptAfterErasure([{ document: wallet, data: { pendingCents: 800 }, whole: { pendingCents: 0 } }], member)).toEqual([]);
    expect(keptAfterErasure([{ document: wallet, data: { pendingCents: 0 } }], member)).toEqual([]);
  });

  it('says a parcel to come for an order not in a queue, a delivery owed to a builder, and nothing open once it is done', () => {
    const parcel = { buyerId: member, builderId: other, status: 'paid' };
    expect(keptAfterErasure([{ document: order, data: parcel }], member)[0]).toBe(
      'an order not yet delivered, with its address: kept until it arrives or is refunded, then erased',
    );
    expect(keptAfterErasure([{ document: order, data: parcel }], other)[0]).toBe('an order you are still to deliver or be paid for: kept until it closes');
    expect(keptAfterErasure([{ document: order, data: { ...parcel, status: 'refunded' } }], member)).toEqual([order.about]);
  });

  it('names a record kept while open with no end of its own by what it is about', () => {
    expect(keptAfterErasure([{ document: auction, data: { builderId: member } }], member)).toEqual([auction.about]);
  });
});

describe('a bid history in a member’s export', () => {
  it('keeps the member’s own bids only, and leaves a history without a list of bids as it is', () => {
    const data = {
      bidderIds: [other, member],
      bids: [
        { bidderId: other, bidderName: 'Rik', amountCents: 8_500, maxCents: 20_000, leaderId: other },
        { bidderId: member, bidderName: 'Ada', amountCents: 9_000, maxCents: 9_000, leaderId: member },
      ],
    };
    expect(exportView(chunk, data, member)).toEqual({
      bidderIds: [member],
      bids: [{ bidderId: member, bidderName: 'Ada', amountCents: 9_000, maxCents: 9_000, leaderId: member }],
    });
    expect(exportView(chunk, { bidderIds: [member], bids: 'not a list' }, member)).toEqual({ bidderIds: [member], bids: 'not a list' });
  });
});

describe('a record’s path in a member’s export', () => {
  it('shows an id joined into a document’s id only when it is the member’s', () => {
    expect(exportPath(`debts/900000000000000001:${other}/debtEntries/e1`, member)).toBe('debts/900000000000000001:another member/debtEntries/e1');
    expect(exportPath(`wallets/900000000000000001-${member}/shards/3`, member)).toBe(`wallets/900000000000000001-${member}/shards/3`);
    expect(exportPath(`checkoutHolds/d1_${other}`, member)).toBe('checkoutHolds/d1_another member');
    expect(exportPath(`queuePrivacy/${member}`, member)).toBe(`queuePrivacy/${member}`);
    expect(exportPath('orders/o1-12345', member)).toBe('orders/o1-12345');
  });
});

describe('a channel’s chat-bidding consent', () => {
  const consent = keptDocumentAt('chatBidding/510000001');
  const owner = '811000000000000101';
  const admin = '811000000000000909';
  const data = { broadcasterId: '510000001', login: 'keebchannel', ownerId: owner, on: false, changedBy: admin, changedAt: '2026-11-01T00:00:00Z' };

  it('shows its owner the consent but not the admin who changed it, and the admin only their own part', () => {
    expect(exportView(consent as KeptDocument, data, owner)).not.toHaveProperty('changedBy');
    const asAdmin = exportView(consent as KeptDocument, data, admin);
    expect(asAdmin).toMatchObject({ changedBy: admin });
    expect(asAdmin).not.toHaveProperty('ownerId');
  });

  it('goes whole with its owner’s erasure, and loses only the admin’s id with theirs', () => {
    expect(erasureOf(consent as KeptDocument, data, owner, '510000001')).toEqual({ kind: 'delete' });
    const erased = erasureOf(consent as KeptDocument, data, admin, '510000001');
    expect(erased.kind).toBe('update');
    if (erased.kind === 'update')
      expect(erased.data).toEqual({ broadcasterId: '510000001', login: 'keebchannel', ownerId: owner, on: false, changedAt: '2026-11-01T00:00:00Z' });
  });
});
