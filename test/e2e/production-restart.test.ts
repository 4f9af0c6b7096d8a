/**
 * A runtime on the production clients stopped while it was delivering, and another started on
 * the same project and data folder (as the soak kills and restarts it): the message the first
 * never finished comes back to the second from the Pub/Sub emulator once its ack deadline has
 * passed, the second counts itself unsettled until then, and the local Discord still holds
 * what the first was sent. Skipped unless both emulators' hosts are set.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestRuntime } from '../support/local-runtime';

const firestoreHost = process.env.FIRESTORE_EMULATOR_HOST;
const pubsubHost = process.env.PUBSUB_EMULATOR_HOST;

if (firestoreHost && pubsubHost) {
  describe('a runtime started again on the production clients', () => {
    it('is handed what the last one left undelivered, waits for it before it calls itself settled, and keeps the outbox', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'c500-restart-'));
      const env = { C500_PRODUCTION_CLIENTS: '1', C500_FAULTS: 'off', GOOGLE_CLOUD_PROJECT: `c500-restart-${randomUUID().slice(0, 8)}` };
      const subscription = { maxDeliveryAttempts: 5, deadLetterTopic: 'race-commands-dead-letter' };
      try {
        const first = await startTestRuntime({ env, dataDir });
        let started = 0;
        // Never finishes: the runtime goes down with it under way.
        first.bus.subscribe('race-commands', 'test-left-behind', () => (started++, new Promise<void>(() => undefined)), subscription);
        await first.outbox.postToChannel('1001', { content: 'said before the restart' });
        await first.bus.publish('race-commands', { left: 'behind' });
        while (started === 0) await new Promise((resolve) => setTimeout(resolve, 50));
        await first.close();

        const second = await startTestRuntime({ env, dataDir });
        const delivered: unknown[] = [];
        second.bus.subscribe('race-commands', 'test-left-behind', async (event) => void delivered.push(event.data.deliveryAttempt), subscription);
        expect(second.outbox.entries.map((e) => e.message.content)).toEqual(['said before the restart']);
        await second.settle();
        expect(delivered).toEqual([2]);
        await second.close();
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }, 240_000);
  });
} else {
  describe.skip('a runtime started again on the production clients (skipped: FIRESTORE_EMULATOR_HOST and PUBSUB_EMULATOR_HOST are not both set)', () => {
    it('is handed what the last one left undelivered', () => undefined);
  });
}
