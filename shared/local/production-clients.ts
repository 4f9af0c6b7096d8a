/**
 * @module production-clients
 * One switch (`C500_PRODUCTION_CLIENTS=1`, or `--production-clients` on `npm start` and
 * `npm run soak`) puts the production clients under the local runtime: the Firestore SDK and
 * the Pub/Sub client on Google's emulators, and `@upstash/redis` against a local Upstash REST
 * endpoint. Off by default, so a newcomer needs no Java. (stripe-node against the local
 * Stripe served over HTTP is not the switch's: every function pays that way, always.)
 */
export function productionClientsOn(env: Readonly<Record<string, string | undefined>>): boolean {
  return env.C500_PRODUCTION_CLIENTS === '1';
}
