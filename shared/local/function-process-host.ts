/**
 * @module function-process-host
 * The inside of a process the local runtime runs functions in (`scripts/function-process`):
 * it hosts the functions it is told to and reaches everything else the way a deployed
 * function reaches Google's and Discord's services, across the process boundary: the
 * document store, the task queue, the bus and Twitch's stand-ins through the runtime,
 * Stripe with the production adapter (stripe-node) over HTTP against the local Stripe the
 * runtime serves, Discord through the outbox (or its REST stand-in, with the production
 * client), the auction book through a Redis connection of its own.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer, Socket } from 'node:net';
import { onTracedLine, printLinesATurnAtATime, redactSecrets, setLogIdKey, setTraceProject } from '../log';
import { writtenLineOf } from './trace-journal';
import { onSpanEnded } from '../trace-context';
import { lazy, type Platform } from '../platform';
import {
  shopSecretsDatabase,
  systemClock,
  type DiscordMessenger,
  type EventPublisher,
  type PubSubCloudEvent,
  type PubSubHandler,
  type TaskQueue,
  type TwitchChat,
  type TwitchGateway,
} from '../ports';
import { functionRegistry, type FunctionEntry } from '../registry';
import { pubsubMessage } from './pubsub/event-bus';
import { shopConnectionsFrom } from '../adapters/shops/shop-connections';
import { openAuctionBook, type OpenedBook } from './auction-book-connection';
import { FrontDoor, type HandOff } from './front-door';
import { proxyTo } from './http-proxy';
import { grantedPublisher, grantedTaskQueue } from './grants';
import { rememberingTaskNames } from '../adapters/cloud-tasks/remembered-task-names';
import { ProcessRpc } from './process-rpc';
import { rawBodyReader } from './raw-body';
import { RemoteDocumentStore, type StoreService } from './remote-document-store';
import { createFirestoreDocumentStore } from '../adapters/firestore/firestore-document-store';
import { FaultInjector } from './faults/fault-injector';
import { LatencyDrawer } from './latency/latency-drawer';
import { latentHandler, latentPublisher, latentServices, latentTasks } from './latency/latent-ports';
import { clockSkewOf } from './faults/clock-skew';
import { faultyTwitchChat } from './faults/faulty-twitch-chat';
import { LocalClock } from './local-clock';
import { isHandedConnection, localClockHeader, type HandedConnection, type HostFunction, type ProcessInit } from './process-contract';
import { discordApiMessenger } from './discord-api';
import { discordOAuthFor } from '../adapters/discord/discord-oauth-client';
import { stripeOverHttp } from './stripe/production-adapter';
import { carrierOverHttp } from './carrier/production-adapter';
import { emulatorPublisher } from './emulator-publisher';
import { discordMessengerMethods, taskQueueMethods, twitchChatMethods, twitchMethods } from './whole-ports';

/** What `scripts/function-process` runs. */
export function serveFunctions(hostFunction: HostFunction): void {
  printLinesATurnAtATime();
  const rpc = new ProcessRpc(process);
  const handlers = new Map<string, PubSubHandler>();
  const reported = { ms: Date.now() };
  // On the system's time, the runtime's clock may have been moved ahead (`POST /_local/clock`): this process adds the same.
  const moved = new LocalClock();
  let skewMs = 0;
  const closers: Array<() => Promise<void>> = [];
  let frontListener: (listener: NetServer) => void = () => undefined;
  const handedOver = new Promise<NetServer>((resolve) => (frontListener = resolve));
  // Connections the front handed on whole: served once this process's HTTP server is up.
  let adopt: (socket: Socket, head: Buffer) => void = (socket) => socket.destroy();
  process.on('message', (message: unknown, handle: unknown) => {
    if ((message as { frontListener?: boolean } | null)?.frontListener) frontListener(handle as NetServer);
    else if (isHandedConnection(message) && handle) adopt(handle as Socket, Buffer.from(message.head));
  });

  rpc.serve('host', {
    init: async (init: ProcessInit): Promise<{ httpPort?: number }> => {
      redactSecrets(Object.values(init.config.secrets));
      // The runtime's key, so each process writes the same hash of a person as the others.
      if (init.config.secrets.LOG_ID_KEY) setLogIdKey(init.config.secrets.LOG_ID_KEY);
      setTraceProject(init.config.projectId);
      // Every line written inside a trace goes to the runtime's journal too, as printed (batched a turn at a time by the channel).
      onTracedLine((line, span, json) => rpc.notify('traces', 'recordWritten', [[writtenLineOf(line, span, json)]]));
      // And every span as it ends, as Cloud Trace would be sent it.
      onSpanEnded((span) => rpc.notify('traces', 'recordSpans', [[span]]));
      let book: OpenedBook | undefined;
      const faults = init.faults
        ? new FaultInjector(init.faults, `${init.role}#${init.incarnation ?? 0}`, (kind) => rpc.notify('faults', 'note', [kind]))
        : undefined;
      // Each process (each incarnation) keeps its own skew, drawn once from its seeded stream; a moved clock keeps it.
      skewMs = init.reportsClock ? 0 : clockSkewOf(faults);
      moved.advance((init.clockOffsetMs ?? 0) + skewMs);
      const latency = init.latency ? new LatencyDrawer(init.latency, `${init.role}#${init.incarnation ?? 0}`) : undefined;
      // The book's clock is Redis's, moved as far as the runtime's clock is (never this process's skew).
      const clockOffsetMs = () => (init.reportsClock ? reported.ms : moved.now().getTime() - skewMs) - Date.now();
      const opened = () => (book ??= openAuctionBook(init.book, init.config, { faults, latency, clockOffsetMs }));
      closers.push(async () => book?.close());
      const services = latentServices(remoteServices(rpc, init, faults, closers, latency, opened), latency);
      const urlOf = (role: string) => rpc.call('processes', 'urlOf', [role]) as Promise<string>;
      const frontDoor = init.http === 'none' ? undefined : functionsFrontDoor(init, reported, urlOf);
      for (const name of init.functions) {
        const entry = functionRegistry.find((e) => e.name === name);
        if (!entry) throw new Error(`the registry has no ${name}`);
        const clock = init.reportsClock ? { now: () => new Date(reported.ms) } : moved;
        const platform: Platform = {
          ...services,
          config: init.config,
          clock,
          publisher: lazy(() => latentPublisher(publisherFor(rpc, entry, init), latency)),
          // As deployed: names this instance saw taken are not asked for again.
          tasks: lazy(() => rememberingTaskNames(latentTasks(grantedTaskQueue(entry, rpc.proxy<TaskQueue>('tasks', taskQueueMethods)), latency), clock)),
          auctionBook: lazy(() => opened().book),
          chatOutbox: lazy(() => opened().chatOutbox),
        };
        const hosted = hostFunction(entry, platform);
        if (hosted.kind === 'pubsub') handlers.set(name, hosted.handler);
        else if (entry.kind !== 'pubsub' && frontDoor)
          frontDoor.mount(entry.route, latentHandler(hosted.handler, latency), { subpaths: entry.kind === 'http' && entry.subpaths === true });
        else throw new Error(`${name} is an HTTP function: this process was given no way to serve HTTP`);
      }
      if (!frontDoor) return {};
      const server = await (init.http === 'front' ? frontDoor.listen(await handedOver, handOffTo(init.directRoutes ?? [])) : frontDoor.listen(0));
      adopt = (socket, head) => frontDoor.adopt(socket, head);
      closers.push(() => new Promise((resolve) => server.close(() => resolve())));
      closers.push(async () => server.closeAllConnections());
      return init.http === 'own-port' ? { httpPort: (server.address() as AddressInfo).port } : {};
    },
    deliver: async (name: string, event: PubSubCloudEvent, clockMs: number | undefined) => {
      if (clockMs !== undefined) reported.ms = clockMs;
      const handler = handlers.get(name);
      if (!handler) throw new Error(`this process does not host ${name}`);
      await handler(event);
    },
    setClockOffset: (ms: number) => moved.advance(ms + skewMs - moved.offset),
    cpuUsage: () => process.cpuUsage(),
    // Answered after whatever this process queued before it: the channel keeps order.
    sync: () => undefined,
    close: async () => {
      await Promise.all(closers.map((close) => close()));
      setImmediate(() => process.exit(0));
    },
  });
  // The runtime went away without closing us: nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
}

/** The services that live in the runtime, reached across the process boundary. */
function remoteServices(
  rpc: ProcessRpc,
  init: ProcessInit,
  faults: FaultInjector | undefined,
  closers: Array<() => Promise<void>>,
  latency: LatencyDrawer | undefined,
  opened: () => OpenedBook,
): Pick<Platform, 'store' | 'shopSecrets' | 'shopConnections' | 'payments' | 'carrier' | 'twitch' | 'twitchChat' | 'discord' | 'discordOAuth'> {
  const firestoreHost = init.firestoreHost;
  // Under the production clients, the SDK itself, as a deployed function has it; else the runtime's embedded store across the boundary.
  const storeAt = (target: string, databaseId?: string) =>
    lazy(() => {
      if (!firestoreHost) return new RemoteDocumentStore((method, args) => rpc.call(target, method, args) as Promise<ReturnType<StoreService[typeof method]>>);
      const opened = createFirestoreDocumentStore(init.config.projectId, { emulatorHost: firestoreHost, ...(databaseId ? { databaseId } : {}) });
      closers.push(() => opened.close());
      return opened;
    });
  const store = storeAt('store');
  const shopSecrets = storeAt('shopSecrets', shopSecretsDatabase);
  return {
    store,
    shopSecrets,
    // Read through every time, as in the runtime: a secret `/race connect` saves is in force at once.
    shopConnections: lazy(() => shopConnectionsFrom((path) => shopSecrets().get(path), { clock: systemClock, ttlMs: 0 })),
    // stripe-node over HTTP to the runtime's local Stripe, as a deployed function calls api.stripe.com; the latency profile waits at its transport,
    // and the account's one write budget, on the book's Redis, before it.
    payments: lazy(() => {
      const secretKey = init.config.secrets.STRIPE_SECRET_KEY as string;
      return stripeOverHttp(secretKey, { ...init.stripeApi, writeBudget: opened().stripeWriteBudget(secretKey) }, latency);
    }),
    // @easypost/api over HTTP to the runtime's carrier stand-in, as a deployed function calls api.easypost.com.
    carrier: lazy(() => carrierOverHttp(init.config, init.carrierApiUrl)),
    twitch: lazy(() => rpc.proxy<TwitchGateway>('twitch', twitchMethods)),
    // Twitch's chat limits hold per channel across every process: one chat, in the runtime; the faults are this process's own.
    twitchChat: lazy(() => {
      const chat = rpc.proxy<TwitchChat>('twitchChat', twitchChatMethods);
      return faults?.covers('twitch.429', 'twitch.5xx') ? faultyTwitchChat(chat, faults) : chat;
    }),
    // Over HTTP to the runtime's stand-in, as a deployed function calls discord.com: nothing to proxy.
    discordOAuth: lazy(() => discordOAuthFor(init.config)),
    discord: lazy(() =>
      init.discordApiUrl ? discordApiMessenger(init.config, init.discordApiUrl) : rpc.proxy<DiscordMessenger>('discord', discordMessengerMethods),
    ),
  };
}

/**
 * The ingresses a herd waits on (Discord's, Twitch's) publish with a notification: the
 * message is checked (grant, JSON) and made here, and taken as published once sent (the
 * channel keeps it, in order, even past this process's death), so the ingress answers in the
 * same turn as its check, whatever the runtime's event loop is doing. Every other process
 * waits for the bus to take it, as a publish waits for Pub/Sub's acknowledgement, so nothing
 * it did is still on its way when it answers.
 */
function publisherFor(rpc: ProcessRpc, entry: FunctionEntry, init: ProcessInit): EventPublisher {
  const notify = init.publishesWithoutWaiting === true;
  // Under the production clients, to the Pub/Sub emulator; the runtime hears each message's id.
  if (init.pubsubEmulatorHost)
    return emulatorPublisher(entry, init.config.projectId, init.pubsubEmulatorHost, (topic, messageId) =>
      notify ? rpc.notify('bus', 'published', [topic, messageId]) : rpc.call('bus', 'published', [topic, messageId]).then(() => undefined),
    );
  return grantedPublisher(entry, async (topic, data, options) => {
    const message = pubsubMessage(data, options);
    if (notify) rpc.notify('bus', 'accept', [topic, message]);
    else await rpc.call('bus', 'accept', [topic, message]);
    return message.messageId;
  });
}

/** The process's HTTP server: its own functions; the front hands everything else to the runtime. */
function functionsFrontDoor(init: ProcessInit, reported: { ms: number }, urlOf: (role: string) => Promise<string>): FrontDoor {
  // Loaded here, not at the top: a process that serves no HTTP starts faster without it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy by design
  const express = require('express') as typeof import('express');
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const limitBytes = 1024 * 1024;
  const readBody = rawBodyReader(limitBytes);
  if (init.http === 'own-port') app.use(readBody);
  // The runtime says what time it is with each request it hands on, when it runs on a test's clock.
  const onRequest = init.reportsClock
    ? (header: string | undefined) => {
        const ms = Number(header);
        if (Number.isFinite(ms) && ms > 0) reported.ms = ms;
      }
    : undefined;
  const fallback = init.backendUrl ? frontFallback(init.backendUrl, init.directRoutes ?? [], urlOf, limitBytes) : app;
  // A connection the front handed here may carry a request for another route later: back to the front with it.
  const toFront = init.frontUrl ? proxyTo(init.frontUrl, limitBytes) : undefined;
  const door: FrontDoor = new FrontDoor(
    app,
    readBody,
    toFront ? (req, res) => (door.cameHandedOver(req) ? toFront(req, res) : fallback(req, res)) : fallback,
    onRequest && ((req) => onRequest(req.headers[localClockHeader] as string | undefined)),
  );
  return door;
}

/**
 * The front hands a connection whose first request is for a direct route to its process,
 * through the runtime (a process reaches no other but the runtime).
 */
function handOffTo(direct: ReadonlyArray<{ route: string; role: string }>): HandOff {
  const roles = new Map(direct.map((d) => [d.route, d.role]));
  return {
    routes: new Set(roles.keys()),
    to: (route, socket, head) => {
      const message: HandedConnection = { handOver: roles.get(route) as string, head };
      // A channel gone (the runtime closing) leaves the connection nobody to serve it.
      process.send?.(message, socket, (error: Error | null) => error && socket.destroy());
    },
  };
}

/**
 * What the front does with a request that is not its own: a direct route on a connection the
 * front kept (one that began with another route; a connection that begins with it is handed
 * over whole) goes straight to the process that serves it, request by request (its address
 * asked of the runtime, kept two seconds, so a process started again is found); everything
 * else to the runtime.
 */
function frontFallback(
  backendUrl: string,
  direct: ReadonlyArray<{ route: string; role: string }>,
  urlOf: (role: string) => Promise<string>,
  limitBytes: number,
) {
  const toBackend = proxyTo(backendUrl, limitBytes);
  const proxies = new Map<string, ReturnType<typeof proxyTo>>();
  const known = new Map<string, { url: string; until: number }>();
  const resolve = async (role: string): Promise<string> => {
    const hit = known.get(role);
    if (hit && hit.until > Date.now()) return hit.url;
    const url = await urlOf(role);
    known.set(role, { url, until: Date.now() + 2_000 });
    return url;
  };
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0];
    const route = direct.find((d) => d.route === path);
    if (!route) return toBackend(req, res);
    resolve(route.role).then(
      (url) => {
        let proxy = proxies.get(url);
        if (!proxy) proxies.set(url, (proxy = proxyTo(url, limitBytes)));
        proxy(req, res);
      },
      () => toBackend(req, res),
    );
  };
}
