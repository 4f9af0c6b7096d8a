/**
 * The local runtime under `--production-clients` (C500_PRODUCTION_CLIENTS=1): its functions,
 * in their own processes, on the Firestore SDK over Google's emulator. A signed interaction
 * is served end to end and what it stored is read back from the emulator with a client of
 * the test's own. Skipped when FIRESTORE_EMULATOR_HOST is unset (scripts/with-emulators.mjs sets it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openFirestore } from '../../shared/adapters/firestore/firestore-document-store';
import { ADMIN, command } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const emulatorHost = process.env.FIRESTORE_EMULATOR_HOST;

if (emulatorHost) {
  describe(`the local runtime on the production Firestore client, on the emulator at ${emulatorHost}`, () => {
    let runtime: TestRuntime;
    beforeAll(async () => {
      runtime = await startTestRuntime({ env: { C500_PRODUCTION_CLIENTS: '1', C500_FAULTS: 'off', GOOGLE_CLOUD_PROJECT: undefined } });
    });
    afterAll(() => runtime.close());

    it('runs on a project of its own, so no other run’s documents are seen', () => {
      expect(runtime.config.projectId).toMatch(/^c500-local-[0-9a-f]{8}$/);
      expect(runtime.embeddedStore).toBeUndefined();
    });

    it('serves /c500 setup end to end, its documents landing in the emulator', async () => {
      const guildId = '900000000000000077';
      const interaction = command({
        name: 'c500',
        path: ['setup'],
        permissions: ADMIN,
        guildId,
        options: { general: '1001', marketplace: '1002', 'drop-role': '2001' },
      });
      const answer = (await (await runtime.sendInteraction(interaction)).json()) as { type: number };
      expect(answer.type).toBe(5);
      await runtime.settle();
      expect(runtime.edits(interaction.token)[0]?.message.content).toContain('C500 is set up');
      const db = openFirestore(runtime.config.projectId, { emulatorHost });
      try {
        expect((await db.doc(`guilds/${guildId}`).get()).data()).toMatchObject({ generalChannelId: '1001', marketplaceChannelId: '1002', dropRoleId: '2001' });
        // The ingress and the subscriber each claimed the interaction in the emulator, from their own processes.
        const processed = await db.collection('processed').get();
        expect(processed.docs.some((doc) => JSON.stringify(doc.data()).includes(interaction.id))).toBe(true);
      } finally {
        await db.terminate();
      }
      expect(existsSync(join(runtime.dataDir, 'store.json'))).toBe(false);
    });
  });
} else {
  describe.skip('the local runtime on the production Firestore client (skipped: FIRESTORE_EMULATOR_HOST is not set)', () => {
    it('serves an interaction end to end with its documents in the emulator', () => undefined);
  });
}
