/**
 * @module production-edges
 * Which of the production clients' edges the local runtime puts under its functions when
 * the switch is on (production-clients): `@upstash/redis` against the local Upstash REST
 * endpoint. All of them by default; `C500_PRODUCTION_EDGES=upstash` names those wanted (a
 * soak of one edge at a time). Stripe is no longer one: every function reaches the local
 * Stripe with stripe-node over HTTP, switch or not (stripe/production-adapter), so `stripe`
 * is taken and changes nothing.
 */
import { ConfigError } from '../config';
import { productionClientsOn } from './production-clients';

export const productionEdges = ['upstash'] as const;
export type ProductionEdge = (typeof productionEdges)[number];

export function productionEdgesOn(env: Readonly<Record<string, string | undefined>>): ReadonlySet<ProductionEdge> {
  if (!productionClientsOn(env)) return new Set();
  const named = env.C500_PRODUCTION_EDGES?.split(/[,\s]+/).filter(Boolean);
  if (!named) return new Set(productionEdges);
  // Another side's name (the Firestore emulator's, say), or Stripe's (always over HTTP now), is not this list's to refuse.
  const isEdge = (name: string): name is ProductionEdge => (productionEdges as readonly string[]).includes(name);
  const unknown = named.filter((name) => !isEdge(name) && !/^(firestore|pubsub|stripe)$/.test(name));
  if (unknown.length > 0) throw new ConfigError(`C500_PRODUCTION_EDGES names ${unknown.join(', ')}: the edges are ${productionEdges.join(', ')}`);
  return new Set(named.filter(isEdge));
}
