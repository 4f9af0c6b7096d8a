/**
 * @module production-edges
 * Which of the production clients' edges the local runtime puts under its functions when
 * the switch is on (production-clients): stripe-node against the local Stripe served over
 * HTTP, `@upstash/redis` against the local Upstash REST endpoint. All of them by default;
 * `C500_PRODUCTION_EDGES=stripe,upstash` names a few (a soak of one edge at a time).
 */
import { ConfigError } from '../config';
import type { Payments } from '../ports';
import type { StripeEndpoint } from '../adapters/stripe/stripe-payments';
import { productionClientsOn } from './production-clients';

export const productionEdges = ['stripe', 'upstash'] as const;
export type ProductionEdge = (typeof productionEdges)[number];

export function productionEdgesOn(env: Readonly<Record<string, string | undefined>>): ReadonlySet<ProductionEdge> {
  if (!productionClientsOn(env)) return new Set();
  const named = env.C500_PRODUCTION_EDGES?.split(/[,\s]+/).filter(Boolean);
  if (!named) return new Set(productionEdges);
  // Another side's name (the Firestore emulator's, say) is not this list's to refuse.
  const isEdge = (name: string): name is ProductionEdge => (productionEdges as readonly string[]).includes(name);
  const unknown = named.filter((name) => !isEdge(name) && !/^(firestore|pubsub)$/.test(name));
  if (unknown.length > 0) throw new ConfigError(`C500_PRODUCTION_EDGES names ${unknown.join(', ')}: the edges are ${productionEdges.join(', ')}`);
  return new Set(named.filter(isEdge));
}

/* eslint-disable @typescript-eslint/no-require-imports -- stripe-node is loaded only under the switch */
/** The production adapter, stripe-node and all, against the local Stripe served over HTTP. */
export function productionPayments(secretKey: string, endpoint: StripeEndpoint): Payments {
  const { createStripePayments } = require('../adapters/stripe/stripe-payments') as typeof import('../adapters/stripe/stripe-payments');
  return createStripePayments(secretKey, endpoint);
}
/* eslint-enable @typescript-eslint/no-require-imports */
