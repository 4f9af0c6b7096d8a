/**
 * `bench:auction -- --shards`: the book's databases, each a redis-server of its own started
 * here on a free port (Redis counts commands per server, so one server a database is what
 * makes each database's count its own), and what each served, read by MONITOR: every command
 * as Redis ran it, a script's own commands (MONITOR's `lua` lines, which follow the script's
 * line) counted with the script, named by its SHA. Redis's INFO commandstats is read beside it,
 * so the two counts can be held to each other.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import IORedis from 'ioredis';
import { bookScriptTexts } from '../../shared/adapters/upstash/book-layout';
import { takeTokenScript } from '../../shared/adapters/stripe/write-budget';
import { withoutUpstashOnlyFlags } from '../../shared/local/upstash/upstash-only-script-flags';

export interface BookServer {
  index: number;
  url: string;
  redis: IORedis;
}

/** What one database served between `start` and `read`. */
export interface DatabaseCount {
  /** Every command Redis ran for the book, a script's own commands included (as Upstash counts them). */
  commands: number;
  /** INFO commandstats' count over the same span (the meter's own INFO and MONITOR left out): should equal `commands`. */
  commandStats: number;
  /** Per script: its calls and the commands they ran (the call itself and the script's own). */
  scripts: Record<string, { calls: number; commands: number }>;
  /** Commands sent on their own (not a script), by name. */
  others: Record<string, number>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function answering(url: string): Promise<IORedis> {
  for (let tries = 0; ; tries += 1) {
    const redis = new IORedis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return redis;
    } catch (error) {
      redis.disconnect();
      if (tries > 50) throw error;
      await sleep(100);
    }
  }
}

/** `count` redis-servers, no persistence, each on a free port; `stop` ends the ones started here. */
export async function startBookServers(count: number): Promise<{ servers: BookServer[]; stop(): void }> {
  const children: ChildProcess[] = [];
  const servers: BookServer[] = [];
  try {
    for (let index = 0; index < count; index += 1) {
      const port = await freePort();
      children.push(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
      const url = `redis://127.0.0.1:${port}`;
      servers.push({ index, url, redis: await answering(url) });
    }
  } catch (error) {
    for (const child of children) child.kill();
    throw error;
  }
  return {
    servers,
    stop: () => {
      for (const s of servers) s.redis.disconnect();
      for (const child of children) child.kill();
    },
  };
}

/** The book's scripts by SHA, as EVALSHA names them (the local Redis runs them without Upstash's flags). */
function scriptNames(): Map<string, string> {
  const sha = (text: string) => createHash('sha1').update(text).digest('hex');
  const names = new Map<string, string>();
  // The chat outbox's scripts are its own module's and unexported: they are named by their SHA.
  for (const [name, value] of Object.entries({ ...bookScriptTexts, stripeBudget: takeTokenScript })) {
    names.set(sha(value), name);
    names.set(sha(withoutUpstashOnlyFlags(value)), name);
  }
  return names;
}

async function commandStats(redis: IORedis): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/cmdstat_([a-z|_]+):calls=(\d+)/g)]
    .filter(([, name]) => name !== 'info' && name !== 'monitor')
    .reduce((sum, [, , n]) => sum + Number(n), 0);
}

/** Starts counting what `server` serves; `read` stops and answers the count. */
export async function meterDatabase(server: BookServer): Promise<{ read(): Promise<DatabaseCount> }> {
  const names = scriptNames();
  const count: DatabaseCount = { commands: 0, commandStats: 0, scripts: {}, others: {} };
  let script: string | undefined;
  const monitor = await server.redis.duplicate().monitor();
  monitor.on('monitor', (_time: string, args: string[], source: string) => {
    const [name = '', first = ''] = args.map((a) => String(a));
    const command = name.toLowerCase();
    // The meter's own INFO (the book sends none) is in neither count.
    if (command === 'info') return;
    count.commands += 1;
    if (source === 'lua') {
      // Redis runs a script's commands right after its own line, and nothing else meanwhile.
      if (script) (count.scripts[script] as { commands: number }).commands += 1;
      return;
    }
    if (command === 'evalsha' || command === 'eval' || command === 'evalsha_ro' || command === 'eval_ro') {
      const sha = command.startsWith('evalsha') ? first.toLowerCase() : createHash('sha1').update(first).digest('hex');
      script = names.get(sha) ?? `script ${sha.slice(0, 8)}`;
      const entry = (count.scripts[script] ??= { calls: 0, commands: 0 });
      entry.calls += 1;
      entry.commands += 1;
      return;
    }
    script = undefined;
    count.others[command] = (count.others[command] ?? 0) + 1;
  });
  const before = await commandStats(server.redis);
  return {
    async read() {
      count.commandStats = (await commandStats(server.redis)) - before;
      monitor.disconnect();
      return count;
    },
  };
}
