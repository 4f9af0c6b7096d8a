import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { pathOf, readRequestLine, releaseReading, type FirstBytes } from '../../../shared/local/connection-handoff';

describe('the path of a connection’s first request', () => {
  it('is the request line’s path without its query', () => {
    expect(pathOf(Buffer.from('POST /webhooks/twitch?x=1 HTTP/1.1\r\nhost: a\r\n'))).toBe('/webhooks/twitch');
    expect(pathOf(Buffer.from('GET / HTTP/1.0\r\n'))).toBe('/');
  });

  it('is unknown until the request line has ended, and for what is not HTTP/1', () => {
    expect(pathOf(Buffer.from('POST /webhooks/tw'))).toBeUndefined();
    expect(pathOf(Buffer.from('\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\n'))).toBeUndefined();
    expect(pathOf(Buffer.from('PRI * HTTP/2.0\r\n'))).toBeUndefined();
    expect(pathOf(Buffer.from('GET http://elsewhere/ HTTP/1.1\r\n'))).toBeUndefined();
  });
});

describe('reading a connection up to its request line', () => {
  let server: Server;
  let accepted: Promise<Socket>;
  let port: number;

  beforeEach(async () => {
    let take: (socket: Socket) => void = () => undefined;
    accepted = new Promise((resolve) => (take = resolve));
    server = createServer({ pauseOnConnect: true }, (socket) => take(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const send = async (...parts: string[]): Promise<Socket> => {
    const client = connect(port, '127.0.0.1');
    await new Promise((resolve) => client.once('connect', resolve));
    for (const part of parts) {
      client.write(part);
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    return client;
  };

  it('waits for a request line sent in pieces, then stops reading: the rest stays unread for whoever takes the socket', async () => {
    const client = await send('POST /webhooks/', 'twitch HTTP/1.1\r\nhost: x\r\n');
    const socket = await accepted;
    const first: FirstBytes = await readRequestLine(socket);
    expect(first.path).toBe('/webhooks/twitch');
    expect(first.head.toString()).toBe('POST /webhooks/twitch HTTP/1.1\r\nhost: x\r\n');
    client.write('content-length: 0\r\n\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Nothing read since: the handle stopped, and nothing waits in the stream.
    expect(socket.readableLength).toBe(0);
    releaseReading(socket);
    socket.unshift(first.head);
    const all = await new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.endsWith('\r\n\r\n')) resolve(text);
      });
      socket.resume();
    });
    expect(all).toBe('POST /webhooks/twitch HTTP/1.1\r\nhost: x\r\ncontent-length: 0\r\n\r\n');
    client.destroy();
    socket.destroy();
  });

  it('answers no path for a connection that closes before its request line', async () => {
    const client = await send('GET /half');
    client.end();
    const socket = await accepted;
    const first = await readRequestLine(socket);
    expect(first.path).toBeUndefined();
    expect(first.head.toString()).toBe('GET /half');
    socket.destroy();
  });
});
