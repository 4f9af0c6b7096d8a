/**
 * The floor under any Discord ingress written in Node on this machine: a bare HTTP server
 * that checks the Ed25519 signature, parses the JSON and answers "thinking…", nothing
 * else, in its own process. `bench:auction` drives it at the same rate as the real ingress,
 * so the ingress's CPU per bid can be read against it. Run as a child: prints its port.
 */
import { createPublicKey, verify } from 'node:crypto';
import { createServer } from 'node:http';

// `--any`: no signature to check, every request answered 200 (the ceiling under the webhook benchmarks).
const checksNothing = process.argv[2] === '--any';
const key = checksNothing
  ? undefined
  : createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(process.argv[2] ?? '', 'hex')]),
      format: 'der',
      type: 'spki',
    });
const answer = '{"type":5,"data":{"flags":64}}';

const server = createServer((req, res) => {
  if (req.url === '/cpu') {
    res.end(JSON.stringify(process.cpuUsage()));
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    if (!key) {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 2 }).end('ok');
      return;
    }
    const signed = verify(
      null,
      Buffer.concat([Buffer.from(String(req.headers['x-signature-timestamp'])), body]),
      key,
      Buffer.from(String(req.headers['x-signature-ed25519']), 'hex'),
    );
    if (!signed) {
      res.writeHead(401).end();
      return;
    }
    JSON.parse(body.toString());
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': answer.length }).end(answer);
  });
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', 4096, () => process.stdout.write(`${(server.address() as { port: number }).port}\n`));
process.on('disconnect', () => process.exit(0));
