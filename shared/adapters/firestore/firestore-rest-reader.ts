/**
 * @module firestore-rest-reader
 * Reads one document with one REST call (`projects.databases.documents.get`) over Node's
 * global `fetch`: for ingress functions that must check a request against a secret kept in
 * Firestore (a guild's shop connection) without loading `@google-cloud/firestore` and gRPC.
 * Runs against the Firestore emulator (`FIRESTORE_EMULATOR_HOST`) as it is.
 *
 * @example
 * const reader = new FirestoreRestReader({ projectId: 'c500-prod' });
 * const doc = await reader.get('shopConnections/900000000000000001');
 */
import { asRead, type DocPath, type DocumentData } from '../../ports';
import type { AccessTokenSource } from '../pubsub/pubsub-rest-publisher';

export interface FirestoreRestReaderOptions {
  projectId: string;
  /** The database to read from; `(default)` when not given. */
  databaseId?: string;
  /** `host:port` of the Firestore emulator: plain HTTP, no Google credentials. */
  emulatorHost?: string;
  auth?: AccessTokenSource;
  timeoutMs?: number;
}

/** Firestore's REST `Value`: one key names the type. */
export type RestValue = {
  nullValue?: null;
  booleanValue?: boolean;
  integerValue?: string;
  doubleValue?: number;
  timestampValue?: string;
  stringValue?: string;
  bytesValue?: string;
  referenceValue?: string;
  geoPointValue?: { latitude: number; longitude: number };
  arrayValue?: { values?: RestValue[] };
  mapValue?: { fields?: Record<string, RestValue> };
};

const datastoreScope = 'https://www.googleapis.com/auth/datastore';

export class FirestoreRestReader {
  private readonly baseUrl: string;
  private readonly auth: AccessTokenSource | undefined;

  constructor(private readonly options: FirestoreRestReaderOptions) {
    const emulator = options.emulatorHost?.trim();
    this.baseUrl = emulator ? `http://${emulator}` : 'https://firestore.googleapis.com';
    this.auth = emulator ? undefined : (options.auth ?? googleAuth());
  }

  /** The document's fields, or undefined when it does not exist. */
  async get<T>(path: DocPath<T>): Promise<T | undefined> {
    if (!/^[^/]+(\/[^/]+\/[^/]+)*\/[^/]+$/.test(path) || path.split('/').length % 2 !== 0) throw new Error(`not a document path: ${path}`);
    const name = path.split('/').map(encodeURIComponent).join('/');
    const url = `${this.baseUrl}/v1/projects/${encodeURIComponent(this.options.projectId)}/databases/${encodeURIComponent(this.options.databaseId ?? '(default)')}/documents/${name}`;
    // The emulator lets an "owner" bearer read past the security rules, as the Admin SDK does.
    const headers: Record<string, string> = { authorization: `Bearer ${this.auth ? await this.token() : 'owner'}` };
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: AbortSignal.timeout(this.options.timeoutMs ?? 2_500) });
    } catch (error) {
      throw new Error(`Firestore read of ${path} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    if (response.status === 404) return undefined;
    if (!response.ok) throw new Error(`Firestore read of ${path} failed with HTTP ${response.status}`);
    const body = (await response.json()) as { fields?: Record<string, RestValue> };
    return asRead(path, decodeFields(body.fields ?? {}) as T);
  }

  private async token(): Promise<string> {
    const token = await this.auth?.getAccessToken();
    if (!token) throw new Error('no Google access token for Firestore (are Application Default Credentials set up?)');
    return token;
  }
}

export function decodeFields(fields: Record<string, RestValue>): DocumentData {
  const out: DocumentData = {};
  for (const [key, value] of Object.entries(fields)) out[key] = decodeValue(value);
  return out;
}

function decodeValue(value: RestValue): unknown {
  if (value.mapValue) return decodeFields(value.mapValue.fields ?? {});
  if (value.arrayValue) return (value.arrayValue.values ?? []).map(decodeValue);
  if (value.integerValue !== undefined) return Number(value.integerValue);
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.booleanValue !== undefined) return value.booleanValue;
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.timestampValue !== undefined) return value.timestampValue;
  if (value.referenceValue !== undefined) return value.referenceValue;
  if (value.bytesValue !== undefined) return value.bytesValue;
  if (value.geoPointValue !== undefined) return value.geoPointValue;
  return null;
}

function googleAuth(): AccessTokenSource {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded at cold start, only outside the emulator
  const { GoogleAuth } = require('google-auth-library') as typeof import('google-auth-library');
  return new GoogleAuth({ scopes: [datastoreScope] });
}
