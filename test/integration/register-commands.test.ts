import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { registerCommands } from '../../scripts/register-commands';
import { commandDefinitions } from '../../shared/router/command-surface';

interface Seen {
  method?: string;
  url?: string;
  auth?: string;
  body: unknown;
}

async function fakeDiscord() {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body: unknown = JSON.parse(Buffer.concat(chunks).toString() || 'null');
      seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  // Closed after each test, passed or failed: a server left listening keeps jest (in band) from exiting.
  opened.push(() => {
    server.closeAllConnections();
    server.close();
  });
  return { seen, api: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const opened: (() => void)[] = [];
afterEach(() => opened.splice(0).forEach((close) => close()));

describe('registering the commands', () => {
  it('overwrites the global commands in one PUT with every definition', async () => {
    const discord = await fakeDiscord();
    const names = await registerCommands({ applicationId: '42', botToken: 'bot-token', api: discord.api });
    expect(discord.seen).toEqual([{ method: 'PUT', url: '/v10/applications/42/commands', auth: 'Bot bot-token', body: commandDefinitions }]);
    expect(names).toEqual(['c500', 'order', 'bid', 'giveaway', 'groupbuy', 'race', 'wallet', 'payout']);
  });

  it('overwrites one guild’s commands when a guild is given', async () => {
    const discord = await fakeDiscord();
    await registerCommands({ applicationId: '42', botToken: 'bot-token', guildId: '7', api: discord.api });
    expect(discord.seen[0]?.url).toBe('/v10/applications/42/guilds/7/commands');
  });
});
