/**
 * The export finds every record that names the member by their ids, from the same inventory the
 * erasure reads (issue 79): a debt with its lines and their journal entries, a racer's own
 * journal entries, their share of a race pot, the sales that credited them, and the server's
 * block entry; and every inventory entry has a way to be found, or says why none does.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { recordDebtMove } from '../../debts';
import { personPseudonym } from '../../log';
import { keptDocuments } from '../rules/kept-data';
import { debtLineJournalIds } from '../rules/kept-data-money';
import { anyDocument, findMemberData } from '../use-cases/find-member-data';
import { exportMemberData } from '../use-cases/export-member-data';
import { eraseMemberData } from '../use-cases/erase-member';
import type { Fields } from '../rules/field-paths';

const member = '811000000000000501';
const other = '811000000000000502';
const host = '811000000000000503';
const admin = '811000000000000504';
const guild = '911000000000000501';
const at = '2026-11-20T12:00:00.000Z';
const clock = { now: () => new Date(at) };

/** A member who raced, was credited a sale, owes a debt on a refused reversal and is blocked after a dispute. */
async function memberWithMoney(): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  await recordDebtMove(store, {
    guildId: guild,
    userId: member,
    entryId: 'refused:tr_1',
    kind: 'refused-reversal',
    orderId: 'o9',
    amountCents: 500,
    currency: 'usd',
    reason: 'A refund C500 could not take back from your balance',
    at,
  });
  const world: Record<string, Fields> = {
    'raceLobbies/lob1': {
      lobbyId: 'lob1',
      guildId: guild,
      hostId: host,
      racerIds: [member, other],
      racers: [
        { userId: member, name: 'Ada' },
        { userId: other, name: 'Rik' },
      ],
    },
    'raceLobbies/lob1/pot/0': { shares: { [member]: 300, [other]: 300 } },
    'sales/kofi-s1': {
      saleKey: 'kofi-s1',
      guildId: guild,
      credits: [
        { racerId: member, amountCents: 300 },
        { racerId: other, amountCents: 300 },
      ],
      description: 'Keycap set',
    },
    'journal/race-ledger:l1': {
      entryId: 'race-ledger:l1',
      kind: 'racer-earning',
      at,
      guildId: guild,
      currency: 'usd',
      personId: member,
      lobbyId: 'lob1',
      saleKey: 'kofi-s1',
      postings: [
        { account: 'racer-payable', amountCents: -300, personId: member },
        { account: 'merch-revenue', amountCents: 300 },
      ],
    },
    [`guilds/${guild}`]: {
      configuredBy: admin,
      auctions: { blocked: [{ key: member, label: '@Ada', disputeId: 'dp_1', blockedBy: 'C500' }], blockedIds: [member] },
    },
  };
  for (const [path, data] of Object.entries(world)) await store.set(anyDocument<Fields>(path), data);
  return store;
}

describe('the export of a member with money records and a block', () => {
  it('holds each kind that names them: the debt, its line and journal entry, their racer entry, pot share, credited sale and block', async () => {
    const exported = await exportMemberData(await memberWithMoney(), member, clock.now());
    const kinds = new Set(exported?.records.map((record) => record.kind));
    for (const kind of ['Debt', 'DebtEntry', 'JournalEntry', 'PotShard', 'SaleRecord', 'GuildAuctions']) expect(kinds).toContain(kind);
    const journal = exported?.records.filter((record) => record.kind === 'JournalEntry').map((record) => record.path);
    expect(journal).toEqual(expect.arrayContaining([`journal/debt:${guild}:${personPseudonym(member)}:refused:tr_1`, 'journal/race-ledger:l1']));
  });

  it('shows the member their own share and credit alone: another racer’s are not theirs to see', async () => {
    const exported = await exportMemberData(await memberWithMoney(), member, clock.now());
    const data = (kind: string) => exported?.records.find((record) => record.kind === kind)?.data;
    expect(data('PotShard')).toEqual({ shares: { [member]: 300 } });
    expect(data('SaleRecord')?.credits).toEqual([
      { racerId: member, amountCents: 300 },
      { racerId: 'another member', amountCents: 300 },
    ]);
    expect(data('GuildAuctions')).toMatchObject({ auctions: { blockedIds: [member] } });
  });

  it('finds the same records for the erasure, which keeps the money’s records by law and takes the block', async () => {
    const store = await memberWithMoney();
    const found = (await findMemberData(store, member)).map((one) => one.path);
    expect(found).toEqual(expect.arrayContaining(['sales/kofi-s1', 'raceLobbies/lob1/pot/0', 'journal/race-ledger:l1']));
    const outcome = await eraseMemberData({ store, clock }, member);
    expect(outcome).toMatchObject({ kind: 'erased' });
    expect(await store.get(anyDocument<Fields>('sales/kofi-s1'))).toMatchObject({ credits: [{ racerId: member }, { racerId: other }] });
    expect(await store.get(anyDocument<Fields>(`guilds/${guild}`))).toMatchObject({ auctions: { blocked: [], blockedIds: [] } });
  });

  it('does not bring another racer’s records: the lobby’s pot is found for its racers, their own sales and entries are not', async () => {
    const store = await memberWithMoney();
    const exported = await exportMemberData(store, other, clock.now());
    const paths = exported?.records.map((record) => record.path) ?? [];
    expect(paths).toContain('raceLobbies/lob1/pot/0');
    expect(paths).not.toContain('sales/kofi-s1');
    expect(paths.filter((path) => path.startsWith('journal/'))).toEqual([]);
  });
});

describe('the journal entry of a debt’s line', () => {
  it('is named from the line’s path and id, under the member’s pseudonym as the debts module writes it and under their id as it wrote before, with no slash in its id', () => {
    const pseudonymOf = (id: string) => `ps_of_${id}`;
    expect(debtLineJournalIds({ entryId: 'refused:tr_1' }, `debts/${guild}:${member}/debtEntries/refused:tr_1`, pseudonymOf)).toEqual([
      `debt:${guild}:ps_of_${member}:refused:tr_1`,
      `debt:${guild}:${member}:refused:tr_1`,
    ]);
    expect(debtLineJournalIds({ entryId: 'a/b' }, `debts/${guild}:${member}/debtEntries/a_b`, pseudonymOf)).toEqual([
      `debt:${guild}:ps_of_${member}:a_b`,
      `debt:${guild}:${member}:a_b`,
    ]);
    expect(debtLineJournalIds({}, `debts/${guild}:${member}/debtEntries/x`, pseudonymOf)).toEqual([]);
    expect(debtLineJournalIds({ entryId: 'x' }, 'debts', pseudonymOf)).toEqual([]);
  });
});

describe('the inventory, walked', () => {
  const reachedThrough = (path: string) =>
    keptDocuments.some((child) => child.path.startsWith(`${path}/`) && keptDocuments.some((p) => p.path === path && p.findThrough !== undefined));
  const hasAWay = (document: (typeof keptDocuments)[number]) =>
    (document.findBy?.length ?? 0) > 0 || (document.findByTwitchId?.length ?? 0) > 0 || (document.foundFrom?.length ?? 0) > 0 || reachedThrough(document.path);

  it('gives every entry a way for the export and the erasure to find it, or says why none does', () => {
    expect(keptDocuments.filter((document) => !hasAWay(document) && !document.notFoundBecause).map((document) => document.type)).toEqual([]);
  });

  it('gives no reason for an entry that has a way to be found: the reason would be untrue', () => {
    expect(keptDocuments.filter((document) => hasAWay(document) && document.notFoundBecause).map((document) => document.type)).toEqual([]);
  });

  it('names, in each foundFrom, a type the inventory has', () => {
    const types = new Set(keptDocuments.map((document) => document.type));
    const named = keptDocuments.flatMap((document) => (document.foundFrom ?? []).flatMap((from) => (from === '(parent)' ? [] : [from.document])));
    expect(named.filter((type) => !types.has(type))).toEqual([]);
  });
});

describe('the inventory’s own ways and words for Stripe’s saved cards and race sales', () => {
  const entry = (type: string) => keptDocuments.find((document) => document.type === type);

  it('finds a sale from a racer’s earning in the journal by its saleKey alone, and none from an entry without one', () => {
    const [from] = entry('SaleRecord')?.foundFrom ?? [];
    if (!from || from === '(parent)' || !('ids' in from)) throw new Error('SaleRecord is found from a journal entry');
    expect(from.document).toBe('JournalEntry');
    expect(from.ids({ saleKey: 'kofi-s1' }, 'journal/race-ledger:l1', (id) => id)).toEqual(['kofi-s1']);
    expect(from.ids({ saleKey: 7 }, 'journal/race-ledger:l1', (id) => id)).toEqual([]);
    expect(from.ids({}, 'journal/race-ledger:l1', (id) => id)).toEqual([]);
  });

  it('says an open pledge with a saved card keeps it and the customer at Stripe until its close, and says nothing of its own for one without a card', () => {
    const openAs = entry('Pledge')?.openAs;
    expect(openAs?.({ status: 'pledged', paymentMethodId: 'pm_1' }, member)).toBe(
      'a pledge to a group buy that may still charge your saved card: kept with your card and customer at Stripe until its close, then the card is detached and the customer deleted',
    );
    expect(openAs?.({ status: 'saving-card' }, member)).toBeUndefined();
  });
});

describe('the export of a buyer C500 owes outside Stripe', () => {
  const builder = '811000000000000505';
  async function owedBuyer(): Promise<LocalDocumentStore> {
    const store = new LocalDocumentStore();
    const order = { orderId: 'o77', buyerId: member, builderId: builder, guildId: guild, title: 'Tofu65', status: 'paid', currency: 'usd', amountCents: 1_000 };
    const entries: Record<string, Fields> = {
      'journal/charge:o77': {
        entryId: 'charge:o77',
        kind: 'charge',
        at,
        guildId: guild,
        currency: 'usd',
        orderId: 'o77',
        postings: [
          { account: 'stripe-balance', amountCents: 1_000 },
          { account: 'held', amountCents: -1_000, orderId: 'o77' },
        ],
      },
      'journal/owed-to-buyer:o77:0': {
        entryId: 'owed-to-buyer:o77:0',
        kind: 'owed-to-buyer',
        at,
        guildId: guild,
        currency: 'usd',
        orderId: 'o77',
        postings: [
          { account: 'held', amountCents: 400, orderId: 'o77' },
          { account: 'owed-to-buyer', amountCents: -400, orderId: 'o77' },
        ],
      },
    };
    await store.set(anyDocument<Fields>('orders/o77'), order);
    for (const [path, data] of Object.entries(entries)) await store.set(anyDocument<Fields>(path), data);
    return store;
  }

  it('holds the journal’s postings owed to them, found from the order they bought, and not the order’s other entries', async () => {
    const exported = await exportMemberData(await owedBuyer(), member, clock.now());
    const journal = exported?.records.filter((record) => record.kind === 'JournalEntry');
    expect(journal?.map((record) => record.path)).toEqual(['journal/owed-to-buyer:o77:0']);
    expect(journal?.[0]?.data).toMatchObject({ postings: expect.arrayContaining([{ account: 'owed-to-buyer', amountCents: -400, orderId: 'o77' }]) });
  });

  it('does not give the order’s builder what is owed to its buyer', async () => {
    const exported = await exportMemberData(await owedBuyer(), builder, clock.now());
    expect(exported?.records.map((record) => record.path)).toContain('orders/o77');
    expect(exported?.records.filter((record) => record.kind === 'JournalEntry')).toEqual([]);
  });
});

describe('the export of a show host C500 owes a cut by hand', () => {
  async function hostOwedACut(): Promise<LocalDocumentStore> {
    const store = new LocalDocumentStore();
    const order = {
      orderId: 'o88',
      buyerId: other,
      builderId: admin,
      hostId: host,
      showId: 'sh1',
      guildId: guild,
      title: 'Tofu65',
      status: 'paid',
      currency: 'usd',
    };
    const entries: Record<string, Fields> = {
      'journal/charge:o88': {
        entryId: 'charge:o88',
        kind: 'charge',
        at,
        guildId: guild,
        currency: 'usd',
        orderId: 'o88',
        postings: [
          { account: 'stripe-balance', amountCents: 1_000 },
          { account: 'held', amountCents: -1_000, orderId: 'o88' },
        ],
      },
      // The host's cut left owed by hand: the posting names the host, the entry itself does not.
      'journal/cut-owed:o88:payouts-off': {
        entryId: 'cut-owed:o88:payouts-off',
        kind: 'cut-owed',
        at,
        guildId: guild,
        currency: 'usd',
        orderId: 'o88',
        postings: [
          { account: 'held', amountCents: 150, orderId: 'o88', party: 'host' },
          { account: 'host-payable', amountCents: -150, orderId: 'o88', personId: host },
        ],
      },
    };
    await store.set(anyDocument<Fields>('orders/o88'), order);
    for (const [path, data] of Object.entries(entries)) await store.set(anyDocument<Fields>(path), data);
    return store;
  }

  it('holds the journal’s postings of the cut owed to them, found from the order they hosted, and not the order’s other entries', async () => {
    const exported = await exportMemberData(await hostOwedACut(), host, clock.now());
    const journal = exported?.records.filter((record) => record.kind === 'JournalEntry');
    expect(journal?.map((record) => record.path)).toEqual(['journal/cut-owed:o88:payouts-off']);
  });

  it('does not give the order’s buyer the cut owed to its host', async () => {
    const exported = await exportMemberData(await hostOwedACut(), other, clock.now());
    expect(exported?.records.map((record) => record.path)).toContain('orders/o88');
    expect(exported?.records.filter((record) => record.kind === 'JournalEntry')).toEqual([]);
  });
});
