/**
 * A racer's entries in the journal outlive an erasure (the payment record's years): their ids
 * name a racer by their seat in the sale's split, never by their Discord id (issue 79), and the
 * race they were earned in by the lobby's id (issue 75), which names nobody either.
 */
import { LocalDocumentStore } from '../../local/firestore/document-store';
import { DiscordOutbox } from '../../local/discord/discord-outbox';
import type { TaskQueue } from '../../ports';
import { raceLobbyPath } from '../rules/race';
import { recordSale } from '../use-cases/record-sale';
import { racingLobby } from '../../../test/support/races';
import { journalCollection } from '../../journal';

const GUILD = '900000000000000077';
const racers = ['810000000000000771', '810000000000000772', '810000000000000773'];
const opened = Date.parse('2026-11-22T20:00:00.000Z');
const noTasks: TaskQueue = { schedule: async () => 'scheduled', cancel: async () => false };

it('names each racer’s credit in the journal by their seat in the sale and its race by the lobby, never by their id', async () => {
  const store = new LocalDocumentStore();
  await store.set(raceLobbyPath('lobby077'), { ...racingLobby({ guildId: GUILD, racers, openedAtMs: opened, title: 'Ids race' }), lobbyId: 'lobby077' });
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
  const journal = (await store.query(journalCollection)).filter((row) => row.id.startsWith('race-ledger:'));
  expect(journal.map((row) => row.data.personId).sort()).toEqual([...racers].sort());
  for (const row of journal)
    for (const racer of racers) expect([row.id, row.data.lobbyId, row.data.saleKey]).not.toContainEqual(expect.stringContaining(racer));
  expect(journal.map((row) => [row.id, row.data.lobbyId, row.data.saleKey]).sort()).toEqual(
    [0, 1, 2].map((seat) => [`race-ledger:stripe-cs_77-credit-${seat}`, 'lobby077', 'stripe-cs_77']),
  );
});
