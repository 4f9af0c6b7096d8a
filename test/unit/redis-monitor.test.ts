/**
 * The MONITOR reader the command-count test relies on: CI's run failed when another client's
 * command reached ioredis's monitor in the same chunk as MONITOR's OK. A server here answers
 * exactly that way, so the case that broke happens every time, not only under load.
 */
import net from 'node:net';
import { monitorRedis, monitoredWords } from '../support/redis-monitor';

async function serverAnswering(chunks: string[]): Promise<{ url: string; received: string[]; close(): Promise<void> }> {
  const received: string[] = [];
  const sockets: net.Socket[] = [];
  const server = net.createServer((socket) => {
    sockets.push(socket);
    socket.on('data', (data) => {
      received.push(data.toString());
      if (data.toString().includes('MONITOR')) for (const chunk of chunks) socket.write(chunk);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('reading what Redis runs through MONITOR', () => {
  it('GIVEN a command in the same chunk as MONITOR’s OK THEN it is read as a command run, not a reply', async () => {
    const server = await serverAnswering(['+OK\r\n+1796003558.234104 [0 127.0.0.1:47054] "info"\r\n+1796003558.3 [0 lua] "get" "k"\r\n']);
    const seen: string[][] = [];
    const arrived = new Promise<void>((resolve) => {
      void monitorRedis(server.url, (words) => {
        seen.push(words);
        if (seen.length === 2) resolve();
      }).then((monitor) => arrived.then(() => monitor.close()));
    });
    await arrived;
    await server.close();
    expect(seen).toEqual([['info'], ['get', 'k']]);
  });

  it('GIVEN a line split across chunks THEN it is read once it is whole', async () => {
    const server = await serverAnswering(['+O', 'K\r\n+1.0 [0 127.0.0.1:1] "ec', 'ho" "m"\r\n']);
    const seen: string[][] = [];
    let monitor: { close(): void } | undefined;
    await new Promise<void>((resolve) => {
      void monitorRedis(server.url, (words) => {
        seen.push(words);
        resolve();
      }).then((started) => (monitor = started));
    });
    monitor?.close();
    await server.close();
    expect(seen).toEqual([['echo', 'm']]);
  });

  it('GIVEN Redis refuses MONITOR THEN monitoring fails with Redis’s words', async () => {
    const server = await serverAnswering(['-ERR unknown command\r\n']);
    await expect(monitorRedis(server.url, () => undefined)).rejects.toThrow('Redis refused MONITOR: -ERR unknown command');
    await server.close();
  });

  it('GIVEN a password in the address THEN it authenticates before it monitors', async () => {
    const server = await serverAnswering(['+OK\r\n', '+OK\r\n']);
    const monitor = await monitorRedis(server.url.replace('redis://', 'redis://:s%3Acret@'), () => undefined);
    monitor.close();
    await server.close();
    expect(server.received.join('')).toBe('*2\r\n$4\r\nAUTH\r\n$6\r\ns:cret\r\n*1\r\n$7\r\nMONITOR\r\n');
  });

  it('GIVEN words Redis quoted THEN they read as they were sent', () => {
    expect(monitoredWords('+1.0 [0 lua] "set" "a\\"b" "line\\r\\n" "\\xff\\\\" ""')).toEqual(['set', 'a"b', 'line\r\n', '\xff\\', '']);
  });
});
