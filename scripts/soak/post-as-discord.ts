/**
 * @module post-as-discord
 * One signed POST as Discord's servers make it to the public URL, and what came of it. The
 * answer is waited for as long as Cloud Run waits on the ingress (its request timeout), not
 * a shorter wait of the soak's own: how long the product took is judged by the ingress's own
 * line (answer-times.ts), so this machine's queueing never becomes a lost interaction.
 */
import { request, type Agent } from 'node:http';

/** Cloud Run's request timeout of an HTTP function (terraform/locals.tf `timeout_seconds.http`): past it, Cloud Run answers 504. */
export const cloudRunRequestTimeoutMs = 30_000;

export interface Posted {
  /** The HTTP status; 0 when no answer came. */
  status: number;
  text: string;
  /** When the answer's headers arrived, on this process's clock. */
  atMs?: number;
  /** Why no answer came: `no answer within 30 s`, or the connection's error (`ECONNRESET`…). */
  failure?: string;
}

/**
 * Node's documented race of a kept-alive connection: the server closes it as idle while a
 * request is being written on it, and the request meets a reset before any byte of it was
 * read (`req.reusedSocket`). No server saw it; a client sends it again on a fresh connection,
 * as Google's front end would, once.
 */
function metIdleClose(reusedSocket: boolean, code: string | undefined): boolean {
  return reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE');
}

export async function postAsDiscord(
  url: string,
  agent: Agent,
  headers: Record<string, string | number>,
  body: string,
  options: {
    timeoutMs?: number;
    /** False while the ingress is being killed: a crash's resets are its own, and Discord resends nothing. */ mayResend?: () => boolean;
  } = {},
): Promise<Posted> {
  const timeoutMs = options.timeoutMs ?? cloudRunRequestTimeoutMs;
  const first = await postOnce(url, agent, headers, body, timeoutMs);
  if (!first.resentMayHelp || options.mayResend?.() === false) return first.posted;
  return (await postOnce(url, agent, headers, body, timeoutMs)).posted;
}

function postOnce(
  url: string,
  agent: Agent,
  headers: Record<string, string | number>,
  body: string,
  timeoutMs: number,
): Promise<{ posted: Posted; resentMayHelp: boolean }> {
  return new Promise((resolve) => {
    let answered = false;
    const req = request(url, { method: 'POST', agent, headers }, (res) => {
      answered = true;
      // Discord's 3 s are to the answer's arrival: its headers, here.
      const atMs = Date.now();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        clearTimeout(deadline);
        resolve({ posted: { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString(), atMs }, resentMayHelp: false });
      });
      res.on('error', () => {
        clearTimeout(deadline);
        resolve({ posted: { status: 0, text: '', failure: 'the answer was cut off' }, resentMayHelp: false });
      });
    });
    // The whole request, not the socket's idle time: Cloud Run's timeout counts from the request's arrival.
    const deadline = setTimeout(() => {
      req.destroy();
      resolve({ posted: { status: 0, text: '', failure: `no answer within ${timeoutMs / 1000} s` }, resentMayHelp: false });
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(deadline);
      const failure = error.code ?? error.message;
      resolve({ posted: { status: 0, text: '', failure }, resentMayHelp: !answered && metIdleClose(req.reusedSocket, error.code) });
    });
    req.end(body);
  });
}
