import { Agent, createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { postAsDiscord } from '../../../scripts/soak/post-as-discord';

/** A server whose `answer` decides, per request and by its place on its connection, what happens to it. */
async function serving(answer: (req: IncomingMessage, res: ServerResponse, placeOnConnection: number) => void) {
  const seen = { requests: 0, connections: 0 };
  const perSocket = new WeakMap<object, number>();
  const server: Server = createServer((req, res) => {
    seen.requests++;
    const place = (perSocket.get(req.socket) ?? 0) + 1;
    perSocket.set(req.socket, place);
    answer(req, res, place);
  });
  server.on('connection', () => seen.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/discord/interactions`;
  return { url, seen, close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

const ok = (res: ServerResponse) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"type":5}');
const headers = { 'content-type': 'application/json' };

describe('posting an interaction as Discord does', () => {
  let agent: Agent;
  beforeEach(() => (agent = new Agent({ keepAlive: true, maxSockets: 1 })));
  afterEach(() => agent.destroy());

  it('sends once more, on a fresh connection, a request that met a kept-alive connection closed under it', async () => {
    // The second request on a connection meets it closing, as an idle close racing the request's write does.
    const server = await serving((req, res, place) => (place === 1 ? ok(res) : req.socket.destroy()));
    try {
      expect((await postAsDiscord(server.url, agent, headers, '{}')).status).toBe(200);
      const second = await postAsDiscord(server.url, agent, headers, '{}');
      expect(second).toMatchObject({ status: 200, text: '{"type":5}' });
      expect(server.seen).toEqual({ requests: 3, connections: 2 });
    } finally {
      await server.close();
    }
  });

  it('never sends again a request cut on a fresh connection: the server may have run it', async () => {
    const server = await serving((req) => req.socket.destroy());
    try {
      expect(await postAsDiscord(server.url, agent, headers, '{}')).toMatchObject({ status: 0, failure: 'ECONNRESET' });
      expect(server.seen.requests).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('sends nothing again while the ingress is being killed, whose resets are the crash’s own', async () => {
    const server = await serving((req, res, place) => (place === 1 ? ok(res) : req.socket.destroy()));
    try {
      await postAsDiscord(server.url, agent, headers, '{}');
      expect(await postAsDiscord(server.url, agent, headers, '{}', { mayResend: () => false })).toMatchObject({ status: 0, failure: 'ECONNRESET' });
      expect(server.seen.requests).toBe(2);
    } finally {
      await server.close();
    }
  });

  it('gives up only at the timeout it was given, and says so', async () => {
    const server = await serving(() => undefined);
    try {
      expect(await postAsDiscord(server.url, agent, headers, '{}', { timeoutMs: 200 })).toEqual({ status: 0, text: '', failure: 'no answer within 0.2 s' });
    } finally {
      await server.close();
    }
  });
});
