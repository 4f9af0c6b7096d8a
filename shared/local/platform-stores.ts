/**
 * @module platform-stores
 * The local runtime's document stores: the embedded one (a snapshot file in the data dir), or,
 * under `--production-clients`, the production adapter on Firestore's emulator. Either way
 * the shops' secrets are a database of their own, as in production, and functions see
 * Firestore's faults where the stand-ins keeping their state in it (Cloud Tasks, Stripe,
 * Twitch) do not: on the embedded store through its fault hook, on the emulator through a
 * proxy beneath the functions' SDK (faults/firestore-fault-proxy).
 */
import { join } from 'node:path';
import { ConfigError } from '../config';
import { shopSecretsDatabase, type DocumentStore } from '../ports';
import { LocalDocumentStore, type StoreFaults } from './firestore/document-store';
import { createFirestoreDocumentStore } from '../adapters/firestore/firestore-document-store';
import type { FaultInjector } from './faults/fault-injector';
import { faultDecider, startFirestoreFaultProxy } from './faults/firestore-fault-proxy';
import { productionClientsOn } from './production-clients';

export interface PlatformStores {
  /** The runtime's own: the stand-ins' state and the dev routes, never faulty. */
  store: DocumentStore;
  shopSecrets: DocumentStore;
  /** What functions in this process are handed. */
  functionStore: DocumentStore;
  functionShopSecrets: DocumentStore;
  /** The embedded stores, when they are the ones in use: processes reach them over RPC. */
  embedded: { store: LocalDocumentStore; shopSecrets: LocalDocumentStore; faults: StoreFaults | undefined } | undefined;
  /** Under the production clients: where function processes open their own SDK (the emulator, or the fault proxy before it). */
  firestoreHost: string | undefined;
  close(): Promise<void>;
}

export async function openPlatformStores(options: {
  env: Readonly<Record<string, string | undefined>>;
  dataDir: string;
  projectId: string;
  faults: FaultInjector | undefined;
}): Promise<PlatformStores> {
  const { faults } = options;
  if (productionClientsOn(options.env)) return openEmulatorStores(options.env, options.projectId, faults);
  const storeFaults: StoreFaults | undefined = faults?.covers('firestore.aborted') ? { abortCommit: () => faults.roll('firestore.aborted') } : undefined;
  const store = new LocalDocumentStore({ snapshotFile: join(options.dataDir, 'store.json') });
  // Production keeps the shops' secrets in a database of their own; so does the local runtime, so code that reads them from the wrong one fails here.
  const shopSecrets = new LocalDocumentStore({ snapshotFile: join(options.dataDir, 'shop-secrets.json'), database: shopSecretsDatabase });
  return {
    store,
    shopSecrets,
    functionStore: storeFaults ? store.withFaults(storeFaults) : store,
    functionShopSecrets: storeFaults ? shopSecrets.withFaults(storeFaults) : shopSecrets,
    embedded: { store, shopSecrets, faults: storeFaults },
    firestoreHost: undefined,
    close: async () => {
      await store.close();
      await shopSecrets.close();
    },
  };
}

async function openEmulatorStores(
  env: Readonly<Record<string, string | undefined>>,
  projectId: string,
  faults: FaultInjector | undefined,
): Promise<PlatformStores> {
  const emulatorHost = env.FIRESTORE_EMULATOR_HOST;
  if (!emulatorHost)
    throw new ConfigError(
      'C500_PRODUCTION_CLIENTS=1 runs on Firestore’s emulator: set FIRESTORE_EMULATOR_HOST, or run npm start -- --production-clients, which starts one',
    );
  const proxy = faults?.covers('firestore.aborted', 'firestore.commit-answer-lost', 'firestore.unavailable')
    ? await startFirestoreFaultProxy(emulatorHost, faultDecider(faults))
    : undefined;
  const open = (host: string, databaseId?: string) => createFirestoreDocumentStore(projectId, { emulatorHost: host, ...(databaseId ? { databaseId } : {}) });
  const store = open(emulatorHost);
  const shopSecrets = open(emulatorHost, shopSecretsDatabase);
  const functionStore = proxy ? open(proxy.host) : store;
  const functionShopSecrets = proxy ? open(proxy.host, shopSecretsDatabase) : shopSecrets;
  return {
    store,
    shopSecrets,
    functionStore,
    functionShopSecrets,
    embedded: undefined,
    firestoreHost: proxy?.host ?? emulatorHost,
    close: async () => {
      const clients = new Set([store, shopSecrets, functionStore, functionShopSecrets]);
      await Promise.all([...clients].map((client) => client.close()));
      await proxy?.close();
    },
  };
}
