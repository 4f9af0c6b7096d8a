/**
 * The local runtime under `--production-clients` (C500_PRODUCTION_CLIENTS=1): its functions,
 * in their own processes, on the Firestore SDK over Google's emulator (paying through
 * stripe-node against the local Stripe served over HTTP, as every local run does), and reaching the auction book with
 * `@upstash/redis` through the local Upstash endpoint, as deployed functions do. A signed
 * interaction is served end to end and what it stored is read back from the emulator with a
 * client of the test's own. Skipped unless FIRESTORE_EMULATOR_HOST and PUBSUB_EMULATOR_HOST are set (scripts/with-emulators.mjs sets them).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { openFirestore } from '../../shared/adapters/firestore/firestore-document-store';
import { collectionPath } from '../../shared/ports';
import { onceRecordId } from '../../shared/common/rules/once-record';
import { ADMIN, command } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { linkTwitch, onboard, paidOrder, setUpGuild, streamEvent } from '../support/marketplace';

const emulatorHost = process.env.FIRESTORE_EMULATOR_HOST;

// Pub/Sub runs on its emulator too (production-pubsub.test.ts).
if (emulatorHost && process.env.PUBSUB_EMULATOR_HOST) {
  describe(`the local runtime on the production clients, Firestore on the emulator at ${emulatorHost}`, () => {
    let runtime: TestRuntime;
    beforeAll(async () => {
      runtime = await startTestRuntime({ env: { C500_PRODUCTION_CLIENTS: '1', C500_FAULTS: 'off', GOOGLE_CLOUD_PROJECT: undefined } });
    });
    afterAll(() => runtime.close());

    it('runs on a project of its own, so no other run’s documents are seen', () => {
      expect(runtime.config.projectId).toMatch(/^c500-local-[0-9a-f]{8}$/);
      expect(runtime.embeddedStore).toBeUndefined();
    });

    it('says so, and keeps its auction book behind the local Upstash endpoint', async () => {
      const health = (await (await fetch(`${runtime.url}/_local/health`)).json()) as { auctionBook: string; productionEdges: string[] };
      expect(health).toMatchObject({ auctionBook: 'upstash', productionEdges: ['upstash'] });
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
        expect(processed.docs.some((doc) => doc.id === onceRecordId(`interaction:${interaction.id}`))).toBe(true);
      } finally {
        await db.terminate();
      }
      expect(existsSync(join(runtime.dataDir, 'store.json'))).toBe(false);
    });

    it('sells an item through stripe-node: the builder’s account, its onboarding link and the checkout all went over the served Stripe API', async () => {
      const builder = '813000000000000001';
      const buyer = '823000000000000001';
      const answersKept = collectionPath<{ request: string; status: number }>('_localStripeApiAnswers');
      await setUpGuild(runtime);
      await onboard(runtime, builder);
      await linkTwitch(runtime, builder, 'prodclientkeebs');
      await streamEvent(runtime, 'prodclientkeebs', 'online');
      const order = await paidOrder(runtime, builder, buyer);
      expect(order.status).toBe('paid');
      const requests = (await runtime.store.query(answersKept, {})).map((row) => row.data.request.split(' ').slice(0, 2).join(' '));
      expect(requests).toEqual(expect.arrayContaining(['POST /v1/accounts', 'POST /v1/account_links', 'POST /v1/checkout/sessions']));
    });
  });
} else {
  describe.skip('the local runtime on the production clients (skipped: FIRESTORE_EMULATOR_HOST and PUBSUB_EMULATOR_HOST are not both set)', () => {
    it('serves an interaction end to end with its documents in the emulator, paying through stripe-node', () => undefined);
  });
}
