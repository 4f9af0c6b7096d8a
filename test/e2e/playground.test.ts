/**
 * The playground's side of the local runtime, over HTTP: its page and world, the relay that
 * plays Discord (signing with the development key and posting to the ingress), the feed of
 * server-sent events it follows, and what it refuses.
 */
import { request } from 'node:http';
import { commandDefinitions } from '../../shared/router/command-surface';
import { generateDiscordKeyPair } from '../../shared/local/discord-signing';
import type { PlayEvent, PlayInteraction } from '../../shared/local/playground/play-feed';
import { startTestRuntime, type TestRuntime } from '../support/local-runtime';

let rt: TestRuntime;
const bo = '1310000000000000102';
const ana = '1310000000000000104';
const general = '1310000000000000011';

beforeAll(async () => {
  rt = await startTestRuntime();
}, 60_000);
afterAll(() => rt?.close());

const post = (path: string, body: unknown, contentType = 'application/json') =>
  fetch(`${rt.url}/_local/play${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const command = (as: string, sub: string, options: unknown[] = []) => ({
  as,
  channelId: general,
  type: 2,
  data: { name: 'c500', type: 1, options: [{ name: sub, type: 1, options }] },
});

type Seen = PlayEvent & { id: string };

/** The feed's events, each with its event id, read from the event stream until `enough` says so (15 s at most). */
async function readFeed(enough: (events: Seen[]) => boolean, headers: Record<string, string> = {}): Promise<{ events: Seen[]; reset: boolean }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 15_000);
  const answer = await fetch(`${rt.url}/_local/play/events`, { headers, signal: controller.signal });
  expect(answer.headers.get('content-type')).toBe('text/event-stream');
  const reader = (answer.body as ReadableStream<Uint8Array>).getReader();
  const events: Seen[] = [];
  let text = '';
  let reset = false;
  try {
    while (!enough(events) && !reset) {
      const { value, done } = await reader.read();
      if (done) break;
      text += Buffer.from(value).toString('utf8');
      const blocks = text.split('\n\n');
      text = blocks.pop() ?? '';
      for (const block of blocks) {
        const field = (name: string) =>
          block
            .split('\n')
            .find((l) => l.startsWith(`${name}: `))
            ?.slice(name.length + 2);
        if (field('event') === 'reset') reset = true;
        const data = field('data');
        if (data && field('id')) events.push({ ...(JSON.parse(data) as PlayEvent), id: field('id') as string });
      }
    }
  } catch {
    // the deadline: what was read is answered, and the test says what is missing
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { events, reset };
}

describe('the playground’s routes', () => {
  it('serves its page, its script and a world whose commands are the ones register-commands sends', async () => {
    const page = await fetch(`${rt.url}/_local/play`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toContain('/_local/play/app.js');
    const script = await fetch(`${rt.url}/_local/play/app.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toContain('discord-message');
    const world = (await (await fetch(`${rt.url}/_local/play/world`)).json()) as {
      people: Array<{ role: string }>;
      commands: unknown;
      channels: unknown[];
      signs: boolean;
    };
    expect(world.commands).toEqual(JSON.parse(JSON.stringify(commandDefinitions)));
    expect(new Set(world.people.map((p) => p.role))).toEqual(new Set(['builder', 'buyer', 'admin', 'show host', 'racer']));
    expect(world.people.filter((p) => p.role === 'buyer')).toHaveLength(2);
    expect(world.signs).toBe(true);
  });

  it('plays Discord: a command a person sends reaches the ingress signed, and its answer and the deferred edit come back on the feed', async () => {
    const answered = await post('/interactions', command(bo, 'help'));
    expect(answered.status).toBe(200);
    const help = ((await answered.json()) as { interaction: PlayInteraction }).interaction;
    expect(help.answer).toMatchObject({ status: 200, type: 4, data: { flags: 64 } });

    const profile = ((await (await post('/interactions', command(bo, 'profile'))).json()) as { interaction: PlayInteraction }).interaction;
    expect(profile.answer).toMatchObject({ status: 200, type: 5 });
    const { events } = await readFeed((e) => e.some((x) => x.kind === 'outbox' && x.entry.interactionToken === profile.token));
    const tokens = events.flatMap((e) => (e.kind === 'interaction' ? [e.interaction.token] : []));
    expect(tokens).toEqual(expect.arrayContaining([help.token, profile.token]));
    expect(events.find((e) => e.kind === 'outbox' && e.entry.interactionToken === profile.token)).toMatchObject({ entry: { kind: 'edit' } });
  });

  it('replays only what a page missed, from the last event it names, and starts a page of another run afresh', async () => {
    const { events: all } = await readFeed((e) => e.length >= 2);
    const last = all[all.length - 2] as Seen;
    expect(last.id).toMatch(/^[0-9a-z]+:\d+$/);
    const { events: missed } = await readFeed((e) => e.length >= 1, { 'last-event-id': last.id });
    expect(missed[0]?.seq).toBe(last.seq + 1);
    const otherRun = await readFeed((e) => e.length >= 1, { 'last-event-id': `zzzz:${last.seq}` });
    expect(otherRun).toEqual({ events: [], reset: true });
  });

  it('still plays Discord after the local clock moved an hour on: the signature is on real time, the token on the local clock', async () => {
    const moved = await fetch(`${rt.url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: 3_600_000 }),
    });
    expect(moved.status).toBe(200);
    const profile = ((await (await post('/interactions', command(bo, 'profile'))).json()) as { interaction: PlayInteraction }).interaction;
    expect(profile.answer).toMatchObject({ status: 200, type: 5 });
    const { events } = await readFeed((e) => e.some((x) => x.kind === 'outbox' && x.entry.interactionToken === profile.token));
    expect(events.some((x) => x.kind === 'outbox' && x.entry.interactionToken === profile.token)).toBe(true);
  });

  it('says when the next waiting task comes due, so Skip ahead’s Next task moves the clock to it and it runs', async () => {
    const readClock = async () =>
      (await (await fetch(`${rt.url}/_local/clock`)).json()) as { now: string; nextTask: { queue: string; name: string; at: string; inMs: number } | null };
    const before = await readClock();
    const runAt = new Date(Date.parse(before.now) + 5 * 86_400_000);
    // The soonest waiting, five days on: a task the close's function takes and finds nobody's (its payload names no group buy).
    await rt.tasks.schedule({ queue: 'groupbuy-close', name: 'skip-ahead-probe', target: '/tasks/groupbuy-close', payload: {}, runAt });
    const { nextTask } = await readClock();
    expect(nextTask).toMatchObject({ queue: 'groupbuy-close', name: 'skip-ahead-probe', at: runAt.toISOString() });
    expect(nextTask?.inMs).toBeGreaterThan(4 * 86_400_000);
    const moved = await fetch(`${rt.url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceMs: nextTask?.inMs }),
    });
    expect(((await moved.json()) as { tasksRun: number }).tasksRun).toBeGreaterThanOrEqual(1);
    expect((await readClock()).nextTask?.name).not.toBe('skip-ahead-probe');
  });

  it('answers no page that names another host (DNS rebinding) and takes no POST from another site', async () => {
    const status = (headers: Record<string, string>, method = 'GET', path = '/_local/play/world') =>
      new Promise<number>((resolve, reject) => {
        const { port } = new URL(rt.url);
        const req = request({ host: '127.0.0.1', port, path, method, headers }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end(method === 'POST' ? JSON.stringify(command(bo, 'help')) : undefined);
      });
    expect(await status({ host: 'evil.example' })).toBe(403);
    expect(await status({ host: 'evil.example:8080' }, 'POST', '/_local/play/interactions')).toBe(403);
    expect(
      await status(
        { host: `127.0.0.1:${new URL(rt.url).port}`, origin: 'http://evil.example', 'content-type': 'application/json' },
        'POST',
        '/_local/play/interactions',
      ),
    ).toBe(403);
    expect(
      await status({ host: `127.0.0.1:${new URL(rt.url).port}`, origin: 'null', 'content-type': 'application/json' }, 'POST', '/_local/play/interactions'),
    ).toBe(403);
    expect(await status({ host: `localhost:${new URL(rt.url).port}` })).toBe(200);
    expect(
      await status({ host: `127.0.0.1:${new URL(rt.url).port}`, origin: rt.url, 'content-type': 'application/json' }, 'POST', '/_local/play/interactions'),
    ).toBe(200);
  });

  it('adds a person in a role with one request, numbered after the ones there', async () => {
    const added = (await (await post('/people', { role: 'buyer' })).json()) as { person: { id: string; name: string; role: string } };
    expect(added.person).toMatchObject({ name: 'buyer_2', role: 'buyer' });
    const answered = await post('/interactions', command(added.person.id, 'help'));
    expect(answered.status).toBe(200);
    expect((await post('/people', { role: 'emperor' })).status).toBe(400);
  });

  it('relays a script’s own interaction unchanged, so a demo run shows in the playground', async () => {
    const body = {
      id: '1320000000000000901',
      type: 2,
      token: 'demo-token-watched',
      application_id: rt.secrets.DISCORD_APPLICATION_ID,
      guild_id: '1400000000000000001',
      channel_id: '1400000000000000002',
      member: { user: { id: '800000000000000002', username: 'bo_buyer' }, permissions: '3072' },
      data: { name: 'c500', options: [{ name: 'help', type: 1, options: [] }] },
    };
    const relayed = ((await (await post('/interactions', { interaction: body })).json()) as { interaction: PlayInteraction }).interaction;
    expect(relayed).toMatchObject({
      token: 'demo-token-watched',
      guildId: '1400000000000000001',
      user: { username: 'bo_buyer' },
      answer: { status: 200, type: 4 },
    });
  });

  it('hands a viewer’s chat line to the Twitch simulator and shows it on the feed', async () => {
    const sent = await post('/chat', { channel: 'cleobuilds', login: 'viewer_vic', text: 'hello chat' });
    expect(sent.status).toBe(200);
    const { events } = await readFeed((e) => e.some((x) => x.kind === 'chat' && x.line.text === 'hello chat'));
    expect(events.find((x) => x.kind === 'chat' && x.line.text === 'hello chat')).toMatchObject({ line: { login: 'viewer_vic', bot: false } });
  });

  it('refuses what a person could not do in Discord, and anything but JSON, with a 4xx saying why', async () => {
    const refusals = [
      await post('/interactions', command('1310000000000000999', 'help')),
      await post('/interactions', { ...command(bo, 'help'), channelId: '1400000000000000002' }),
      await post('/interactions', { ...command(bo, 'help'), type: 1 }),
      await post('/interactions', { ...command(bo, 'help'), data: 'help' }),
      await post('/interactions', 'not json'),
      await post('/interactions', 'as=1&type=2', 'application/x-www-form-urlencoded'),
    ];
    expect(refusals.map((r) => r.status)).toEqual([400, 400, 400, 400, 400, 415]);
    for (const r of refusals) expect(((await r.json()) as { error: string }).error).toMatch(/\w+ \w+/);
  });

  it('names the trace each interaction began, where its every line is: the ingress’s, the subscriber’s and the deferred edit’s', async () => {
    const played = ((await (await post('/interactions', command(bo, 'profile'))).json()) as { interaction: PlayInteraction }).interaction;
    expect(played.traceId).toMatch(/^[0-9a-f]{32}$/);
    await rt.settle();
    const trace = (await (await fetch(`${rt.url}/_local/trace/${played.traceId}`)).json()) as { traceId: string; entries: Array<Record<string, unknown>> };
    expect(trace.traceId).toBe(played.traceId);
    expect(trace.entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ function: 'discordInteractions', message: 'answered', fields: expect.objectContaining({ interactionId: played.id }) }),
        expect.objectContaining({ message: 'delivery handled' }),
        expect.objectContaining({ message: 'outbound call', fields: expect.objectContaining({ system: 'discord', call: 'editOriginalResponse' }) }),
      ]),
    );
  });
});

describe('the playground on a runtime that checks a real app’s key', () => {
  it('says it cannot sign, and how to play, instead of sending what the ingress would refuse', async () => {
    const own = await startTestRuntime({ env: { DISCORD_PUBLIC_KEY: generateDiscordKeyPair().publicKeyHex } });
    try {
      const world = (await (await fetch(`${own.url}/_local/play/world`)).json()) as { signs: boolean };
      expect(world.signs).toBe(false);
      const answer = await fetch(`${own.url}/_local/play/interactions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(command(ana, 'help')),
      });
      expect(answer.status).toBe(409);
      expect(((await answer.json()) as { error: string }).error).toMatch(/unset DISCORD_PUBLIC_KEY/);
    } finally {
      await own.close();
    }
  }, 60_000);
});
