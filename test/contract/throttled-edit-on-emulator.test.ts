/**
 * The once-a-second edit claim on Firestore's emulator, with the production adapter: the
 * emulator locks what a transaction reads, as Firestore does, and a claim made in one made
 * ten tasks on one document queue for 4.7 s. The claim by create answers them at once.
 * Skipped when FIRESTORE_EMULATOR_HOST is unset (scripts/with-emulators.mjs sets it).
 */
import { createFirestoreDocumentStore } from '../../shared/adapters/firestore/firestore-document-store';
import { DiscordOutbox } from '../../shared/local/discord/discord-outbox';
import { editAtMostEverySecond, type LastEdit } from '../../shared/discord/use-cases/throttled-edit';
import { TaskNotDueYet } from '../../shared/errors';
import { docPath } from '../../shared/ports';

const emulatorHost = process.env.FIRESTORE_EMULATOR_HOST;

interface BoardEdit extends LastEdit {
  boardId: string;
}

if (emulatorHost) {
  describe(`the throttled edit's claim on the Firestore emulator at ${emulatorHost}`, () => {
    const store = createFirestoreDocumentStore(`c500-edit-claim-${process.pid}`, { emulatorHost });
    afterAll(() => store.close());

    it('answers ten concurrent tasks on one message in the same second: one edits, nine come back at the next second', async () => {
      const discord = new DiscordOutbox();
      // One frozen moment: which second each claim falls in is the test's choice, not the machine's speed.
      const moment = new Date();
      const clock = { now: () => moment };
      const path = docPath<BoardEdit>(`boardEdits/herd-${Date.now()}`);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          editAtMostEverySecond(
            { store, discord, clock },
            { path, owner: { boardId: 'b1' }, channelId: 'c1', messageId: 'm1', message: { content: `state ${i}` } },
          ),
        ),
      );
      expect(outcomes.filter((o) => o.status === 'fulfilled' && o.value)).toHaveLength(1);
      const refused = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason as unknown] : []));
      expect(refused.every((reason) => reason instanceof TaskNotDueYet)).toBe(true);
      expect(refused).toHaveLength(9);
      expect(discord.entries.filter((e) => e.kind === 'edit')).toHaveLength(1);
    });
  });
} else {
  describe.skip('the throttled edit’s claim on the Firestore emulator (skipped: FIRESTORE_EMULATOR_HOST is not set)', () => {
    it('answers ten concurrent tasks on one message in the same second', () => undefined);
  });
}
