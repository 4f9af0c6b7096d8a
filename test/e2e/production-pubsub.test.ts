/**
 * Pub/Sub under `--production-clients` (C500_PRODUCTION_CLIENTS=1): functions publish with the
 * production publishers to Google's Pub/Sub emulator, and the runtime delivers each message
 * back from it as terraform's push subscriptions deliver to the deployed functions, with their
 * retry and dead-letter policies. Skipped unless both emulators' hosts are set
 * (scripts/with-emulators.mjs sets them).
 */
import { PubSub, type Message } from '@google-cloud/pubsub';
import type { DeadLetter } from '../../shared/local/pubsub/event-bus';
import { decodeMessageData } from '../../shared/adapters/pubsub/pubsub-envelope';
import { registryEntry, subscriptionName } from '../../shared/registry';
import { ADMIN, command } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

const firestoreHost = process.env.FIRESTORE_EMULATOR_HOST;
const pubsubHost = process.env.PUBSUB_EMULATOR_HOST;

if (firestoreHost && pubsubHost) {
  describe(`Pub/Sub on its emulator at ${pubsubHost}, under the production clients`, () => {
    let runtime: TestRuntime;
    let pubsub: PubSub;
    beforeAll(async () => {
      runtime = await startTestRuntime({ env: { C500_PRODUCTION_CLIENTS: '1', C500_FAULTS: 'off', GOOGLE_CLOUD_PROJECT: undefined } });
      pubsub = new PubSub({ projectId: runtime.config.projectId, apiEndpoint: pubsubHost, emulatorMode: true });
    });
    afterAll(async () => {
      await pubsub?.close();
      await runtime?.close();
    });

    it('publishes an interaction to the emulator, whence it is delivered to its subscriber', async () => {
      // A pull subscription of the test's own on the topic: what the ingress published is on the emulator.
      const [witness] = await pubsub.topic('discord-commands').createSubscription('test-witness-discord-commands');
      // Waited for as the witness hears it, however long the emulator takes on a loaded machine.
      const firstSeen = new Promise<Message>((resolve) =>
        witness.on('message', (m: Message) => {
          m.ack();
          resolve(m);
        }),
      );
      const interaction = command({
        name: 'c500',
        path: ['setup'],
        permissions: ADMIN,
        guildId: '900000000000000078',
        options: { general: '1001', marketplace: '1002' },
      });
      expect(((await (await runtime.sendInteraction(interaction)).json()) as { type: number }).type).toBe(5);
      await runtime.settle();
      expect(runtime.edits(interaction.token)[0]?.message.content).toContain('C500 is set up');
      const subscription = subscriptionName(registryEntry('discordCommands', 'pubsub'));
      expect(runtime.bus.stats().find((s) => s.subscription === subscription)?.delivered).toBeGreaterThanOrEqual(1);
      const health = (await (await fetch(`${runtime.url}/_local/health`)).json()) as { unsettledMessages: number };
      expect(health.unsettledMessages).toBe(0);
      const seen = await firstSeen;
      await witness.close();
      const published = JSON.parse(seen.data.toString('utf8')) as { interaction?: { id?: string } };
      expect(published.interaction?.id).toBe(interaction.id);
    });

    it('dead-letters a message its subscriber keeps failing after the subscription’s attempts, and serves it at /_local/dead-letters', async () => {
      const attempts: number[] = [];
      const at: number[] = [];
      runtime.bus.subscribe(
        'race-commands',
        'test-poison-witness',
        async (event) => {
          // Only its own message is poison: the next test's messages on this topic reach this subscription too,
          // and five deliveries of each, a second or more apart on the emulator, are not what that test waits for.
          if ((decodeMessageData(event) as { poison?: boolean }).poison !== true) return;
          attempts.push(event.data.deliveryAttempt ?? 0);
          at.push(Date.now());
          throw new Error('poisoned on purpose');
        },
        { maxDeliveryAttempts: 5, deadLetterTopic: 'race-commands-dead-letter' },
      );
      const messageId = await runtime.bus.publish('race-commands', { poison: true });
      // Settled once the emulator has handed it to the dead-letter topic and the runtime has read it there.
      await runtime.settle();
      const { entries } = (await (await fetch(`${runtime.url}/_local/dead-letters`)).json()) as { entries: DeadLetter[] };
      expect(entries).toEqual([
        expect.objectContaining({
          topic: 'race-commands',
          subscription: 'test-poison-witness',
          attempts: 5,
          error: 'poisoned on purpose',
          message: expect.objectContaining({ messageId }),
        }),
      ]);
      expect(attempts).toEqual([1, 2, 3, 4, 5]);
      // The test runtime's back-off (5 ms growing to 20 ms) in the whole seconds an ack deadline takes.
      const gaps = at.slice(1).map((t, i) => t - (at[i] ?? t));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(900);
    }, 120_000);

    it('hands a subscriber as many messages at once as its concurrency, more than the emulator’s own push would', async () => {
      // Each delivery is held until the test lets it go, one at a time: a slot freed lets exactly one
      // more in, and a subscriber handed more than its concurrency would be seen running them at once.
      // Waited for by the deliveries themselves, never by a time: the emulator's pulls can take
      // many seconds on a loaded machine (and the last two come only after a slot is freed).
      let running = 0;
      let most = 0;
      const held: Array<() => void> = [];
      const started = new Deliveries();
      runtime.bus.subscribe(
        'race-commands',
        'test-concurrency-witness',
        async () => {
          running++;
          most = Math.max(most, running);
          const release = new Promise<void>((resolve) => held.push(resolve));
          started.one();
          await release;
          running--;
        },
        { maxDeliveryAttempts: 5, deadLetterTopic: 'race-commands-dead-letter', concurrency: 4 },
      );
      for (let i = 0; i < 6; i++) await runtime.bus.publish('race-commands', { witness: i });
      await started.count(4);
      held.shift()?.();
      await started.count(5);
      held.shift()?.();
      await started.count(6);
      held.splice(0).forEach((go) => go());
      await runtime.settle();
      expect(most).toBe(4);
      expect(runtime.bus.stats().find((s) => s.subscription === 'test-concurrency-witness')?.delivered).toBe(6);
      // As long as the dead-letter test's: alone it takes about 5 s, but the emulator's pulls slowed past 60 s once
      // with every other suite running beside it (its witnesses were then also dead-lettered by the poison subscription).
    }, 120_000);
  });
} else {
  describe.skip('Pub/Sub on its emulator (skipped: FIRESTORE_EMULATOR_HOST and PUBSUB_EMULATOR_HOST are not both set)', () => {
    it('publishes to the emulator, whence it is delivered to the subscriber, and dead-letters what keeps failing', () => undefined);
  });
}

/** Deliveries as they start, and a wait for the nth. */
class Deliveries {
  private started = 0;
  private readonly waits: Array<{ n: number; resolve: () => void }> = [];

  one(): void {
    this.started++;
    for (const wait of this.waits.filter((w) => w.n <= this.started)) {
      this.waits.splice(this.waits.indexOf(wait), 1);
      wait.resolve();
    }
  }

  count(n: number): Promise<void> {
    return n <= this.started ? Promise.resolve() : new Promise((resolve) => this.waits.push({ n, resolve }));
  }
}
