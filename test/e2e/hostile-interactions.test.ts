/**
 * Signed but hostile or strange interactions through the ingress as `npm start` runs it:
 * replayed signatures, timestamps that are not Discord's, and shapes no use case can
 * handle. Each is answered with a 4xx, nothing is published, and the ingress stays up.
 */
import fc from 'fast-check';
import { signInteraction } from '../../shared/local/discord-signing';
import { command, ping, snowflake } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
beforeAll(async () => {
  rt = await startTestRuntime();
});
afterAll(() => rt.close());

/** Everything the bus has delivered so far: a refused request must leave it as it was. */
const delivered = () => rt.bus.stats().reduce((n, s) => n + s.delivered + s.waiting + s.inFlight, 0);

async function sendRaw(body: string, timestamp?: string): Promise<Response> {
  return fetch(`${rt.url}/discord/interactions`, { method: 'POST', body, headers: signInteraction(body, rt.secrets.DISCORD_PRIVATE_KEY as string, timestamp) });
}

/** An interaction as a test spoils it: any field may be set to anything. */
type Spoilable = { data: Record<string, unknown>; member?: { user: Record<string, unknown>; permissions: unknown }; [field: string]: unknown };
describe('a signed request whose timestamp is not fresh', () => {
  const nowSeconds = () => Math.floor(Date.now() / 1000);

  it.each([
    ['a month old', () => String(nowSeconds() - 30 * 24 * 3600)],
    ['six minutes old', () => String(nowSeconds() - 360)],
    ['two minutes in the future', () => String(nowSeconds() + 120)],
    ['not a number', () => 'yesterday'],
    ['in milliseconds', () => String(Date.now() * 1000)],
  ])('is refused with 401 when it is %s, however well signed', async (_what, stamp) => {
    const before = delivered();
    const res = await sendRaw(JSON.stringify(command({ name: 'c500', path: ['profile'] })), stamp());
    expect(res.status).toBe(401);
    await rt.settle();
    expect(delivered()).toBe(before);
  });

  it('is accepted when it was signed a few seconds ago', async () => {
    expect((await sendRaw(JSON.stringify(ping()), String(nowSeconds() - 5))).status).toBe(200);
  });
});

describe('a signed interaction of a shape no use case can handle', () => {
  const bid = (amount: unknown) => {
    const interaction = command({ name: 'bid', options: { amount: 25 } }) as unknown as { data: { options: Array<{ value: unknown }> } };
    (interaction.data.options[0] as { value: unknown }).value = amount;
    return interaction;
  };

  it('answers an option value of the wrong type with 400 and publishes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(true),
          fc.constant(null),
          fc.object(),
          fc.array(fc.integer()),
          fc.constant('NaN'),
          fc.double({ noDefaultInfinity: false }).filter((n) => !Number.isFinite(n)),
        ),
        async (value) => {
          const before = delivered();
          const body = JSON.stringify(bid(value));
          const res = await sendRaw(body);
          // `amount` is a NUMBER option: Discord never sends anything else in it.
          expect(res.status).toBe(400);
          expect(delivered()).toBe(before);
        },
      ),
      { numRuns: 25 },
    );
  });

  it.each([
    ['options that are not a list', (i: Spoilable) => (i.data.options = { amount: 25 })],
    ['a guild id that is not a snowflake', (i: Spoilable) => (i.guild_id = '../../guilds/x')],
    ['a channel id that is not a snowflake', (i: Spoilable) => (i.channel_id = 'general')],
    ['a user id that is not a snowflake', (i: Spoilable) => ((i.member as Spoilable['member'] & object).user.id = 'orders/abc')],
    ['permissions that are not a number', (i: Spoilable) => ((i.member as Spoilable['member'] & object).permissions = 'all')],
    ['an id that is not a snowflake', (i: Spoilable) => (i.id = 'x')],
    ['no one who made it', (i: Spoilable) => delete i.member],
    ['a subcommand carrying a value', (i: Spoilable) => (i.data.options = [{ name: 'profile', type: 1, value: 'x' }])],
  ])('answers an interaction with %s with 400', async (_what, spoil) => {
    const interaction = command({ name: 'c500', path: ['profile'] }) as unknown as Spoilable;
    spoil(interaction);
    const before = delivered();
    expect((await sendRaw(JSON.stringify(interaction))).status).toBe(400);
    expect(delivered()).toBe(before);
  });

  it('answers very deeply nested modal components with 400, and stays up', async () => {
    const depth = 5_000; // about 130 kB: under the body limit, far past any real modal
    const nested = `${'{"type":1,"components":['.repeat(depth)}{"type":4,"custom_id":"title","value":"x"}${']}'.repeat(depth)}`;
    const modal = {
      id: snowflake(),
      type: 5,
      token: `token-${snowflake()}`,
      application_id: '1100000000000000001',
      guild_id: '900000000000000001',
      channel_id: '910000000000000001',
      member: { user: { id: snowflake(), username: 'deep' }, permissions: '0' },
      data: { custom_id: 'drop:create', components: ['NESTED'] },
    };
    const before = delivered();
    expect((await sendRaw(JSON.stringify(modal).replace('"NESTED"', nested))).status).toBe(400);
    expect(delivered()).toBe(before);
    expect((await sendRaw(JSON.stringify(ping()))).status).toBe(200);
  });

  it('still answers a command from a DM, which names a user and no member, with what to do', async () => {
    const res = await sendRaw(JSON.stringify(command({ name: 'c500', path: ['profile'], guildId: null })));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { content: string } }).data.content).toMatch(/server/i);
  });
});

describe('answers to what a person typed', () => {
  it('fit Discord’s 2,000 characters however long the typed text they repeat', async () => {
    const res = await rt.sendInteraction(
      command({ name: 'c500', path: ['auction', 'start'], options: { item: 'Tofu65', price: 25, duration: '9'.repeat(6_000) } }),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { content?: string; embeds?: Array<{ description?: string }> } };
    expect(JSON.stringify(body.data).length).toBeLessThan(6_000);
    expect(body.data.content?.length ?? 0).toBeLessThanOrEqual(2_000);
    expect(body.data.embeds?.[0]?.description?.length ?? 0).toBeLessThanOrEqual(4_096);
  });

  it('never has Discord refuse a message the product sent in this file for being over a limit', async () => {
    await rt.settle();
    expect(rt.outbox.refused.filter((r) => r.code === 50035)).toEqual([]);
  });
});

describe('after every hostile request in this file', () => {
  it('has left no job dead-lettered', async () => {
    await rt.settle();
    expect(rt.bus.deadLetters).toEqual([]);
  });
});
