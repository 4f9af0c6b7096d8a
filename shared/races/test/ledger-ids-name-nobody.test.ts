/**
 * A race's ledger entries and the journal entries written with them outlive an erasure (the
 * payment record's years): their ids name a racer by their seat in the sale's split, never by
 * their Discord id (issue 79).
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { TaskQueue } from '../../ports';
import { raceLobbyPath } from '../rules/race';
import { raceLedgerCollection } from '../rules/wallet';
import { recordSale } from '../use-cases/record-sale';
import { racingLobby } from '../../../test/support/races';
import { anyCollection } from '../../privacy/use-cases/find-member-data';

const GUILD = '900000000000000077';
const racers = ['810000000000000771', '810000000000000772', '810000000000000773'];
const opened = Date.parse('2026-11-22T20:00:00.000Z');
const noTasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };

it('names each racer’s credit by their seat in the sale, in the ledger and in the journal, never by their id', async () => {
  const store = new LocalDocumentStore();
  await store.set(raceLobbyPath('lobby077'), racingLobby({ guildId: GUILD, racers, openedAtMs: opened, title: 'Ids race' }));
  const deps = {
    store,
    discord: new DiscordOutbox(),
    tasks: noTasks,
    clock: { now: () => new Date(opened + 2_000) },
    currency: 'usd',
    publicBaseUrl: 'http://localhost',
  };
  const paidAt = new Date(opened + 1_000).toISOString();
  await recordSale(deps, {
    kind: 'sale',
    shop: 'stripe',
    guildId: GUILD,
    saleId: 'cs_77',
    eventId: 'evt_77',
    amountCents: 30_000,
    currency: 'usd',
    paidAt,
    description: 'merch',
  });
  const ledger = await store.query(raceLedgerCollection);
  expect(ledger.map((row) => row.data.racerId).sort()).toEqual([...racers].sort());
  const journal = (await store.query(anyCollection<{ entryId: string }>('journal'))).map((row) => row.id).filter((id) => id.startsWith('race-ledger:'));
  expect(journal).toHaveLength(3);
  for (const id of [...ledger.map((row) => row.id), ...journal]) for (const racer of racers) expect(id).not.toContain(racer);
  expect(ledger.map((row) => row.id).sort()).toEqual(['stripe-cs_77-credit-0', 'stripe-cs_77-credit-1', 'stripe-cs_77-credit-2']);
});
