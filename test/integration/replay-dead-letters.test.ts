/**
 * The dead-letter replay against Google's Pub/Sub emulator, which dead-letters as Pub/Sub
 * does: a message a subscriber nacks `maxDeliveryAttempts` times lands in the dead-letter
 * topic's hold subscription with Pub/Sub's own attributes, and the replay sends it back to the
 * source topic. Runs in CI (`.ci/run` runs the tests under scripts/with-emulators.mjs); skipped
 * where no emulator is up.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PubSub, type Message, type Subscription } from '@google-cloud/pubsub';
import { replayDeadLetters } from '../../scripts/dead-letters/replay';
import { replayArgsOf } from '../../scripts/replay-dead-letters';

const withEmulator = process.env.PUBSUB_EMULATOR_HOST ? describe : describe.skip;
const projectId = 'c500-replay';
const node = join(__dirname, '..', '..', 'node_modules', '.bin', 'node');
const cli = join(__dirname, '..', '..', 'dist', 'scripts', 'replay-dead-letters.js');

describe('the replay command line', () => {
  it('takes a hold subscription with a dry run, a limit and a project', () => {
    expect(replayArgsOf(['stripe-events-dead-letter-hold', '--dry-run', '--limit', '5', '--project', 'p'])).toEqual({
      subscription: 'stripe-events-dead-letter-hold',
      dryRun: true,
      limit: 5,
      projectId: 'p',
    });
  });

  it('refuses a subscription that is not a dead-letter hold, so a live subscription is never drained', () => {
    expect(replayArgsOf(['stripeEvents-on-stripe-events'])).toMatch(/not a dead-letter hold subscription/);
  });

  it('refuses no subscription, two, an unknown option and a limit that is not a count', () => {
    expect(replayArgsOf([])).toMatch(/name the dead-letter hold subscription/);
    expect(replayArgsOf(['a-hold', 'b-hold'])).toMatch(/one subscription at a time/);
    expect(replayArgsOf(['a-hold', '--all'])).toMatch(/no option --all/);
    expect(replayArgsOf(['a-hold', '--limit', '0'])).toMatch(/--limit takes a whole number/);
  });
});

/** A topic with a subscription that dead-letters after 5 attempts into `<topic>-dead-letter`, held by `-hold`. */
async function deadLettering(pubsub: PubSub) {
  const name = `events-${randomUUID().slice(0, 8)}`;
  const [topic] = await pubsub.createTopic(name);
  const [deadLetterTopic] = await pubsub.createTopic(`${name}-dead-letter`);
  const [hold] = await deadLetterTopic.createSubscription(`${name}-dead-letter-hold`);
  const [source] = await topic.createSubscription(`${name}-on-subscriber`, {
    deadLetterPolicy: { deadLetterTopic: deadLetterTopic.name, maxDeliveryAttempts: 5 },
  });
  return { name, topic, hold, source };
}

/**
 * Nacks every delivery of the source subscription until the hold has `count` dead letters:
 * the emulator, as Pub/Sub, dead-letters a message when it would deliver it once more than
 * `maxDeliveryAttempts`, so the subscriber keeps pulling until then.
 */
async function failUntilHeld(pubsub: PubSub, source: Subscription, holdName: string, count: number): Promise<void> {
  source.on('message', (m: Message) => m.nack());
  while ((await holding(pubsub, holdName)) < count) await new Promise((resolve) => setTimeout(resolve, 100));
  await source.close();
}

/** How many messages the hold has now: pulled and handed straight back. */
async function holding(pubsub: PubSub, holdName: string): Promise<number> {
  const replay = await replayDeadLetters({ pubsub, subscription: holdName, limit: 100, dryRun: true, say: () => undefined });
  return replay.read;
}

/** The next `count` messages a fresh subscription on the topic receives. */
async function receiving(pubsub: PubSub, topicName: string, count: number): Promise<{ receive: Promise<Message[]>; close: () => Promise<void> }> {
  const [listener] = await pubsub.topic(topicName).createSubscription(`${topicName}-listener-${randomUUID().slice(0, 4)}`);
  const got: Message[] = [];
  const receive = new Promise<Message[]>((resolve) => {
    listener.on('message', (m: Message) => {
      m.ack();
      got.push(m);
      if (got.length === count) resolve(got);
    });
  });
  return { receive, close: () => listener.close() };
}

withEmulator('replaying dead letters on the Pub/Sub emulator (skipped unless PUBSUB_EMULATOR_HOST is set)', () => {
  const pubsub = new PubSub({ projectId });
  afterAll(() => pubsub.close());

  it('sends each dead letter back to its source topic with its data and attributes, and empties the hold', async () => {
    const { name, topic, hold, source } = await deadLettering(pubsub);
    await topic.publishMessage({
      json: { orderId: 'o1' },
      attributes: { source: 'stripe', googclient_traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    });
    await topic.publishMessage({ json: { orderId: 'o2' } });
    await failUntilHeld(pubsub, source, hold.name, 2);
    const listener = await receiving(pubsub, name, 2);

    const lines: string[] = [];
    const result = await replayDeadLetters({ pubsub, subscription: `${name}-dead-letter-hold`, limit: 100, dryRun: false, say: (l) => lines.push(l) });

    expect(result).toMatchObject({ read: 2, replayed: 2, left: 0, byTopic: { [topic.name]: 2 } });
    const back = await listener.receive;
    await listener.close();
    const byOrder = Object.fromEntries(back.map((m) => [(JSON.parse(m.data.toString('utf8')) as { orderId: string }).orderId, m.attributes]));
    expect(byOrder).toEqual({ o1: { source: 'stripe', googclient_traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }, o2: {} });
    expect(lines.join('\n')).toMatch(/after 5 attempts/);
    expect(lines.join('\n')).not.toMatch(/o1|o2/);
    expect(await holding(pubsub, hold.name)).toBe(0);
  });

  it('lists dead letters on a dry run and sends none, leaving every one in the hold', async () => {
    const { name, topic, hold, source } = await deadLettering(pubsub);
    await topic.publishMessage({ json: { orderId: 'o3' } });
    await failUntilHeld(pubsub, source, hold.name, 1);

    const lines: string[] = [];
    const result = await replayDeadLetters({ pubsub, subscription: `${name}-dead-letter-hold`, limit: 100, dryRun: true, say: (l) => lines.push(l) });

    expect(result).toMatchObject({ read: 1, replayed: 0, left: 1, byTopic: {} });
    // Pub/Sub names the source by its full path, the emulator by its name: both are found.
    expect(lines).toEqual([
      expect.stringMatching(
        new RegExp(
          `from (projects/${projectId}/subscriptions/)?${name}-on-subscriber after 5 attempts, \\d+ bytes sha256:[0-9a-f]{12} -> would go to ${topic.name}`,
        ),
      ),
    ]);
    expect(await holding(pubsub, hold.name)).toBe(1);
  });

  it('stops at the limit and leaves the rest for the next run', async () => {
    const { name, topic, hold, source } = await deadLettering(pubsub);
    for (const orderId of ['a', 'b', 'c']) await topic.publishMessage({ json: { orderId } });
    await failUntilHeld(pubsub, source, hold.name, 3);
    const listener = await receiving(pubsub, name, 2);

    const result = await replayDeadLetters({ pubsub, subscription: `${name}-dead-letter-hold`, limit: 2, dryRun: false, say: () => undefined });

    expect(result).toMatchObject({ read: 2, replayed: 2 });
    await listener.receive;
    await listener.close();
    expect(await holding(pubsub, hold.name)).toBe(1);
  });

  it('runs as `npm run replay-dead-letters` does and says what it sent', async () => {
    const { name, topic, hold, source } = await deadLettering(pubsub);
    await topic.publishMessage({ json: { orderId: 'o4' } });
    await failUntilHeld(pubsub, source, hold.name, 1);

    const { stdout } = await promisify(execFile)(node, [cli, `${name}-dead-letter-hold`, '--project', projectId], { env: process.env });

    expect(stdout).toMatch(new RegExp(`1 of 1 dead letters sent back \\(1 to ${topic.name}\\); 0 left in ${name}-dead-letter-hold`));
    expect(await holding(pubsub, hold.name)).toBe(0);
  });
});
