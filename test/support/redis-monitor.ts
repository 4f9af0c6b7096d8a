/**
 * Redis's MONITOR stream read on a socket of its own. ioredis's `monitor()` switches the
 * connection into monitoring in a promise callback after MONITOR's OK, so a monitored line that
 * arrives in the same chunk as that OK (another client busy on the same Redis, as CI's parallel
 * suites are) is taken for the reply to a command it never sent: "Command queue state error",
 * and the suite fails before it measured anything.
 */
import net from 'node:net';

export interface RedisMonitor {
  close(): void;
}

/** A RESP command, as a client sends it. */
const command = (...words: string[]): string => `*${words.length}\r\n${words.map((word) => `$${Buffer.byteLength(word)}\r\n${word}\r\n`).join('')}`;

const escapes: Record<string, string> = { n: '\n', r: '\r', t: '\t', a: '\x07', b: '\b', '\\': '\\', '"': '"' };

/** The words of one monitored line (`+<time> [<db> <client>] "word" "word"…`), undone from Redis's quoting (sdscatrepr). */
export function monitoredWords(line: string): string[] {
  const words: string[] = [];
  let at = line.indexOf('"');
  while (at >= 0 && at < line.length) {
    let word = '';
    let i = at + 1;
    for (; i < line.length && line[i] !== '"'; i++) {
      if (line[i] !== '\\') {
        word += line[i];
      } else if (line[i + 1] === 'x') {
        word += String.fromCharCode(parseInt(line.slice(i + 2, i + 4), 16));
        i += 3;
      } else {
        word += escapes[line[i + 1] ?? ''] ?? line[i + 1] ?? '';
        i += 1;
      }
    }
    words.push(word);
    at = line.indexOf('"', i + 1);
  }
  return words;
}

/** Starts monitoring `url`; resolves once Redis has said OK, after which every command it runs reaches `onCommand`. */
export function monitorRedis(url: string, onCommand: (words: string[]) => void): Promise<RedisMonitor> {
  const { hostname, port, username, password } = new URL(url);
  const socket = net.connect({ host: hostname, port: Number(port || 6379) });
  const monitor: RedisMonitor = { close: () => socket.destroy() };
  return new Promise((resolve, reject) => {
    let oksAwaited = password ? 2 : 1;
    let buffered = '';
    socket.once('error', reject);
    socket.once('connect', () => {
      if (password)
        socket.write(username ? command('AUTH', decodeURIComponent(username), decodeURIComponent(password)) : command('AUTH', decodeURIComponent(password)));
      socket.write(command('MONITOR'));
    });
    socket.on('data', (chunk: Buffer) => {
      // Redis quotes every byte outside printable ASCII, so the stream is ASCII.
      buffered += chunk.toString('latin1');
      let end = buffered.indexOf('\r\n');
      while (end >= 0) {
        const line = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        end = buffered.indexOf('\r\n');
        if (oksAwaited > 0) {
          if (line !== '+OK') {
            socket.destroy();
            return reject(new Error(`Redis refused MONITOR: ${line}`));
          }
          if (--oksAwaited === 0) resolve(monitor);
        } else {
          onCommand(monitoredWords(line));
        }
      }
    });
  });
}
