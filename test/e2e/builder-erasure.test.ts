/**
 * Issue 79's "Done when", from outside, on the local runtime: a builder with no sales who linked
 * Twitch and erases themselves has no enabled EventSub subscription left on their channel at the
 * local Twitch, no builder profile or channel link in the store, and no stored document keeps
 * their raw id only to remember the erasure. Each fact is read from the stores (the local
 * Twitch, the store), and first shown able to fail (the builder is there before).
 */
import { confirmEraseButtonId, eraseButtonId } from '../../shared/privacy/rules/privacy-messages';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { answerOf, linkTwitch, onboard, say, setUpGuild, textOf } from '../support/marketplace';
import { TestClock } from '../support/auctions';
import { snowflakeAt } from '../../shared/common';
import { buttonPress, useInteractionClock } from '../support/interactions';

let rt: TestRuntime;
const clock = new TestClock();
const admin = '800000000000000001';
const builder = '811000000000007911';
const channel = { login: 'nosales_keebs_7911', userId: '917911' };

const enabledOnChannel = async (): Promise<unknown[]> => {
  const { subscriptions } = (await (await fetch(`${rt.url}/_local/twitch/subscriptions`)).json()) as {
    subscriptions: Array<{ status: string; condition: Record<string, string> }>;
  };
  return subscriptions.filter((s) => s.status === 'enabled' && Object.values(s.condition).includes(channel.userId));
};
const documentsNaming = async (id: string): Promise<string[]> => {
  if (!rt.embeddedStore) throw new Error('this test reads the embedded store whole');
  return (
    (await rt.embeddedStore.everyDocument())
      // The answers kept for redelivery (processed/) too: kept 30 days, they must not remember the erasure by id either.
      .filter(([path, data]) => !path.startsWith('_local') && `${path} ${JSON.stringify(data)}`.includes(id))
      .map(([path]) => path)
  );
};

beforeAll(async () => {
  useInteractionClock(clock);
  rt = await startTestRuntime({ clock });
  await setUpGuild(rt, admin);
  await onboard(rt, builder);
  if ((await linkTwitch(rt, builder, channel.login, channel.userId)).status !== 200) throw new Error('linking Twitch failed');
}, 240_000);
afterAll(() => rt.close());

describe('a builder with no sales erases themselves', () => {
  it('GIVEN the builder linked Twitch THEN their channel has an enabled subscription and the store names them', async () => {
    expect(await enabledOnChannel()).not.toEqual([]);
    expect(await documentsNaming(builder)).toEqual(expect.arrayContaining([`builders/${builder}`, `twitchChannels/${channel.userId}`]));
  });

  it('WHEN they erase themselves THEN nothing is said to be kept', async () => {
    await say(rt, builder, { path: ['privacy'] });
    const message = snowflakeAt(clock.ms, 9);
    await answerOf(rt, buttonPress(eraseButtonId(builder), builder, { messageId: message }));
    const done = textOf(await answerOf(rt, buttonPress(confirmEraseButtonId(builder), builder, { messageId: message })));
    expect(done).toContain('Done');
    expect(done).not.toContain('Stripe Connect');
    await rt.settle();
  });

  it('THEN the local Twitch has no enabled subscription on their channel', async () => {
    expect(await enabledOnChannel()).toEqual([]);
  });

  it('THEN no stored document names their Discord id or Twitch id, the record of the erasure included', async () => {
    expect(await documentsNaming(builder)).toEqual([]);
    expect(await documentsNaming(channel.userId)).toEqual([]);
  });
});
