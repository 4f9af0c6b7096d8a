/**
 * A body over the limit is answered 413 after it has all arrived, so the client reads the
 * 413 instead of a broken pipe, however the race between its writes and the answer falls.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { rawBodyReader } from '../../../shared/local/raw-body';
import { proxyTo } from '../../../shared/local/http-proxy';

const limit = 1024 * 1024;
let server: Server;
let proxy: Server;
let url: string;
let proxyUrl: string;

beforeAll(async () => {
  const app = express();
  app.use(rawBodyReader(limit));
  app.post('/in', (req, res) => void res.json({ bytes: (req.body as Buffer).length }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy = createServer(proxyTo(url, limit)).listen(0, '127.0.0.1');
  await new Promise((resolve) => proxy.once('listening', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await new Promise((resolve) => proxy.close(resolve));
});

// Larger than loopback's socket buffers, so the client is still writing when the server decides.
const oversized = 'x'.repeat(6 * limit);

describe('a body over the limit', () => {
  it('is answered 413 every time, never a broken pipe, when its length is declared', async () => {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${url}/in`, { method: 'POST', body: oversized });
      expect(res.status).toBe(413);
      expect(await res.text()).toBe(`request body over ${limit} bytes`);
    }
  });

  it('is answered 413 when it is streamed without a declared length', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 12; i++) controller.enqueue(new TextEncoder().encode('y'.repeat(100_000)));
        controller.close();
      },
    });
    const res = await fetch(`${url}/in`, { method: 'POST', body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('is answered 413 by the proxy in front, every time', async () => {
    for (let i = 0; i < 10; i++) expect((await fetch(`${proxyUrl}/in`, { method: 'POST', body: oversized })).status).toBe(413);
  });

  it('leaves a body within the limit whole', async () => {
    const res = await fetch(`${url}/in`, { method: 'POST', body: 'z'.repeat(limit) });
    expect(await res.json()).toEqual({ bytes: limit });
  });
});
