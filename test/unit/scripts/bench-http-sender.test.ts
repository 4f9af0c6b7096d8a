/**
 * The benchmarks' sender: a warm-up into processes just started is compared with herds that
 * follow it on the same pool, so what each herd paid in new connections must be counted
 * right. Node's `reusedSocket` is false for a request that waited for a busy connection of
 * the pool, so it cannot tell a new connection from a queued request: the sender counts
 * the connections its agent opened. Facts read from the server's own 'connection' events.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpSender, type Sent } from '../../../scripts/bench/http-sender';

describe('the benchmarks’ HTTP sender', () => {
  let server: Server;
  let accepted = 0;
  let url: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      // Answers after a turn of the event loop, so concurrent requests overlap and some must wait for a connection.
      req.on('end', () => setImmediate(() => res.end('{"type":1}')));
    });
    server.keepAliveTimeout = 60_000;
    server.on('connection', () => accepted++);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const sendMany = (sender: HttpSender, count: number): Promise<Sent[]> =>
    Promise.all(
      Array.from({ length: count }, async () => {
        const sent: Sent = { sentAtMs: 0 };
        await sender.send('{}', {}, sent);
        return sent;
      }),
    );

  it('counts the connections it opened, not the requests that waited for one of its pool', async () => {
    const sender = new HttpSender(url, '/', 4);
    const before = accepted;
    const from = Date.now();
    const sent = await sendMany(sender, 40);
    expect(sent.every((s) => s.status === 200)).toBe(true);
    expect(accepted - before).toBe(4);
    expect(sender.openedBetween(from, Date.now() + 1)).toBe(4);
    sender.close();
  });

  it.each([
    ['opens none for a herd that finds its pool already open', 4, 40],
    ['keeps a pool of more than 256 connections open between herds (Node’s agent keeps 256 idle unless told)', 300, 300],
  ])('%s', async (_, pool, herd) => {
    const sender = new HttpSender(url, '/', pool);
    await sendMany(sender, pool);
    const before = accepted;
    const from = Date.now();
    await sendMany(sender, herd);
    expect(accepted - before).toBe(0);
    expect(sender.openedBetween(from, Date.now() + 1)).toBe(0);
    sender.close();
  });
});
