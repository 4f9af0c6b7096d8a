/**
 * @module payment-modules
 * What the modules that take money register with payments, and how payments finds the one
 * that owns a Stripe session: by the `kind` our checkouts carry in their metadata. A drop's
 * Buy Now (marketplace) and an auction offer (auctions) are single orders, so they register
 * what happens around one of their orders; a show winner's checkout of several lots (shows)
 * registers the checkout itself; a session in setup mode saved a card (a group buy's pledge,
 * by its kind); a session of no kind of ours is a guild's Payment Link (races' merch). Payments holds the money rules (paid once, refunds that came first,
 * reversals, DMs told once) and asks the module only what is its own.
 *
 * The modules' hooks are closures over their own deps, put together above the modules
 * (router/payment-wiring), so payments imports none of them.
 */
import type { CheckoutShipping, DocPath, Transaction } from '../../ports';
import type { Order } from '../../orders';
import type { StripeEvent } from '../rules/stripe-event';
import type { CheckoutMerchView } from '../rules/checkout-views';
import type { PaymentArrived } from './waiting-refunds';

/** A write staged once every read of the transaction is done (Firestore reads all before it writes). */
export type StagedWrite = (tx: Transaction) => void;

/** What a module that sells single orders does around them. */
export interface OrderSource {
  /** Reads what a paid order changes (a drop's hold on the buyer, an auction's status), in the payment's transaction. */
  paid(tx: Transaction, order: Order): Promise<StagedWrite>;
  /**
   * What a paid order (not refunded in full before we heard) gains on itself, read in the
   * payment's transaction: a commission's place in its builder's queue, with the write that
   * takes it. Undefined when it gains nothing.
   */
  placed?(tx: Transaction, order: Order, paidAt: Date): Promise<{ fields: Pick<Order, 'commission'>; write: StagedWrite } | undefined>;
  /** Reads what a fully refunded order gives back, in the refund's transaction: a unit to its drop, or nothing. */
  refunded(tx: Transaction, order: Order): Promise<{ write: StagedWrite; stockReturned: true } | undefined>;
  /** A full refund failed later: takes its unit off sale again, in the failure's transaction (the shard it came from), or undefined when none is left. */
  refundFailed?(tx: Transaction, order: Order): Promise<{ stockShard?: number } | undefined>;
  /** After a payment, a full refund or a failed refund of these orders (all its own) is recorded: what people see of them (a drop's post, a show's run sheet), a commission's late check. */
  changed(orders: Order[]): Promise<void>;
  /** Where the order was made, to mention a buyer or builder whose DMs are closed. */
  channelOf(order: Order): Promise<string | undefined>;
  /**
   * Who hears of a paid order, when the module says it itself instead of the buyer's receipt
   * and the builder's new-order DM: a group buy's builder hears once of the whole close, not
   * of each of its thousands of orders. Each told once, whatever redelivers the payment.
   */
  tellPaid?(order: Order, stripePaidAt: string): Promise<void>;
  /** Its checkout lapsed unpaid (expired, or a delayed payment failed): what it held goes back, once per event. */
  lapsed(order: Order, eventId: string): Promise<void>;
}

/** A checkout of several orders at once, as payments reads it (the module keeps its own document). */
export interface BundleView {
  checkoutId: string;
  status: 'collecting' | 'open' | 'paid' | 'expired' | 'closed';
  orderIds: string[];
  amountCents: number;
  currency: string;
  buyerId: string;
  channelId?: string;
  checkoutSessionId?: string;
  checkoutExpiresAt?: string;
  chargeId?: string;
  paidByEvent?: string;
  /** The shipping its session asked for: the address's country is checked against the option paid. */
  shippingQuote?: CheckoutShipping;
}

/** What a payment writes on the checkout it paid. */
export interface PaymentMark {
  paidAt: string;
  paidByEvent: string;
  paymentIntentId: string;
  chargeId: string;
  /** The session that paid; none for a saved card charged off session (a group buy's pledge at its close). */
  checkoutSessionId?: string;
}

/** A module's checkout of several of its orders (a show winner's lots from one builder). */
export interface BundleKind {
  /** The metadata field that names the checkout on its session. */
  metadataKey: string;
  isIdShaped(checkoutId: string): boolean;
  read(reader: { get<T>(path: DocPath<T>): Promise<T | undefined> }, checkoutId: string): Promise<BundleView | undefined>;
  /** Staged after the payment's reads: the checkout is paid. */
  markPaid(tx: Transaction, checkoutId: string, mark: PaymentMark): void;
  /** The buyer's one receipt and the builder's one DM for the orders kept, each told once; the receipt's delay is counted from `stripePaidAt`. */
  tellPaid(checkout: BundleView, kept: Order[], stripePaidAt: string): Promise<void>;
  /** Its session lapsed unpaid: each order goes back, once per event. */
  lapsed(checkoutId: string, event: StripeEvent): Promise<void>;
  /** The buyer hears why a delayed payment failed (called once per session). */
  tellFailed(checkout: BundleView): Promise<void>;
}

/** Payments that are none of our checkouts: a guild's Stripe Payment Link selling merch. */
export interface OtherPayments {
  sessionPaid(event: StripeEvent): Promise<void>;
  /** A charge that paid none of our orders; `orderPaid` is read in the transaction that would park the refund. */
  chargeRefunded(event: StripeEvent, orderPaid: PaymentArrived): Promise<'payment-arrived' | 'done'>;
  /**
   * Whether this payment paid such a sale, read in the transaction that would otherwise keep a
   * failed refund for an order's payment: a sale's payment is no order's, so nothing would collect it.
   */
  salePaid(tx: Transaction, paymentIntentId: string): Promise<boolean>;
  /** The success page for such a session. */
  view(sessionId: string): Promise<CheckoutMerchView | undefined>;
}

export interface PaymentModules {
  /** Single orders, by the order's source. */
  orders: Record<Order['source'], OrderSource>;
  /** Checkouts of several orders, by their sessions' metadata `kind`. */
  bundles: Record<string, BundleKind>;
  others: OtherPayments;
  /**
   * Checkouts in `setup` mode (a card saved for later, nothing paid: a group buy's pledge), by
   * their sessions' metadata `kind`: the module that opened one reads what was saved. A setup
   * session is never a merch sale, whatever its kind.
   */
  cardSetups: Record<string, (event: StripeEvent) => Promise<void>>;
  /** A builder's connected account changed (onboarding). */
  accountUpdated(event: StripeEvent): Promise<void>;
  /**
   * These orders were paid, whatever sold them (after every payment, redeliveries too): the
   * buyers have paid on C500 (auctions trust them past the new-bidder limit).
   */
  buyersPaid(orders: Order[]): Promise<void>;
  /**
   * The disputes on this charge whose events came before its payment (they found no order),
   * read in the payment's transaction so the two never miss each other; each is then
   * `disputeArrivedFirst`, once the payment is recorded and before anyone is told of it.
   */
  disputesBefore(tx: Transaction, chargeId: string): Promise<string[]>;
  disputeArrivedFirst(disputeId: string): Promise<void>;
  /** The builder revoked C500's access to their Stripe account (onboarding recorded it): what they sell live stops taking money. */
  builderRevoked?(builderId: string): Promise<void>;
}
