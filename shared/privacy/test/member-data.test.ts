/**
 * What a member's export shows and what erasure leaves of one document, by the table's words,
 * on a made-up document that has every kind of field the table names: an owner, a list of
 * ids, a map keyed by ids, a list of seats each with an id and a name, a note about the owner
 * and an address kept while an obligation is open.
 */
import { belongsTo, erasedName, erasureOf, exportView, idsOn, keptAfterErasure, keptWhileOpen, someoneElse } from '../rules/member-data';
import type { KeptDocument } from '../rules/kept-data-types';
import { memberId, memberName } from '../rules/kept-data-words';

const me = '811000000000000101';
const you = '811000000000000202';

const thing: KeptDocument = {
  type: 'Thing',
  path: 'things/<id>',
  about: 'a thing',
  sharedWith: [],
  basis: 'contract',
  findBy: ['ownerId', 'memberIds[]', '(id)'],
  stillOpen: (data) => data.status === 'open',
  facts: [
    memberId(['ownerId', 'memberIds[]', 'shares.*', 'seats[].userId'], 'to run it', [], 'kept-by-law'),
    memberName(['ownerName'], 'ownerId', []),
    memberName(['seats[].name'], 'userId', []),
    { fields: ['note'], what: 'a note', of: 'ownerId', purpose: 'p', seenBy: [], keptFor: 'k', endedBy: 'e', onErasure: 'erased' },
    { fields: ['address.line1'], what: 'an address', of: 'ownerId', purpose: 'p', seenBy: [], keptFor: 'k', endedBy: 'e', onErasure: 'kept-while-open' },
  ],
};

const data = () => ({
  status: 'open',
  ownerId: me,
  ownerName: 'Ada',
  memberIds: [me, you],
  shares: { [me]: 5, [you]: 7 },
  seats: [
    { userId: me, name: 'Ada' },
    { userId: you, name: 'Bo' },
  ],
  note: 'Ada’s note',
  address: { line1: '1 Keycap Lane' },
});

describe('whose a document is', () => {
  it('is the member’s when a findBy field holds their id, a findBy list contains it, or it is the document’s own id', () => {
    expect(belongsTo(thing, { ownerId: me }, me, 'x')).toBe(true);
    expect(belongsTo(thing, { ownerId: you, memberIds: [you, me] }, me, 'x')).toBe(true);
    expect(belongsTo(thing, { ownerId: you }, me, me)).toBe(true);
  });

  it('is not theirs otherwise, with a list missing or holding others only', () => {
    expect(belongsTo(thing, { ownerId: you }, me, 'x')).toBe(false);
    expect(belongsTo(thing, { ownerId: you, memberIds: [you] }, me, 'x')).toBe(false);
    expect(belongsTo({ ...thing, findBy: undefined }, { ownerId: me }, me, me)).toBe(false);
  });
});

describe('a member’s export of a document', () => {
  it('shows the owner everything of theirs, and of the others only that someone else is there', () => {
    expect(exportView(thing, data(), me)).toEqual({
      status: 'open',
      ownerId: me,
      ownerName: 'Ada',
      memberIds: [me],
      shares: { [me]: 5 },
      seats: [{ userId: me, name: 'Ada' }, { userId: someoneElse }],
      note: 'Ada’s note',
      address: { line1: '1 Keycap Lane' },
    });
  });

  it('shows another member on it neither the owner’s name, note nor address', () => {
    expect(exportView(thing, data(), you)).toEqual({
      status: 'open',
      ownerId: someoneElse,
      memberIds: [you],
      shares: { [you]: 7 },
      seats: [{ userId: someoneElse }, { userId: you, name: 'Bo' }],
      address: {},
    });
  });

  it('reads as the product’s words for the people it hides', () => {
    expect(someoneElse).toBe('another member');
    expect(erasedName).toBe('a former member');
  });
});

describe('what erasure leaves of a document', () => {
  it('removes the owner’s name everywhere and what goes at once, and keeps the address while the obligation is open', () => {
    expect(erasureOf(thing, data(), me, 'x')).toEqual({
      kind: 'update',
      data: {
        ...data(),
        ownerName: erasedName,
        seats: [
          { userId: me, name: erasedName },
          { userId: you, name: 'Bo' },
        ],
        note: undefined,
      },
    });
    const erased = erasureOf(thing, data(), me, 'x');
    expect(erased.kind === 'update' && 'note' in erased.data).toBe(false);
  });

  it('takes the address too once the obligation has ended, asked of the whole when told', () => {
    const closed = { ...data(), status: 'closed' };
    const erased = erasureOf(thing, closed, me, 'x');
    expect(erased.kind === 'update' && erased.data).not.toHaveProperty('address');
    const stillOpenAsAWhole = erasureOf(thing, closed, me, 'x', { status: 'open' });
    expect(stillOpenAsAWhole.kind === 'update' && stillOpenAsAWhole.data).toHaveProperty('address');
  });

  it('for another member on it, removes only their name: the owner’s note and address stay', () => {
    const erased = erasureOf(thing, data(), you, 'x');
    expect(erased).toEqual({
      kind: 'update',
      data: {
        ...data(),
        seats: [
          { userId: me, name: 'Ada' },
          { userId: you, name: erasedName },
        ],
      },
    });
  });

  it('changes nothing when nothing of the member is on it, or was already erased', () => {
    expect(erasureOf(thing, { ownerId: you, ownerName: 'Bo' }, me, 'x')).toEqual({ kind: 'unchanged' });
    expect(erasureOf(thing, { ownerId: me, ownerName: erasedName, status: 'open' }, me, 'x')).toEqual({ kind: 'unchanged' });
  });

  it('deletes a document that is the member’s alone and all of whose facts go at once, and no other', () => {
    const choice: KeptDocument = { ...thing, findBy: ['ownerId'], facts: [memberId(['ownerId'], 'p', [], 'erased')] };
    expect(erasureOf(choice, { ownerId: me }, me, 'x')).toEqual({ kind: 'delete' });
    expect(erasureOf(choice, { ownerId: you }, me, 'x')).toEqual({ kind: 'unchanged' });
    expect(erasureOf({ ...choice, findBy: ['ownerId', 'memberIds[]'] }, { ownerId: me, memberIds: [me] }, me, 'x')).not.toEqual({ kind: 'delete' });
    expect(erasureOf({ ...choice, facts: [...choice.facts, memberName(['ownerName'], 'ownerId', [])] }, { ownerId: me, ownerName: 'Ada' }, me, 'x')).toEqual({
      kind: 'update',
      data: { ownerId: me, ownerName: erasedName },
    });
  });
});

describe('what erasure leaves of a list of standing entries (a lot’s pre-bids)', () => {
  const preBids: KeptDocument = {
    type: 'PreBids',
    path: 'preBids/<id>',
    about: 'bids set before a lot opens',
    sharedWith: [],
    basis: 'contract',
    findBy: ['bidderIds[]'],
    entriesOf: { list: 'bids', by: 'bidderId' },
    facts: [
      memberId(['bidderIds[]', 'bids[].bidderId'], 'to place the bid', [], 'erased', 'until the lot goes up'),
      memberName(['bids[].bidderName'], 'bidderId', [], 'erased'),
    ],
  };
  const held = () => ({
    bidderIds: [me, you],
    bids: [
      { bidderId: me, bidderName: 'Ada', maxCents: 10_000 },
      { bidderId: you, bidderName: 'Bo', maxCents: 4_000 },
    ],
  });

  it('withdraws the member’s entry and their id, so nothing is placed for them later, and leaves the others’ as they were', () => {
    expect(erasureOf(preBids, held(), me, 'p1')).toEqual({
      kind: 'update',
      data: { bidderIds: [you], bids: [{ bidderId: you, bidderName: 'Bo', maxCents: 4_000 }] },
    });
  });

  it('changes nothing once the member’s entry is gone', () => {
    const after = erasureOf(preBids, held(), me, 'p1');
    expect(after.kind === 'update' && erasureOf(preBids, after.data, me, 'p1')).toEqual({ kind: 'unchanged' });
  });

  it('keeps the entries of a list whose ids are kept (an auction’s bids), taking only the name', () => {
    const bids: KeptDocument = {
      ...preBids,
      facts: [
        memberId(['bidderIds[]', 'bids[].bidderId'], 'to decide the winner', [], 'kept-while-open', 'until paid'),
        memberName(['bids[].bidderName'], 'bidderId', []),
      ],
    };
    const erased = erasureOf(bids, held(), me, 'a1');
    expect(erased.kind === 'update' && erased.data.bids).toEqual([
      { bidderId: me, bidderName: erasedName, maxCents: 10_000 },
      { bidderId: you, bidderName: 'Bo', maxCents: 4_000 },
    ]);
  });
});

describe('what an open obligation keeps', () => {
  it('is kept only when the document has facts kept while open and its obligation is open', () => {
    expect(keptWhileOpen(thing, { status: 'open' })).toBe(true);
    expect(keptWhileOpen(thing, { status: 'closed' })).toBe(false);
    expect(keptWhileOpen({ ...thing, facts: thing.facts.filter((f) => f.onErasure !== 'kept-while-open') }, { status: 'open' })).toBe(false);
  });

  it('says nothing of a record with nothing kept by law or while open', () => {
    const plain: KeptDocument = { ...thing, facts: [memberName(['ownerName'], 'ownerId', [])] };
    expect(keptAfterErasure([{ document: plain, data: { status: 'open' } }], me)).toEqual([]);
    const ended: KeptDocument = { ...thing, facts: thing.facts.filter((f) => f.onErasure !== 'kept-by-law') };
    expect(keptAfterErasure([{ document: ended, data: { status: 'closed' } }], me)).toEqual([]);
    expect(keptAfterErasure([{ document: ended, data: { status: 'open' } }], me)).toEqual(['a thing']);
  });
});

describe('the people a record may belong to (idsOn)', () => {
  const chat: KeptDocument = { ...thing, findBy: ['ownerId', 'memberIds[]', '(id)', 'seat.holderId'], findByTwitchId: ['twitchUserId'] };

  it('reads every id the record is found by: a field, a list, a map’s field, its own id, and a chatter’s Twitch id as twitch:<id>', () => {
    const data = { ownerId: me, memberIds: [you, 'x1'], seat: { holderId: 'x2' }, twitchUserId: '77001' };
    expect(idsOn(chat, data, 'doc1')).toEqual([me, you, 'x1', 'doc1', 'x2', 'twitch:77001']);
  });

  it('leaves out what is missing, empty or not text, and names each id once', () => {
    expect(idsOn(chat, { ownerId: me, memberIds: [me, 7, ''], seat: {} }, '')).toEqual([me]);
    expect(idsOn({ ...thing, findBy: undefined, findByTwitchId: undefined }, { ownerId: me }, 'doc1')).toEqual([]);
  });
});
