/**
 * @module fact-kinds
 * The closed set of facts an order takes, as one union: each is `{ kind, …what it says }`.
 */
import type { CheckoutFacts } from './checkout-facts';
import type { RefundFacts } from './refund-facts';
import type { ReleaseFacts } from './release-facts';
import type { DisputeFacts } from './dispute-facts';
import type { DeliveryFacts } from './delivery-facts';
import type { CommissionFacts } from './commission-facts';
import type { ParcelFacts } from './parcel-facts';
import type { LabelFacts } from './label-facts';

export type OrderFactPayloads = CheckoutFacts & RefundFacts & ReleaseFacts & DisputeFacts & DeliveryFacts & CommissionFacts & ParcelFacts & LabelFacts;
export type OrderFactKind = keyof OrderFactPayloads;
/** What happened to an order: the one thing any module outside `orders` may hand its writer. */
export type OrderFact = { [K in OrderFactKind]: { kind: K } & OrderFactPayloads[K] }[OrderFactKind];
/** One kind of fact, as its handler takes it. */
export type OrderFactOf<K extends OrderFactKind> = Extract<OrderFact, { kind: K }>;
