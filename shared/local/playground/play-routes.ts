/**
 * @module play-routes
 * `/_local/play`: C500 as a Discord member sees it, in a browser, on the local runtime. The
 * page is laid out like a Discord client; every action goes through the real path (the
 * relay signs it and posts it to the ingress), and what the product sends comes back as
 * server-sent events from the outbox. Local only: mounted by the runtime's dev routes, never
 * by a deployed function (a test reads the deploy bundles).
 */
import type express from 'express';
import type { Clock } from '../../ports';
import type { DiscordOutbox } from '../discord/discord-outbox';
import type { LocalTwitchChat } from '../twitch/twitch-chat';
import { playAssets } from './play-bundle';
import { PlayFeed, type PlayEvent } from './play-feed';
import { avatarSvg, playPage } from './play-page';
import { PlayRefusal, PlayRelay, type PlayAction } from './play-relay';
import { playRoles, type PlayRole, type PlayWorldBook } from './play-world';
import { readStreamerFacts, type StreamerFactsDeps } from './streamer-facts';
import { readParcelRows } from './parcel-facts';
import { isSetUp } from './setup-state';
import { streamerSetup } from './streamer-words';
import { personPseudonym } from '../../log';

export const playgroundPath = '/_local/play';

export interface PlaygroundDeps {
  /** The runtime's public address: where the relay posts, as Discord would. */
  url: string;
  projectRoot: string;
  /** The playground's people, shared with the local Discord's sign-in page. */
  world: PlayWorldBook;
  privateKey: string | undefined;
  applicationId: string;
  clock: Clock;
  outbox: DiscordOutbox;
  twitchChat: LocalTwitchChat;
  /** What "Twitch & pages" reads of a streamer: their channel, chat bidding, the bot's standing, what is live. */
  streamer: StreamerFactsDeps;
}

export function mountPlayground(app: express.Express, deps: PlaygroundDeps): PlayFeed {
  const feed = new PlayFeed(5_000, () => deps.clock.now());
  const { world } = deps;
  const relay = new PlayRelay({ ingressUrl: deps.url, privateKey: deps.privateKey, applicationId: deps.applicationId, clock: deps.clock, feed, world });
  const assets = playAssets(deps.projectRoot);
  deps.outbox.watch((change) => void feed.add('entry' in change ? { kind: 'outbox', entry: change.entry } : { kind: 'refused', refusal: change.refusal }));
  deps.twitchChat.onPosted(
    (m) => void feed.add({ kind: 'chat', line: { channel: m.broadcasterLogin ?? m.channel, login: 'c500bot', text: m.text, bot: true } }),
  );

  app.get(playgroundPath, (_req, res) => void res.type('html').set('cache-control', 'no-store').send(playPage(playgroundPath)));
  app.get(`${playgroundPath}/app.js`, async (_req, res) => {
    try {
      res
        .type('text/javascript')
        .set('cache-control', 'no-store')
        .send(await assets.script());
    } catch (error) {
      res
        .status(500)
        .type('text/plain')
        .send(`the playground's script did not build: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  app.get(`${playgroundPath}/avatar.svg`, (_req, res) => void res.type('image/svg+xml').send(avatarSvg));
  app.get(
    `${playgroundPath}/play.css`,
    async (_req, res) =>
      void res
        .type('text/css')
        .set('cache-control', 'no-store')
        .send(await assets.styles()),
  );
  app.get(`${playgroundPath}/world`, async (_req, res) => void res.set('cache-control', 'no-store').json(await worldAnswer(deps)));
  // A streamer's setup in one place: overlay links for what is live, chat bidding in words, the bot's standing.
  app.get(`${playgroundPath}/streamer`, async (req, res) => {
    const { user, guild } = req.query;
    if (typeof user !== 'string' || typeof guild !== 'string' || !/^\d{1,20}$/.test(user) || !/^\d{1,20}$/.test(guild))
      return void res.status(400).json({ error: 'user and guild are the Discord ids of the streamer and the server' });
    res.set('cache-control', 'no-store').json(streamerSetup(deps.url, await readStreamerFacts(deps.streamer, user, guild)));
  });
  // The carrier panel: the server's shipped orders, where each parcel stands and what its last payout waits for.
  app.get(
    `${playgroundPath}/parcels`,
    async (_req, res) =>
      void res
        .set('cache-control', 'no-store')
        .json({ parcels: await readParcelRows({ store: deps.streamer.store, clock: deps.clock }, world.world().guild.id) }),
  );
  app.get(`${playgroundPath}/events`, (req, res) => followFeed(req, res, feed));

  app.post(`${playgroundPath}/interactions`, async (req, res) => {
    const body = jsonBody(req, res);
    if (!body) return;
    try {
      const played = isRecord(body.interaction) ? await relay.relay(body.interaction) : await relay.act(readAction(body));
      res.json({ interaction: played });
    } catch (error) {
      if (error instanceof PlayRefusal) return void res.status(error.status).json({ error: error.message });
      throw error;
    }
  });
  // "Dismiss message" under an ephemeral answer: Discord keeps it dismissed on every client of that person.
  app.post(`${playgroundPath}/dismissed`, (req, res) => {
    const body = jsonBody(req, res);
    if (!body) return;
    if (typeof body.key !== 'string' || typeof body.userId !== 'string' || body.key.length > 200)
      return void res.status(400).json({ error: 'key and userId name the message its reader dismissed' });
    feed.add({ kind: 'dismissed', key: body.key, userId: body.userId });
    res.json({ dismissed: body.key });
  });
  app.post(`${playgroundPath}/people`, (req, res) => {
    const body = jsonBody(req, res);
    if (!body) return;
    if (!playRoles.includes(body.role as PlayRole)) return void res.status(400).json({ error: `role is one of ${playRoles.join(', ')}` });
    res.json({ person: world.add(body.role as PlayRole, deps.clock.now().getTime()) });
  });
  // A viewer's line in a builder's Twitch chat: handed to the Twitch simulator, which delivers it to C500 over EventSub.
  app.post(`${playgroundPath}/chat`, async (req, res) => {
    const body = jsonBody(req, res);
    if (!body) return;
    const { channel, login, text } = body;
    if (typeof channel !== 'string' || typeof login !== 'string' || typeof text !== 'string')
      return void res.status(400).json({ error: 'channel, login and text are the channel’s login, the viewer’s login and the line' });
    const sent = await fetch(`${deps.url}/_local/twitch/chat/send`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ broadcaster_user_login: channel, chatter_user_login: login, text }),
    });
    const answer = (await sent.json()) as Record<string, unknown>;
    if (sent.ok) feed.add({ kind: 'chat', line: { channel: channel.toLowerCase(), login: login.toLowerCase(), text, bot: false } });
    res.status(sent.status).json(answer);
  });
  return feed;
}

/**
 * Server-sent events: what the page missed since `Last-Event-ID` (`<boot>:<seq>`), then each
 * event as it happens. A page that followed another run of the runtime, or fell behind what
 * the feed keeps, is told to start afresh (`reset`) rather than left silently short.
 */
/** The playground's world as the page loads it: its people and channels, the commands, the clock, and whether the server is set up now. */
async function worldAnswer(deps: PlaygroundDeps): Promise<Record<string, unknown>> {
  // Loaded on first use: the command surface brings every module's routes with it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design
  const { commandDefinitions } = require('../../router/command-surface') as typeof import('../../router/command-surface');
  const seen = deps.world.world();
  const builder = seen.people.find((p) => p.role === 'builder');
  return {
    ...seen,
    // The Stripe panel names the people of a payment, which Stripe knows by keyed pseudonym only.
    people: seen.people.map((p) => ({ ...p, pseudonym: personPseudonym(p.id) })),
    setUp: await isSetUp(deps.streamer.store, seen.guild.id, builder?.id),
    commands: commandDefinitions,
    applicationId: deps.applicationId,
    signs: deps.privateKey !== undefined,
    now: deps.clock.now().toISOString(),
  };
}

function followFeed(req: express.Request, res: express.Response, feed: PlayFeed): void {
  const [boot, seen] = String(req.get('last-event-id') ?? '').split(':');
  const after = Number(seen);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
  if (boot && (boot !== feed.boot || !Number.isSafeInteger(after) || !feed.canReplayAfter(after))) {
    res.end('event: reset\ndata: {}\n\n');
    return;
  }
  const send = (event: PlayEvent) => {
    res.write(`id: ${feed.boot}:${event.seq}\nevent: ${event.kind}\ndata: ${JSON.stringify(event)}\n\n`);
    // A tab that stopped reading (asleep, or a herd outrunning it) is let go; it comes back with its last id and is caught up.
    if (res.writableLength > maxUnreadBytes) res.end();
  };
  for (const event of feed.since(boot ? after : 0)) send(event);
  res.write(': caught up\n\n');
  const stop = feed.follow(send);
  // A comment now and then keeps proxies and the browser from calling a quiet stream dead.
  const beat = setInterval(() => res.write(': beat\n\n'), 15_000);
  res.on('close', () => {
    stop();
    clearInterval(beat);
  });
}

const maxUnreadBytes = 8 * 1024 * 1024;

/**
 * The JSON a POST carries, or a 4xx already sent. JSON only: a page elsewhere on the web
 * cannot send it without a CORS preflight this server never answers, so it cannot act here
 * through a person's browser.
 */
function jsonBody(req: express.Request, res: express.Response): Record<string, unknown> | undefined {
  if (!(req.get('content-type') ?? '').startsWith('application/json')) {
    res.status(415).json({ error: 'send JSON (content-type: application/json)' });
    return undefined;
  }
  try {
    const parsed = JSON.parse(Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '') as unknown;
    if (isRecord(parsed)) return parsed;
  } catch {
    // answered below
  }
  res.status(400).json({ error: 'the body is a JSON object' });
  return undefined;
}

function readAction(body: Record<string, unknown>): PlayAction {
  const { as, channelId, type, data, messageId } = body;
  if (typeof as !== 'string') throw new PlayRefusal(400, 'as is the id of the person acting');
  if (type !== 2 && type !== 3 && type !== 5) throw new PlayRefusal(400, 'type is 2 (a command), 3 (a button or menu) or 5 (a modal submitted)');
  if (!isRecord(data)) throw new PlayRefusal(400, 'data is what Discord puts in the interaction’s data');
  if (channelId !== undefined && typeof channelId !== 'string') throw new PlayRefusal(400, 'channelId is a channel id, or absent for a DM');
  if (messageId !== undefined && typeof messageId !== 'string') throw new PlayRefusal(400, 'messageId is the id of the message a component is on');
  return { as, type, data, ...(channelId !== undefined ? { channelId } : {}), ...(messageId !== undefined ? { messageId } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
