import { commandPaths } from '../../shared/router/command-surface';
import { generateDiscordKeyPair, signInteraction } from '../../shared/local/discord-signing';
import { ADMIN, MANAGE_GUILD, MEMBER, command, ping } from '../support/interactions';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';
import { guildPath } from '../../shared/guild';
import { orderPath, type Order } from '../../shared/orders';
import { anOrder as orderFixture } from '../support/orders';

/** A stored order: what a test names, over an order of another builder's commission. */
const anOrder = (orderId: string, shown: Partial<Order>): Order =>
  orderFixture({
    orderId,
    sourceId: `drop-${orderId}`,
    dropKind: 'commission',
    guildId: '900000000000000001',
    title: 'Board',
    buyerId: '777000000000000009',
    builderId: '777000000000000099',
    amountCents: 10_000,
    platformFeeCents: 1_000,
    builderShareCents: 9_000,
    status: 'paid',
    createdAt: '2026-10-01T10:00:00.000Z',
    ...shown,
  });

let runtime: TestRuntime;
beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(() => runtime.close());

const json = async (res: Response) => ({
  status: res.status,
  body: (await res.json()) as {
    type: number;
    data?: { flags?: number; content?: string; embeds?: Array<{ title?: string; description?: string; footer?: { text?: string } }> };
  },
});

describe('the Discord interactions ingress', () => {
  it('answers a PING signed with the configured key with a PONG', async () => {
    expect(await json(await runtime.sendInteraction(ping()))).toEqual({ status: 200, body: { type: 1 } });
  });

  it('refuses a request without a signature with 401', async () => {
    const res = await fetch(`${runtime.url}/discord/interactions`, {
      method: 'POST',
      body: JSON.stringify(ping()),
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(401);
  });

  it('refuses a body changed after signing with 401', async () => {
    const body = JSON.stringify(ping());
    const headers = signInteraction(body, runtime.secrets.DISCORD_PRIVATE_KEY as string);
    const res = await fetch(`${runtime.url}/discord/interactions`, { method: 'POST', body: body.replace('"type":1', '"type":2'), headers });
    expect(res.status).toBe(401);
  });

  it('refuses a request signed with another key with 401', async () => {
    const body = JSON.stringify(ping());
    const headers = signInteraction(body, generateDiscordKeyPair().privateKeyHex);
    expect((await fetch(`${runtime.url}/discord/interactions`, { method: 'POST', body, headers })).status).toBe(401);
  });

  it('refuses a signature made for another timestamp with 401', async () => {
    const body = JSON.stringify(ping());
    const headers = signInteraction(body, runtime.secrets.DISCORD_PRIVATE_KEY as string, '1700000000');
    const res = await fetch(`${runtime.url}/discord/interactions`, { method: 'POST', body, headers: { ...headers, 'x-signature-timestamp': '1700000001' } });
    expect(res.status).toBe(401);
  });

  it('answers a signed body that is not JSON with 400 and stays up', async () => {
    expect((await runtime.sendInteraction(undefined, { rawBody: '{"type":1,' })).status).toBe(400);
    expect((await runtime.sendInteraction(undefined, { rawBody: '[1,2,3]' })).status).toBe(400);
    expect((await json(await runtime.sendInteraction(ping()))).body).toEqual({ type: 1 });
  });

  it('answers /c500 help in the request, privately, listing every command of the product', async () => {
    const { status, body } = await json(await runtime.sendInteraction(command({ name: 'c500', path: ['help'] })));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    const embeds = body.data?.embeds ?? [];
    // Discord's limits: 4,096 characters an embed's description, 6,000 in all the embeds of a message.
    for (const embed of embeds) expect((embed.description ?? '').length).toBeLessThanOrEqual(4_096);
    expect(embeds.reduce((sum, e) => sum + (e.title ?? '').length + (e.description ?? '').length + (e.footer?.text ?? '').length, 0)).toBeLessThanOrEqual(
      6_000,
    );
    const text = embeds.map((e) => e.description ?? '').join('\n\n');
    for (const name of [
      '/c500 live',
      '/c500 drop',
      '/c500 auction',
      '/bid',
      '/c500 profile',
      '/wallet',
      '/payout',
      '/c500 setup',
      '/giveaway',
      '/c500 shipping',
    ]) {
      expect(text).toContain(name);
    }
  });

  it('defers /c500 profile privately and edits the response with the buyer’s orders', async () => {
    const interaction = command({ name: 'c500', path: ['profile'] });
    const { body } = await json(await runtime.sendInteraction(interaction));
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    await runtime.settle();
    const edits = runtime.edits(interaction.token);
    expect(edits).toHaveLength(1);
    expect(edits[0]?.message.content).toMatch(/no orders yet/);
  });

  it('edits once when the same interaction is delivered twice', async () => {
    const interaction = command({ name: 'c500', path: ['profile'] });
    const first = await json(await runtime.sendInteraction(interaction));
    const second = await json(await runtime.sendInteraction(interaction));
    expect(second).toEqual(first);
    await runtime.settle();
    expect(runtime.edits(interaction.token)).toHaveLength(1);
  });

  it('lists a buyer’s orders newest first with status, builder and proof link', async () => {
    const buyerId = '777000000000000001';
    await runtime.store.set(
      orderPath('ord_old'),
      anOrder('ord_old', {
        buyerId,
        title: 'Tofu65 build',
        status: 'shipped',
        builderName: 'Ana',
        amountCents: 18000,
        currency: 'usd',
        createdAt: '2026-10-01T10:00:00.000Z',
      }),
    );
    await runtime.store.set(
      orderPath('ord_new'),
      anOrder('ord_new', {
        buyerId,
        title: 'Lubed Gateron set',
        status: 'building',
        builderName: 'Bo',
        amountCents: 4550,
        currency: 'usd',
        proofUrl: 'https://twitch.tv/bo',
        createdAt: '2026-11-01T10:00:00.000Z',
      }),
    );
    const interaction = command({ name: 'c500', path: ['profile'], userId: buyerId });
    await runtime.sendInteraction(interaction);
    await runtime.settle();
    const embed = runtime.edits(interaction.token)[0]?.message.embeds?.[0];
    expect(embed?.fields?.map((f) => f.name)).toEqual(['Lubed Gateron set · $45.50', 'Tofu65 build · $180.00']);
    expect(embed?.fields?.[0]?.value).toContain('**building** · by Bo');
    // Stored before clips: the proof is only the channel, and says so.
    expect(embed?.fields?.[0]?.value).toContain('Proof of work: [Channel only](https://twitch.tv/bo)');
  });

  it('stores the channels when an admin runs /c500 setup and confirms privately', async () => {
    const interaction = command({
      name: 'c500',
      path: ['setup'],
      permissions: ADMIN,
      guildId: '900000000000000042',
      options: { general: '1001', marketplace: '1002', 'drop-role': '2001' },
    });
    const { body } = await json(await runtime.sendInteraction(interaction));
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
    await runtime.settle();
    expect(await runtime.store.get(guildPath('900000000000000042'))).toMatchObject({
      generalChannelId: '1001',
      marketplaceChannelId: '1002',
      dropRoleId: '2001',
    });
    expect(runtime.edits(interaction.token)[0]?.message.content).toContain('C500 is set up');
  });

  it('lets a member with Manage Server run /c500 setup', async () => {
    const interaction = command({
      name: 'c500',
      path: ['setup'],
      permissions: MANAGE_GUILD,
      guildId: '900000000000000043',
      options: { general: '1001', marketplace: '1002' },
    });
    await runtime.sendInteraction(interaction);
    await runtime.settle();
    expect(await runtime.store.get(guildPath('900000000000000043'))).toMatchObject({ dropRoleId: null });
  });

  it('refuses /c500 setup from a member who is not an admin, privately, and stores nothing', async () => {
    const interaction = command({
      name: 'c500',
      path: ['setup'],
      permissions: MEMBER,
      guildId: '900000000000000044',
      options: { general: '1001', marketplace: '1002' },
    });
    const { status, body } = await json(await runtime.sendInteraction(interaction));
    expect(status).toBe(200);
    expect(body.type).toBe(4);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toMatch(/Only server admins/);
    await runtime.settle();
    expect(await runtime.store.get(guildPath('900000000000000044'))).toBeUndefined();
  });

  it('answers an unknown command privately with what to type instead', async () => {
    const { status, body } = await json(await runtime.sendInteraction(command({ name: 'c500', path: ['teleport'] })));
    expect(status).toBe(200);
    expect(body.data?.flags).toBe(64);
    expect(body.data?.content).toContain('/c500 help');
  });

  it('serves every command of this release: none is answered as not open yet', async () => {
    for (const path of commandPaths()) {
      const [name, ...sub] = path.slice(1).split(' ');
      const { body } = await json(await runtime.sendInteraction(command({ name: name as string, path: sub })));
      expect([path, body.data?.content ?? '']).not.toEqual([path, expect.stringMatching(/isn’t open on this server yet/)]);
    }
  });

  it('defers /wallet privately: the racer’s balance comes from the store', async () => {
    const { body } = await json(await runtime.sendInteraction(command({ name: 'wallet' })));
    expect(body).toEqual({ type: 5, data: { flags: 64 } });
  });

  it('asks for a server when a command arrives in a DM', async () => {
    const { body } = await json(await runtime.sendInteraction(command({ name: 'c500', path: ['profile'], guildId: null })));
    expect(body.data?.content).toMatch(/inside a server/);
  });
});
