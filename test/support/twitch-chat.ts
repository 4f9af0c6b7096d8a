/**
 * Twitch chat for tests: a channel that let the bot in, the local Twitch's chat behind it,
 * the simulator's routes on a server of their own, and a clock a test moves.
 */
import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Request } from '@google-cloud/functions-framework';
import { LocalDocumentStore } from '../../shared/local/firestore/document-store';
import { LocalTwitch, localTwitchUser } from '../../shared/local/twitch/twitch';
import { LocalTwitchChat } from '../../shared/local/twitch/twitch-chat';
import { twitchScopes, type TwitchUser } from '../../shared/ports';

export const botUserId = '100000001';
export const clientId = 'local-client-for-tests';
export const clientSecret = 'local-client-secret-for-tests';

export interface ChatWorld {
  store: LocalDocumentStore;
  twitch: LocalTwitch;
  chat: LocalTwitchChat;
  clock: { now(): Date };
  advance(ms: number): void;
  /** A channel whose broadcaster granted channel:bot. */
  channel: TwitchUser;
  /** A channel that never let the bot in. */
  closedChannel: TwitchUser;
}

/** The bot authorized once, as the operator does; one channel let it in, one did not. */
export async function chatWorld(): Promise<ChatWorld> {
  const store = new LocalDocumentStore();
  let now = new Date('2026-11-21T20:00:00.000Z');
  const clock = { now: () => now };
  const twitch = new LocalTwitch({ store, clock, clientId });
  const chat = new LocalTwitchChat({ twitch, clock, botUserId });
  const channel = localTwitchUser('LavKeebs', '141981764');
  const closedChannel = localTwitchUser('mintkeebs', '141981765');
  await twitch.grant(localTwitchUser('c500bot', botUserId), twitchScopes.bot);
  await twitch.grant(channel, twitchScopes.broadcaster);
  await twitch.rememberUser(closedChannel);
  return { store, twitch, chat, clock, advance: (ms) => (now = new Date(now.getTime() + ms)), channel, closedChannel };
}

/** An express app as the local runtime builds it (raw bodies for every type, on 127.0.0.1), mounted by `mount`. */
export async function serveApp(mount: (app: express.Express, url: string) => void): Promise<{ url: string; close(): Promise<void> }> {
  const app = express();
  app.use(express.raw({ type: () => true }));
  app.use((req, _res, next) => {
    (req as Request).rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    next();
  });
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mount(app, url);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
