/**
 * @module stripe/api-call
 * One request to the served local Stripe as its routes see it, and the shape of a route:
 * shared by the routes of each part of the API (api-routes, saved-card-routes).
 */
import type { DocPath } from '../../ports';
import type { StripeForm } from './api-form';
import type { Stored } from './objects';

export interface StripeApiCall {
  params: string[];
  form: StripeForm;
  /** The request's Idempotency-Key (stripe-node sends one with every POST). */
  idempotencyKey: string;
  nowSeconds: number;
  /** The `Stripe-Account` header: the connected account the call is made on (its own balance and payouts). */
  account?: string;
}

export type StripeApiRoute = { method: 'GET' | 'POST' | 'DELETE'; path: RegExp; answer: (call: StripeApiCall) => Promise<Record<string, unknown>> };

/** A kept object by its path, or Stripe's 404 naming what was asked for. */
export type Found = <T>(path: DocPath<Stored<T>>, what: string, id: string) => Promise<T>;

/** The route's first captured part: the id in its path. */
export const idOf = (call: StripeApiCall): string => decodeURIComponent(call.params[0] as string);

/** What a key's request is compared by: its parameters, whole. */
export const fingerprintOf = (request: unknown): string => JSON.stringify(request);
