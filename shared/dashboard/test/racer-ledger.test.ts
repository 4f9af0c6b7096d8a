/**
 * A racer's ledger on their page is their own entries in the journal (issue 75: the only
 * ledger), newest first and a page at a time: each earning with the race and sale it names, each
 * payout with its id, and nobody else's entries, whatever else the journal holds.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { journalPath, type JournalEntry } from '../../journal';
import { racerLedger, racerWallets } from '../use-cases/racer-overview';
import { firstCursor } from '../rules/paging';

const GUILD = '900000000000000001';
const RACER = '830000000000000001';
const OTHER = '830000000000000002';

/** A racer's move as the races module writes it: `race-ledger:<move>`, naming the racer in `personId`. */
function move(id: string, at: string, cents: number, over: Partial<JournalEntry> = {}, racer = RACER): JournalEntry {
  const earning = !id.startsWith('payout-');
  return {
    entryId: `race-ledger:${id}`,
    kind: earning ? 'racer-earning' : 'racer-payout',
    at,
    guildId: GUILD,
    currency: 'usd',
    personId: racer,
    postings: [
      { account: 'racer-payable', amountCents: -cents, personId: racer },
      { account: earning ? 'merch-revenue' : 'payout-clearing', amountCents: cents },
    ],
    ...over,
  };
}

async function journalOf(entries: readonly JournalEntry[]): Promise<LocalDocumentStore> {
  const store = new LocalDocumentStore();
  for (const entry of entries) await store.set(journalPath(entry.entryId), entry);
  return store;
}

const racerEntries = [
  move('kofi-1-credit-0', '2026-11-20T20:10:00.000Z', 1_000, { lobbyId: 'lobbyaaa', saleKey: 'kofi-1' }),
  move('kofi-r1-reversal-0', '2026-11-20T21:00:00.000Z', -250, { lobbyId: 'lobbyaaa', saleKey: 'kofi-1' }),
  move('payout-p1', '2026-11-21T09:00:00.000Z', -750),
  move('payout-p1-undone', '2026-11-21T09:00:01.000Z', 750),
  // Written before earnings named their race.
  move('kofi-0-credit-0', '2026-10-01T12:00:00.000Z', 400),
];
const others = [
  move('kofi-1-credit-1', '2026-11-20T20:10:00.000Z', 1_000, { lobbyId: 'lobbyaaa', saleKey: 'kofi-1' }, OTHER),
  // A debt names its person on its posting only: no racer's line.
  {
    entryId: `debt:${GUILD}:pseudonym:refused:tr_1`,
    kind: 'refused-reversal',
    at: '2026-11-21T10:00:00.000Z',
    guildId: GUILD,
    currency: 'usd',
    postings: [
      { account: 'owed-to-c500', amountCents: 500, personId: RACER },
      { account: 'held', amountCents: -500, orderId: 'o1' },
    ],
  } satisfies JournalEntry,
];

describe('a racer’s ledger, read from the journal', () => {
  it('lists their own moves newest first, each as the line of their ledger', async () => {
    const store = await journalOf([...racerEntries, ...others]);
    const page = await racerLedger(store, RACER, firstCursor('desc'));
    expect(page.rows.map((line) => [line.entryId, line.kind, line.amountCents, line.lobbyId, line.saleKey, line.payoutId])).toEqual([
      ['payout-p1-undone', 'payout-reversal', 750, undefined, undefined, 'p1'],
      ['payout-p1', 'payout', -750, undefined, undefined, 'p1'],
      ['kofi-r1-reversal-0', 'reversal', -250, 'lobbyaaa', 'kofi-1', undefined],
      ['kofi-1-credit-0', 'credit', 1_000, 'lobbyaaa', 'kofi-1', undefined],
      ['kofi-0-credit-0', 'credit', 400, undefined, undefined, undefined],
    ]);
    expect(page.rows.every((line) => line.racerId === RACER && line.guildId === GUILD && line.currency === 'usd')).toBe(true);
    expect(page.next).toBeUndefined();
  });

  it('pages through them without skipping or repeating a line', async () => {
    const store = await journalOf([...racerEntries, ...others]);
    const first = await racerLedger(store, RACER, firstCursor('desc'), 2);
    const second = await racerLedger(store, RACER, first.next ?? firstCursor('desc'), 2);
    const third = await racerLedger(store, RACER, second.next ?? firstCursor('desc'), 2);
    expect([...first.rows, ...second.rows, ...third.rows].map((line) => line.entryId)).toEqual([
      'payout-p1-undone',
      'payout-p1',
      'kofi-r1-reversal-0',
      'kofi-1-credit-0',
      'kofi-0-credit-0',
    ]);
    expect(third.next).toBeUndefined();
  });

  it('gives the wallet of each server the lines name, each race’s earnings folded from the same entries', async () => {
    const store = await journalOf([...racerEntries, ...others]);
    const [wallet] = await racerWallets(store, RACER, [GUILD]);
    expect(wallet).toMatchObject({ guildId: GUILD, pendingCents: 1_150, paidCents: 0, earnedCents: 1_150 });
    expect(wallet?.races).toEqual({
      lobbyaaa: { title: '', startedAt: '2026-11-20T20:10:00.000Z', earnedCents: 750 },
      '(earlier races)': { title: 'Earlier races', startedAt: '2026-10-01T12:00:00.000Z', earnedCents: 400 },
    });
  });
});
