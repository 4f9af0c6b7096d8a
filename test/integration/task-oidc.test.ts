/**
 * The OIDC check every task and scheduled function makes in code (shared/triggers/
 * task-trigger.ts), on the production path: the Functions Framework serves the task
 * function, the check reads the Bearer token and google-auth-library's OAuth2Client verifies
 * it (RS256 signature, issuer, expiry, audience), then the check wants the tasks invoker's
 * verified email. Only the signing keys are a stand-in: a local RSA key pair, published by a
 * local server the way https://www.googleapis.com/oauth2/v1/certs publishes Google's (key id
 * -> PEM, with a max-age), handed to the check through taskFunction's idTokenVerifier option,
 * which the environment cannot set. (Google publishes X.509 certificates; the verifier takes
 * a public key's PEM the same way.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { http } from '@google-cloud/functions-framework';
import { getTestServer } from '@google-cloud/functions-framework/testing';
import { OAuth2Client } from 'google-auth-library';
import { taskFunction } from '../../shared/triggers/task-trigger';
import { loadConfig } from '../../shared/config';

const invoker = 'tasks-invoker@c500-oidc-test.iam.gserviceaccount.com';
const config = loadConfig({
  C500_RUNTIME: 'gcp',
  GOOGLE_CLOUD_PROJECT: 'c500-oidc-test',
  C500_PUBLIC_BASE_URL: 'https://c500.example.com',
  C500_CONTROLLER_NAME: 'C500 Test Ltd',
  C500_PRIVACY_CONTACT: 'privacy@c500.example',
  C500_EU_REPRESENTATIVE: 'Keys EU Rep GmbH, eu-rep@c500.example',
  C500_TASKS_INVOKER_SA: invoker,
  // terraform's default: each task function at its own Cloud Run URL, which is the audience Cloud Tasks signs for.
  C500_TASKS_BASE_URL: 'https://{function}-123456789.us-central1.run.app',
});
/** What Cloud Tasks puts in `aud` for a hammer task: the origin of the URL it calls. */
const audience = 'https://auction-close-123456789.us-central1.run.app';

const google = generateKeyPairSync('rsa', { modulusLength: 2048 });
const impostor = generateKeyPairSync('rsa', { modulusLength: 2048 });
const googleKid = 'c500-test-google-key';

function token(claims: Record<string, unknown>, options: { key?: KeyObject; kid?: string } = {}): string {
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: 'RS256', kid: options.kid ?? googleKid, typ: 'JWT' };
  const payload = {
    iss: 'https://accounts.google.com',
    aud: audience,
    azp: '104857600000000000000',
    sub: '104857600000000000000',
    email: invoker,
    email_verified: true,
    iat: now,
    exp: now + 3600,
    ...claims,
  };
  const signed = `${Buffer.from(JSON.stringify(header)).toString('base64url')}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), options.key ?? google.privateKey).toString('base64url')}`;
}

let certs: Server;
let server: Server;
let url: string;
let ran = 0;

async function listen(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  // The stand-in of Google's certs endpoint.
  certs = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'public, max-age=3600' });
    res.end(JSON.stringify({ [googleKid]: google.publicKey.export({ type: 'spki', format: 'pem' }) }));
  });
  const certsUrl = `${await listen(certs)}/oauth2/v1/certs`;
  http(
    'auctionClose',
    taskFunction(
      'auctionClose',
      config,
      async () => {
        ran++;
        return { status: 200, text: 'closed' };
      },
      // Node's own fetch: under jest, gaxios cannot import node-fetch (a dynamic import), which in production it does.
      {
        idTokenVerifier: () =>
          new OAuth2Client({ endpoints: { oauth2FederatedSignonPemCertsUrl: certsUrl }, transporterOptions: { fetchImplementation: fetch } }),
      },
    ),
  );
  server = getTestServer('auctionClose');
  url = `${await listen(server)}/tasks/auction-close`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => certs.close(() => resolve()));
});
beforeEach(() => {
  ran = 0;
});

/** A task as Cloud Tasks delivers it: POST, JSON body, the OIDC token as a Bearer token. */
async function deliver(authorization?: string): Promise<{ status: number; ran: number }> {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Google-Cloud-Tasks',
    ...(authorization ? { authorization } : {}),
  };
  const answer = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ auctionId: 'k2q9xmbr', version: 0 }) });
  return { status: answer.status, ran };
}

describe('a task function’s OIDC check, against a stand-in of Google’s signing keys', () => {
  it('GIVEN a token Google signed for the tasks invoker, for this function’s URL THEN the task runs', async () => {
    expect(await deliver(`Bearer ${token({})}`)).toEqual({ status: 200, ran: 1 });
  });

  it('GIVEN no token THEN it is refused with 401 and the task does not run', async () => {
    expect(await deliver()).toEqual({ status: 401, ran: 0 });
  });

  it('GIVEN a token in another scheme than Bearer THEN it is refused with 401 and the task does not run', async () => {
    expect(await deliver(`Basic ${token({})}`)).toEqual({ status: 401, ran: 0 });
  });

  it('GIVEN a token for another function’s URL (the wrong audience) THEN it is refused with 401 and the task does not run', async () => {
    expect(await deliver(`Bearer ${token({ aud: 'https://race-close-123456789.us-central1.run.app' })}`)).toEqual({ status: 401, ran: 0 });
  });

  it('GIVEN a token that expired an hour ago THEN it is refused with 401 and the task does not run', async () => {
    const hourAgo = Math.floor(Date.now() / 1000) - 3600;
    expect(await deliver(`Bearer ${token({ iat: hourAgo - 3600, exp: hourAgo })}`)).toEqual({ status: 401, ran: 0 });
  });

  it('GIVEN a token signed by another key under Google’s key id THEN it is refused with 401 and the task does not run', async () => {
    expect(await deliver(`Bearer ${token({}, { key: impostor.privateKey })}`)).toEqual({ status: 401, ran: 0 });
  });

  it('GIVEN a token signed by a key Google does not publish THEN it is refused with 401 and the task does not run', async () => {
    expect(await deliver(`Bearer ${token({}, { key: impostor.privateKey, kid: 'someone-elses-key' })}`)).toEqual({ status: 401, ran: 0 });
  });

  it('GIVEN a token Google signed for another service account THEN it is refused with 401 and the task does not run', async () => {
    expect(await deliver(`Bearer ${token({ email: 'someone@c500-oidc-test.iam.gserviceaccount.com' })}`)).toEqual({ status: 401, ran: 0 });
  });

  it('GIVEN a token whose email Google has not verified THEN it is refused with 401 and the task does not run', async () => {
    expect(await deliver(`Bearer ${token({ email_verified: false })}`)).toEqual({ status: 401, ran: 0 });
  });

  it('GIVEN a token from an issuer other than Google THEN it is refused with 401 and the task does not run', async () => {
    expect(await deliver(`Bearer ${token({ iss: 'https://issuer.example.com' })}`)).toEqual({ status: 401, ran: 0 });
  });

  it('GIVEN a token whose payload was changed after signing THEN it is refused with 401 and the task does not run', async () => {
    const [header, , signature] = token({}).split('.');
    const forged = Buffer.from(
      JSON.stringify({
        iss: 'https://accounts.google.com',
        aud: audience,
        email: invoker,
        email_verified: true,
        iat: Math.floor(Date.now() / 1000),
        exp: Math.floor(Date.now() / 1000) + 3600,
      }),
    ).toString('base64url');
    expect(await deliver(`Bearer ${header}.${forged}.${signature}`)).toEqual({ status: 401, ran: 0 });
  });
});
