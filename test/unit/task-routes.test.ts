/**
 * Every Cloud Tasks target, as deployed: it checks the task's OIDC token in code, so a
 * caller without one (or with a forged one) is refused before anything is read or changed,
 * whatever Cloud Run's IAM says.
 */
import { hostFunction } from '../../functions/catalog';
import { loadConfig } from '../../shared/config';
import type { Platform } from '../../shared/platform';
import { functionRegistry, type TaskFunctionEntry } from '../../shared/registry';

const config = loadConfig({
  C500_RUNTIME: 'gcp',
  GOOGLE_CLOUD_PROJECT: 'c500-prod',
  C500_PUBLIC_BASE_URL: 'https://c500.example',
  C500_CONTROLLER_NAME: 'C500 Test Ltd',
  C500_PRIVACY_CONTACT: 'privacy@c500.example',
  C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH, eu-rep@c500.example',
  C500_TASKS_INVOKER_SA: 'tasks-invoker@c500-prod.iam.gserviceaccount.com',
  C500_TASKS_BASE_URL: 'https://us-central1-c500-prod.cloudfunctions.net',
});

/** A platform whose every dependency fails the test if a refused call reaches it. */
const untouchable = new Proxy({ config, clock: { now: () => new Date() } } as Platform, {
  get: (target, key) =>
    key in target
      ? target[key as keyof Platform]
      : () => {
          throw new Error(`a refused task call reached ${String(key)}`);
        },
});

type Answer = { status: number; body: string };

async function call(entry: TaskFunctionEntry, authorization?: string): Promise<Answer> {
  const hosted = hostFunction(entry, untouchable);
  if (hosted.kind === 'pubsub') throw new Error(`${entry.name} is not an HTTP function`);
  return new Promise<Answer>((resolve) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) };
    const body = Buffer.from(JSON.stringify({ orderId: 'k2q9xmbr', auctionId: 'k2q9xmbr', lobbyId: 'k2q9xmbr', version: 0 }));
    const req = {
      method: 'POST',
      headers,
      body,
      rawBody: body,
      get: (name: string) => headers[name.toLowerCase()],
      header: (name: string) => headers[name.toLowerCase()],
    };
    let status = 200;
    const res = {
      headersSent: false,
      status(code: number) {
        status = code;
        return res;
      },
      set() {
        return res;
      },
      type() {
        return res;
      },
      setHeader() {
        return res;
      },
      writeHead(code: number) {
        status = code;
        return res;
      },
      send(text: unknown) {
        resolve({ status, body: String(text ?? '') });
        return res;
      },
      end(text?: unknown) {
        resolve({ status, body: String(text ?? '') });
        return res;
      },
      json(value: unknown) {
        resolve({ status, body: JSON.stringify(value) });
        return res;
      },
    };
    void (hosted.handler as (req: unknown, res: unknown) => unknown)(req, res);
  });
}

const taskEntries = functionRegistry.filter((e): e is TaskFunctionEntry => e.kind === 'task');

describe('the Cloud Tasks targets in production', () => {
  it('are every task function of the registry, checkoutExpiry included', () => {
    expect(taskEntries.map((e) => e.name)).toEqual(expect.arrayContaining(['checkoutExpiry', 'auctionClose', 'auctionEmbed', 'raceClose', 'raceMessage']));
  });

  it.each(taskEntries.map((e) => [e.name, e] as const))('%s refuses a call with no OIDC token with 401, touching nothing', async (_name, entry) => {
    expect((await call(entry)).status).toBe(401);
  });

  it.each(taskEntries.map((e) => [e.name, e] as const))('%s refuses a call with a token Google did not sign with 401', async (_name, entry) => {
    const forged = [
      'eyJhbGciOiJSUzI1NiIsImtpZCI6ImZha2UifQ',
      Buffer.from(JSON.stringify({ email: config.tasksInvokerServiceAccount, email_verified: true, aud: 'x' })).toString('base64url'),
      'c2ln',
    ].join('.');
    expect((await call(entry, `Bearer ${forged}`)).status).toBe(401);
  });
});
